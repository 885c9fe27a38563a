"""Our build against MkDocs Material and Zensical on the same generated content, in interleaved
rounds (benchmarks/README.md, "MkDocs Material and Zensical").

`run.py` calls `compare()` for each size; on its own:

    python benchmarks/peers.py --sizes 300 --rounds 3 --json /tmp/peers.json

Each round builds every contender cold, one after the other (A B C ...), then runs each one's
no-op rebuild, then edits one page in every contender's sources and runs each one's rebuild.
The figures kept per size are the medians of the rounds, with every round in the JSON: this
machine's speed drifts over minutes, and interleaving spreads a slow moment over every
contender instead of one.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import MIN_PAGES, generate, plan
from mkdocs_site import SITE_DIR, convert

HERE = Path(__file__).resolve().parent
DEFAULT_PEERS_PYTHON = HERE / ".venv-peers" / "bin" / "python"
DEFAULT_ROUNDS = 3
DEFAULT_TIMEOUT = 900.0
PEER_PACKAGES = ("mkdocs", "mkdocs-material", "zensical", "markdown", "pymdown-extensions")
CHINESE = ["-D", "language=zh_CN"]
EDIT_TEXT = "\n\nThis paragraph was added by the benchmark's edit step: {marker}.\n"
#: A word found nowhere else, so that finding it in a page or a search index proves the edit
#: reached it.
EDIT_MARKER = "kbeditround{round}"
#: The tools whose pages are `a/b.html` (MkDocs and Zensical write `a/b/index.html`).
SPHINX_TOOLS = ("ours", "sphinx")
#: How often the memory of a build's processes is summed (a parallel build has several).
MEMORY_SAMPLE_SECONDS = 0.2
#: MkDocs 1.6 prints a notice about its successor on every run; it changes nothing.
QUIET_ENVIRONMENT = {"NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}


@dataclass
class Build:
    """One build: wall seconds from process start to exit, exit status, peak memory, and the
    processor seconds (user and system) of the build and every process it waited for: on a
    busy machine the wall time grows with the other work, the processor time hardly."""

    seconds: float
    returncode: int
    timed_out: bool
    peak_mb: float
    cpu_seconds: float = 0.0
    stderr_tail: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


def group_rss_bytes(group: int) -> int:
    """The resident memory of every process in process group `group`, summed."""
    page = os.sysconf("SC_PAGE_SIZE")
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            stat = Path(entry.path, "stat").read_text().rpartition(")")[2].split()
            if int(stat[2]) == group:  # the fields after the name: state, ppid, pgrp, ...
                total += int(Path(entry.path, "statm").read_text().split()[1]) * page
    return total


def run_build(command: list[str], cwd: Path, log: Path, timeout: float) -> Build:
    """Run `command` in `cwd` in a process group of its own; past `timeout` the group is
    killed. Peak memory is the larger of the biggest single process (`os.wait4`) and the
    largest sum over the group's processes seen by sampling (`-j auto` forks workers)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("READTHEDOCS")}
    env |= QUIET_ENVIRONMENT
    timed_out, done = threading.Event(), threading.Event()
    sampled = [0]
    with log.with_suffix(".out").open("wb") as out, log.with_suffix(".err").open("wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=env,
            start_new_session=True,
        )

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)

        def sample() -> None:
            while not done.wait(MEMORY_SAMPLE_SECONDS):
                sampled[0] = max(sampled[0], group_rss_bytes(process.pid))

        timer = threading.Timer(timeout, kill)
        sampler = threading.Thread(target=sample, daemon=True)
        timer.start()
        sampler.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:  # Ctrl-C: leave no build running
            kill()
            os.wait4(process.pid, 0)
            raise
        finally:
            timer.cancel()
            done.set()
        seconds = time.perf_counter() - start
    sampler.join()
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # a helper process left behind by the tool
    errors = log.with_suffix(".err").read_text(encoding="utf-8", errors="replace")
    return Build(
        seconds=round(seconds, 3),
        returncode=os.waitstatus_to_exitcode(status),
        timed_out=timed_out.is_set(),
        peak_mb=round(max(usage.ru_maxrss * 1024, sampled[0]) / 2**20, 1),
        cpu_seconds=round(usage.ru_utime + usage.ru_stime, 3),
        stderr_tail="\n".join(errors.splitlines()[-15:]),
    )


