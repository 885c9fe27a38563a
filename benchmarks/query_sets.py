"""The real site's query sets (tests/search/queries-*.yaml) measured per class: how many
queries find their pages in the first five, and how long the sidebar box takes to show them.

Both editions are built as `make html` and `make html-zh` build them and served side by side;
each query is typed into the box of one page (the engine loaded once, as for a reader who
searches again), and timed from its last keystroke to the status line that kb-search.js
writes after filling the list, on the page's own clock. The same queries through the results
page are asserted by tests/browser/test_search_queries.py; the rate here is the box's.
"""

from __future__ import annotations

import statistics
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "tests"))  # the browser tests import sitebuild

from run import run_measured  # noqa: E402

#: Each edition's folder under the served root, as `make html` and `make html-zh` name them.
EDITIONS = {"en": "html", "zh_CN": "html-zh"}
TYPING_DELAY_MS = 50


def build_editions(work: Path, timeout: float) -> Path:
    """Both editions of the real site, built with `make html`'s options, under `work/served`."""
    served = work / "served"
    for language, folder in EDITIONS.items():
        edition = [] if language == "en" else ["-D", f"language={language}"]
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-j", "auto", "-E", *edition]
        command += ["-d", str(work / f"doctrees-{folder}"), str(ROOT / "docs")]
        command.append(str(served / folder))
        built = run_measured(command, work / "logs" / folder, timeout)
        if not built.ok:
            raise SystemExit(f"The real site's {language} build failed:\n{built.stderr_tail}")
    return served


def measure_query_sets(
    work: Path, timeout: float, recorder: str, latency: Callable[[dict, str], dict]
) -> dict[str, Any]:
    """`recorder` notes inputs and status lines in the page, `latency` reads a query's time
    from them (benchmarks/search.py's, so that both measure alike)."""
    import test_search_queries as sets

    from serving import READER_BROWSER, chromium, serving

    served = build_editions(work, timeout)
    figures: dict[str, Any] = {}
    with serving(served) as root, chromium(READER_BROWSER) as browser:
        for language, folder in EDITIONS.items():
            texts = sets.own_words(served / folder)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.add_init_script(recorder)
            page = context.new_page()
            page.goto(f"{root}/{folder}/index.html")
            box = page.locator("input.sidebar-search")
            runs = []
            for query in sets.query_set(language):
                box.fill("")
                page.evaluate("window.__kbBench.inputs = []; window.__kbBench.renders = []")
                box.press_sequentially(query.text, delay=TYPING_DELAY_MS)
                page.wait_for_function(
                    "q => (document.querySelector('.kb-search-status')?.textContent || '')"
                    ".includes(q)",
                    arg=f"“{query.text}”",
                )
                status = page.inner_text(".kb-search-status")
                rows = page.evaluate(sets.BOX)
                elsewhere = page.locator(
                    "#kb-search-listbox .kb-search-elsewhere"
                ).all_text_contents()
                answer = sets.answer_of(rows, status, f"/{folder}/", elsewhere)
                problems = sets.problems_with(query, answer, texts)
                timed = latency(page.evaluate("window.__kbBench"), query.text)
                runs.append(
                    {
                        "query": query.text,
                        "class": query.kind,
                        "passed": not problems,
                        "problems": problems,
                        "ms": timed["ms"],
                    }
                )
            context.close()
            figures[language] = {"classes": by_class(runs), "runs": runs}
    return figures


def by_class(runs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for run in runs:
        groups[run["class"]].append(run)
    groups["all"] = runs
    return {
        name: {
            "passed": sum(run["passed"] for run in group),
            "queries": len(group),
            "median_ms": round(statistics.median(run["ms"] for run in group), 1),
            "max_ms": max(run["ms"] for run in group),
        }
        for name, group in groups.items()
    }


def query_set_report(figures: dict[str, Any]) -> str:
    lines = ["Query sets (the real site, sidebar box): passed/queries, median and max ms"]
    for language, found in figures.items():
        cells = [
            f"{name} {c['passed']}/{c['queries']} {c['median_ms']:.0f}/{c['max_ms']:.0f} ms"
            for name, c in found["classes"].items()
        ]
        lines.append(f"  {language}: " + "; ".join(cells))
    return "\n".join(lines)