@dataclass
class Contender:
    """One tool in one configuration: how to build it cold and again, where it writes."""

    key: str
    label: str
    tool: str
    cwd: Path
    cold: list[str]
    again: list[str]
    #: what a cold build starts without (output, caches, saved environment)
    fresh: list[Path]
    output: Path
    #: the page `edit` changes, in this contender's own sources
    source_of: Any
    #: folders under `output` whose HTML is not pages (themes' assets)
    asset_folders: tuple[str, ...]
    #: where a cold build first deletes compiled catalogs (`*.mo`), if anywhere
    compiled_catalogs: Path | None = None
    rounds: list[dict[str, Any]] = field(default_factory=list)
    gave_up: str | None = None

    def edited_file(self, docname: str) -> Path:
        return self.source_of(docname)

    def page_file(self, docname: str) -> Path:
        """The HTML that `docname` becomes: `a/b.html` for Sphinx (ours and stock),
        `a/b/index.html` for MkDocs and Zensical (directory URLs, their default)."""
        if self.tool in SPHINX_TOOLS:
            return self.output / f"{docname}.html"
        folder = docname.removesuffix("index").rstrip("/")
        return self.output / folder / "index.html"


def search_index_state(contender: Contender, marker: str) -> dict[str, Any]:
    """The pages in a contender's search index, and whether the index holds `marker`; what
    went wrong reading it, if anything (a long run must not stop on it)."""
    try:
        return read_search_index(contender, marker)
    except (OSError, ValueError, KeyError) as error:
        return {"search_pages": None, "search_finds_edit": None, "search_error": repr(error)}


def read_search_index(contender: Contender, marker: str) -> dict[str, Any]:
    output = contender.output
    if contender.tool == "ours":  # Pagefind, in parts on a large site
        entries = [json.loads(p.read_text()) for p in output.rglob("pagefind-entry.json")]
        pages = sum(lang["page_count"] for e in entries for lang in e["languages"].values())
        found = any(
            marker.encode() in gzip.decompress(p.read_bytes())
            for p in output.rglob("*.pf_fragment")
        )
        return {"search_pages": pages, "search_finds_edit": found}
    if contender.tool == "sphinx":  # Sphinx's own index: Search.setIndex({...})
        text = (output / "searchindex.js").read_text(encoding="utf-8")
        data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
        return {"search_pages": len(data["docnames"]), "search_finds_edit": marker in data["terms"]}
    path = output / ("search/search_index.json" if contender.tool == "mkdocs" else "search.json")
    if not path.is_file():
        return {"search_pages": 0, "search_finds_edit": False}
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    items = data.get("docs") or data.get("items") or []
    pages = {item["location"].partition("#")[0] for item in items}
    return {"search_pages": len(pages), "search_finds_edit": marker in text}


def ours(key: str, label: str, source: Path, build: Path, options: list[str]) -> Contender:
    """Our build as `make html` runs it (`-W --keep-going -n`, through `biotroy_kb.build`, which
    does not start Sphinx when nothing changed), into `build`."""
    command = [sys.executable, "-m", "biotroy_kb.build", "-b", "html", "-q", *options]
    command += ["-W", "--keep-going", "-n", "-d", str(build / "doctrees"), str(source)]
    command.append(str(build / "html"))
    return Contender(
        key,
        label,
        "ours",
        source,
        command,
        command,
        [build],
        build / "html",
        lambda docname: source / f"{docname}.md",
        ("_static", "_sources", "_pagefind"),
    )


def mkdocs(key: str, label: str, folder: Path, python: Path) -> Contender:
    """MkDocs builds strict (a warning fails, as our -W); `--dirty` rebuilds only the pages
    whose source is newer than their output, its only incremental mode."""
    command = [str(python), "-m", "mkdocs", "build", "--strict", "-q"]
    return Contender(
        key,
        label,
        "mkdocs",
        folder,
        command,
        [*command, "--dirty"],
        [folder / SITE_DIR],
        folder / SITE_DIR,
        lambda docname: folder / "docs" / f"{docname}.md",
        ("assets",),
    )


def zensical(key: str, label: str, folder: Path, python: Path) -> Contender:
    """Zensical builds strict; it keeps a cache in `.cache/` and uses it on the next build
    unless told `--clean`. A cold build starts with neither the cache nor the output."""
    command = [str(python), "-m", "zensical", "build", "--strict"]
    return Contender(
        key,
        label,
        "zensical",
        folder,
        command,
        command,
        [folder / SITE_DIR, folder / ".cache"],
        folder / SITE_DIR,
        lambda docname: folder / "docs" / f"{docname}.md",
        ("assets",),
    )


#: The converted pages as a stock Sphinx project: MyST with the extensions the conversion's
#: syntax needs, Sphinx's plainest theme, nothing of ours. What MyST cannot read of Python-
#: Markdown (the glossary's `{#term-…}` anchors, a rule inside a card) is left unresolved and
#: its warnings are not shown, so the stock build does less than ours, not more.
STOCK_CONF = """\
# Written by benchmarks/peers.py: stock Sphinx and MyST on the pages converted for MkDocs.
project = "Synthetic Knowledge Base"
extensions = ["myst_parser"]
myst_enable_extensions = ["deflist", "attrs_block", "attrs_inline"]
myst_heading_anchors = 3
html_theme = "basic"
suppress_warnings = ["myst.xref_missing", "myst.header", "docutils"]
"""
#: Every page in the table of contents, as MkDocs' `nav` has them (a hidden toctree on the
#: front page), so that Sphinx links the pages in order and finds none outside it.
STOCK_TOCTREE = "\n\n```{toctree}\n:hidden:\n:glob:\n\n**\n```\n"


def stock_sphinx_project(converted: Path, folder: Path) -> Path:
    """The pages of an MkDocs project (`converted/docs`) as a Sphinx project in
    `folder/src`."""
    source = folder / "src"
    shutil.copytree(converted / "docs", source)
    (source / "conf.py").write_text(STOCK_CONF, encoding="utf-8")
    index = source / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + STOCK_TOCTREE, encoding="utf-8")
    return folder


def stock_sphinx(key: str, label: str, folder: Path) -> Contender:
    """Stock Sphinx builds incrementally by itself; `-j auto` as ours. Run by our Python, whose
    Sphinx and MyST are the site's pinned versions."""
    out, doctrees = folder / "html", folder / "doctrees"
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", "auto"]
    command += ["-d", str(doctrees), str(folder / "src"), str(out)]
    return Contender(
        key,
        label,
        "sphinx",
        folder,
        command,
        command,
        [out, doctrees],
        out,
        lambda docname: folder / "src" / f"{docname}.md",
        ("_static", "_sources"),
    )


def contenders(
    site: Path, mkdocs_project: Path, work: Path, python: Path | None
) -> list[Contender]:
    found = [
        ours(
            "ours-parallel",
            "ours -j auto (make html)",
            site,
            work / "ours-parallel",
            ["-j", "auto"],
        ),
        ours("ours-serial", "ours serial", site, work / "ours-serial", []),
    ]
    if python is None:
        return found
    folders = convert(site, mkdocs_project)
    return [
        *found,
        mkdocs("mkdocs-default", "MkDocs Material", folders["mkdocs-default"], python),
        mkdocs("mkdocs-pruned", "MkDocs Material, pruned", folders["mkdocs-pruned"], python),
        zensical("zensical-default", "Zensical", folders["zensical-default"], python),
        zensical("zensical-pruned", "Zensical, pruned", folders["zensical-pruned"], python),
        stock_sphinx(
            "sphinx-stock",
            "Sphinx + MyST, stock, -j auto",
            stock_sphinx_project(folders["mkdocs-pruned"], mkdocs_project / "sphinx-stock"),
        ),
    ]


def output_figures(output: Path, asset_folders: tuple[str, ...]) -> dict[str, Any]:
    """All files' bytes, and the HTML pages' count and average bytes (theme assets aside)."""
    files = [p for p in output.rglob("*") if p.is_file()]
    pages = [
        p.stat().st_size
        for p in files
        if p.suffix == ".html" and not set(p.relative_to(output).parts) & set(asset_folders)
    ]
    return {
        "total_bytes": sum(p.stat().st_size for p in files),
        "files": len(files),
        "html_pages": len(pages),
        "average_page_bytes": round(sum(pages) / len(pages)) if pages else None,
    }


def editions(site: Path, work: Path) -> list[Contender]:
    """Ours in English and in Chinese, as `make html` and `make html-zh` run them. A cold
    Chinese build also starts without the compiled catalogs (`*.mo`, which a fresh clone does
    not have: Sphinx compiles them into the source's locale/ folder)."""
    english = ours("ours-en", "ours, English", site, work / "en", ["-j", "auto"])
    chinese = ours("ours-zh", "ours, Chinese", site, work / "zh", ["-j", "auto", *CHINESE])
    chinese.compiled_catalogs = site / "locale"
    return [english, chinese]


class Comparison:
    """The interleaved rounds of one size: ours against the peers, or (`chinese`) our
    English build against our Chinese one of the same site."""

    def __init__(
        self,
        size: int,
        work: Path,
        rounds: int,
        timeout: float,
        python: Path | None = None,
        chinese: bool = False,
    ) -> None:
        self.size = size
        self.work = work
        self.rounds = rounds
        self.timeout = timeout
        self.chinese = chinese
        self.layout = plan(size)
        site = work / "site"
        generate(site, size, chinese=chinese)
        if chinese:
            self.contenders = editions(site, work / "builds")
        else:
            self.contenders = contenders(site, work / "mkdocs", work / "builds", python)

    def build(self, contender: Contender, step: str, round_number: int) -> Build | None:
        if contender.gave_up:
            return None
        command = contender.cold if step == "cold" else contender.again
        log = self.work / "logs" / f"{contender.key}-{step}-{round_number}"
        build = run_build(command, contender.cwd, log, self.timeout)
        contender.rounds[-1][step] = asdict(build)
        if not build.stderr_tail:
            del contender.rounds[-1][step]["stderr_tail"]
        status = "" if build.ok else (" DID NOT FINISH" if build.timed_out else " FAILED")
        print(
            f"  {self.size} pages, round {round_number}, {contender.label}, {step}: "
            f"{build.seconds:.2f} s ({build.cpu_seconds:.2f} s processor), "
            f"{build.peak_mb:.0f} MB{status}",
            flush=True,
        )
        if build.timed_out:
            contender.gave_up = f"did not finish in {self.timeout:.0f} s ({step})"
        elif not build.ok:
            contender.gave_up = f"failed ({step}, exit {build.returncode})"
            print("\n".join(f"    | {line}" for line in build.stderr_tail.splitlines()))
        return build

    def run_round(self, number: int) -> None:
        for contender in self.contenders:
            contender.rounds.append({"round": number})
        for contender in self.contenders:
            for path in contender.fresh:
                shutil.rmtree(path, ignore_errors=True)
            if contender.compiled_catalogs:
                for compiled in contender.compiled_catalogs.rglob("*.mo"):
                    compiled.unlink()
            build = self.build(contender, "cold", number)
            if build and build.ok:
                contender.rounds[-1]["output"] = output_figures(
                    contender.output, contender.asset_folders
                )
        for contender in self.contenders:
            build = self.build(contender, "noop", number)
            if build and build.ok:
                state = search_index_state(contender, EDIT_MARKER.format(round=number))
                contender.rounds[-1]["after_noop"] = {"search_pages": state["search_pages"]}
        marker = EDIT_MARKER.format(round=number)
        edited = {c.edited_file(self.layout.edit_page) for c in self.contenders if not c.gave_up}
        for path in edited:
            text = path.read_text(encoding="utf-8").rstrip("\n")
            path.write_text(text + EDIT_TEXT.format(marker=marker), encoding="utf-8")
        for contender in self.contenders:
            build = self.build(contender, "edit", number)
            if build and build.ok:
                contender.rounds[-1]["after_edit"] = self.what_edit_left(contender, marker)

    def what_edit_left(self, contender: Contender, marker: str) -> dict[str, Any]:
        """Whether the edited page shows the edit, and what the search index holds: how many
        pages, and whether it finds the edit (MkDocs' `--dirty` writes an index of only the
        pages it rebuilt)."""
        page = contender.page_file(self.layout.edit_page)
        shown = page.is_file() and marker in page.read_text(encoding="utf-8", errors="replace")
        return {"page_shows_edit": shown, **search_index_state(contender, marker)}

    def run(self, after_round: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
        """All rounds; `after_round` gets the figures so far after each (a long run that is
        stopped keeps what it measured)."""
        for number in range(1, self.rounds + 1):
            self.run_round(number)
            if after_round:
                after_round(self.result())
        return self.result()

    def result(self) -> dict[str, Any]:
        figures = {c.key: summarise(c) for c in self.contenders}
        found = {
            "pages": self.size,
            "rounds": self.rounds,
            "timeout": self.timeout,
            "edited_page": self.layout.edit_page,
            "contenders": figures,
        }
        if self.chinese:
            english, chinese = figures["ours-en"], figures["ours-zh"]
            found["chinese_over_english"] = {s: ratio(chinese[s], english[s]) for s in STEPS}
        else:
            found["ratios"] = ratios(figures)
        return found


def median_of(rounds: list[dict[str, Any]], step: str, what: str = "seconds") -> float | None:
    values = [r[step][what] for r in rounds if step in r and r[step]["returncode"] == 0]
    return round(statistics.median(values), 3) if values else None


def summarise(contender: Contender) -> dict[str, Any]:
    rounds = contender.rounds
    complete = [r for r in rounds if all(r.get(s, {}).get("returncode") == 0 for s in STEPS)]
    outputs = [r["output"] for r in rounds if "output" in r]
    peaks = [r["cold"]["peak_mb"] for r in rounds if "cold" in r]
    summary: dict[str, Any] = {
        "label": contender.label,
        "tool": contender.tool,
        "cold": median_of(complete, "cold") if complete else None,
        "noop": median_of(complete, "noop") if complete else None,
        "edit": median_of(complete, "edit") if complete else None,
        "cold_range": seconds_range(complete, "cold"),
        "cold_cpu": median_of(complete, "cold", "cpu_seconds") if complete else None,
        "peak_mb": max(peaks) if peaks else None,
        "output": outputs[-1] if outputs else None,
        "after_edit": [r["after_edit"] for r in rounds if "after_edit" in r],
        "gave_up": contender.gave_up,
        "cold_command": " ".join(contender.cold),
        "again_command": " ".join(contender.again),
        "rounds": rounds,
    }
    return summary


STEPS = ("cold", "noop", "edit")


def seconds_range(rounds: list[dict[str, Any]], step: str) -> list[float] | None:
    values = [r[step]["seconds"] for r in rounds if step in r]
    return [min(values), max(values)] if values else None


def ratios(figures: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Ours as `make html` runs it over each peer configuration, for each time, and over the
    fastest peer configuration (below 1: ours is faster)."""
    base = figures["ours-parallel"]
    found: dict[str, Any] = {}
    peers = {k: v for k, v in figures.items() if v["tool"] != "ours"}
    for step in (*STEPS, "cold_cpu"):
        found[step] = {
            k: ratio(base[step], v[step]) for k, v in figures.items() if k != "ours-parallel"
        }
        timed = {k: v[step] for k, v in peers.items() if v[step] is not None}
        if timed:
            fastest = min(timed, key=timed.__getitem__)
            found[f"{step}_fastest_peer"] = {
                "peer": fastest,
                "ratio": ratio(base[step], timed[fastest]),
            }
    return found


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 3)


# The table


def render(result: dict[str, Any]) -> str:
    chinese = "chinese_over_english" in result
    ratio_heads = (
        ("zh/en cold", "no-op", "edit") if chinese else ("ours/this cold", "no-op", "edit")
    )
    columns = (
        "contender", "cold s", "(range)", "no-op s", "edit s", "output MB", "avg page kB",
        "peak MB", "cold CPU s", *ratio_heads, "after the edit",
    )  # fmt: skip
    rows = [row(key, figures, result) for key, figures in result["contenders"].items()]
    rows = [r + [""] * (len(columns) - len(r)) for r in rows]
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(columns)]
    what = "the English and the Chinese build" if chinese else "ours/this below 1: ours is faster"
    lines = [
        f"{result['pages']} pages: medians of {result['rounds']} interleaved rounds ({what})",
        aligned(columns, widths),
        "-+-".join("-" * w for w in widths),
        *(aligned(r, widths) for r in rows),
    ]
    if chinese:
        found = result["chinese_over_english"]
        lines.append(
            "Chinese / English: "
            + ", ".join(f"{step} {times(found[step])}" for step in STEPS)
            + " (goal: cold and no-op at most 1.3x)"
        )
        return "\n".join(lines)
    for step in (*STEPS, "cold_cpu"):
        fastest = result["ratios"].get(f"{step}_fastest_peer")
        if fastest:
            label = result["contenders"][fastest["peer"]]["label"]
            name = "cold, processor time" if step == "cold_cpu" else step
            lines.append(
                f"{name}: ours (-j auto) / fastest peer ({label}) = {times(fastest['ratio'])}"
            )
    return "\n".join(lines)


def row(key: str, figures: dict[str, Any], result: dict[str, Any]) -> list[str]:
    """One contender's line: its medians, output, memory, ratios and what its edit left."""
    if figures["gave_up"] and figures["cold"] is None:
        return [figures["label"], figures["gave_up"]]
    output = figures["output"] or {}
    low_high = figures["cold_range"]
    if "chinese_over_english" in result:
        ratios_shown = [
            times(result["chinese_over_english"][step]) if key == "ours-zh" else ""
            for step in STEPS
        ]
    else:
        ratios_shown = [
            "" if key == "ours-parallel" else times(result["ratios"][step].get(key))
            for step in STEPS
        ]
    page = output.get("average_page_bytes")
    return [
        figures["label"],
        cell(figures["cold"]),
        f"{low_high[0]:.1f}–{low_high[1]:.1f}" if low_high else "",
        cell(figures["noop"]),
        cell(figures["edit"]),
        f"{output['total_bytes'] / 1e6:.1f}" if output else "—",
        f"{page / 1000:.1f}" if page else "—",
        f"{figures['peak_mb']:.0f}" if figures["peak_mb"] else "—",
        cell(figures.get("cold_cpu")),
        *ratios_shown,
        edit_state(figures),
    ]


def aligned(cells: tuple[str, ...] | list[str], widths: list[int]) -> str:
    return " | ".join(
        c.ljust(w) if i == 0 else c.rjust(w)
        for i, (c, w) in enumerate(zip(cells, widths, strict=True))
    )


def edit_state(figures: dict[str, Any]) -> str:
    """What the last round's edit left: the page and the search index up to date or not."""
    if not figures["after_edit"]:
        return "—"
    last = figures["after_edit"][-1]
    if "search_error" in last:
        return f"index unreadable: {last['search_error']}"
    page = "page ok" if last["page_shows_edit"] else "PAGE STALE"
    found = "finds edit" if last["search_finds_edit"] else "MISSES EDIT"
    return f"{page}, index {last['search_pages']} pages, {found}"


def cell(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:.2f}"


def times(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}x"


# The peers' environment


def peer_versions(python: Path) -> dict[str, str | None]:
    script = (
        "import json, importlib.metadata as m\n"
        "def v(n):\n"
        "    try: return m.version(n)\n"
        "    except m.PackageNotFoundError: return None\n"
        f"print(json.dumps({{n: v(n) for n in {list(PEER_PACKAGES)!r}}}))"
    )
    done = subprocess.run([str(python), "-c", script], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def offline_prefix() -> list[str]:
    """`unshare -n`: the command runs with no network at all (needs root, or user
    namespaces); empty when this machine cannot do that."""
    unshare = shutil.which("unshare")
    if not unshare:
        return []
    probe = subprocess.run([unshare, "-n", "true"], capture_output=True, check=False)
    return [unshare, "-n"] if probe.returncode == 0 else []


def warm_up(python: Path | None, timeout: float) -> dict[str, Any]:
    """Build a small site with every contender once: imports and bytecode are warm for the
    first measured build, and each peer is shown to build with no network (under `unshare
    -n` where this machine can; said in the JSON)."""
    prefix = offline_prefix()
    found: dict[str, Any] = {"pages": MIN_PAGES, "offline": bool(prefix)}
    with tempfile.TemporaryDirectory(prefix="kb-peers-warmup-") as tmp:
        work = Path(tmp)
        generate(work / "site", MIN_PAGES)
        for contender in contenders(work / "site", work / "mkdocs", work / "builds", python):
            command = [*prefix, *contender.cold] if contender.tool != "ours" else contender.cold
            build = run_build(command, contender.cwd, work / "logs" / contender.key, timeout)
            found[contender.key] = {"seconds": build.seconds, "ok": build.ok}
            if not build.ok:
                raise SystemExit(
                    f"The warm-up build of {contender.label} failed:\n{build.stderr_tail}"
                )
    return found


def resolve_python(requested: Path | None) -> Path | None:
    """The peers' interpreter, or None when there is none (only ours is then built)."""
    python = requested or DEFAULT_PEERS_PYTHON
    # Absolute, since the peers run in their projects' folders; not resolved, since a venv's
    # python is a link to the base interpreter and only the link finds the venv's packages.
    return python.absolute() if python.exists() else None


Progress = Callable[[dict[str, Any]], None] | None


def compare(
    size: int, python: Path | None, rounds: int, timeout: float, after_round: Progress = None
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix=f"kb-peers-{size}-") as tmp:
        return Comparison(size, Path(tmp), rounds, timeout, python=python).run(after_round)


def compare_chinese(
    size: int, rounds: int, timeout: float, after_round: Progress = None
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix=f"kb-chinese-{size}-") as tmp:
        return Comparison(size, Path(tmp), rounds, timeout, chinese=True).run(after_round)


def machine(python: Path | None) -> dict[str, Any]:
    """When, where and with what versions (the fuller record is run.py's)."""
    from run import machine_info  # run.py imports this module at its top

    return machine_info() | {"peer_versions": peer_versions(python) if python else None}


def stop_builds_on_termination() -> None:
    """A build runs in a session of its own (so that a timeout kills all of it); when the
    benchmark itself is told to stop, the build it waits for is killed with it."""
    signal.signal(signal.SIGTERM, lambda _number, _frame: sys.exit(128 + signal.SIGTERM))


def main(argv: list[str] | None = None) -> int:
    stop_builds_on_termination()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300], metavar="PAGES")
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    parser.add_argument("--peers-python", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--chinese", action="store_true", help="our English build against our Chinese one"
    )
    args = parser.parse_args(argv)
    python = resolve_python(args.peers_python)
    payload: dict[str, Any] = {"machine": machine(python)}
    payload["warmup"] = warm_up(None if args.chinese else python, args.timeout)
    payload["results"] = []

    def keep(partial: dict[str, Any]) -> None:
        if args.json:
            done = [*payload["results"], partial]
            text = json.dumps(payload | {"results": done}, indent=2)
            args.json.write_text(text + "\n", encoding="utf-8")

    for size in args.sizes:
        if args.chinese:
            payload["results"].append(compare_chinese(size, args.rounds, args.timeout, keep))
        else:
            payload["results"].append(compare(size, python, args.rounds, args.timeout, keep))
        print(render(payload["results"][-1]), flush=True)
        if args.json:
            args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
