"""Search at scale: what a reader downloads, how long indexing takes, how fast results come.

    python benchmarks/search.py [--sizes 1000 10000] [--json benchmarks/search-results.json]

For each size and language (English, and the Chinese edition of the same site built with
`-D language=zh_CN`, benchmarks/chinese.py) it generates a site (benchmarks/generate.py) and
builds it as `make html` does (`-j auto`), reading how long the Pagefind index took from the
build's own log line ("search index: N pages in X s"). A second build with `-D kb_search=0`,
from the same doctrees, writes the `searchindex.js` that stock Sphinx would give the same site
(`--no-stock` skips it). The first build is then served on 127.0.0.1 and read in Debian's
Chromium: the bytes of a first and a second query typed in the sidebar box, and the time from
the last keystroke to the results, typed and pasted, over several queries (in the Chinese
edition the same queries as it writes them). Before the sizes, the real site's query sets
(tests/search/queries-*.yaml, benchmarks/query_sets.py): per class, how many queries find their
pages in the first five, and the time from the last keystroke to the results in the sidebar
box. It prints tables and writes every figure, with the machine's details, to JSON.

`--work DIR --keep` keeps the builds; `--reuse` measures them again without building (after a
change to kb-search.js, which it copies into the built sites first). benchmarks/README.md says
what each figure means.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from chinese import chinese_text, term_name  # noqa: E402
from generate import TERMS, generate  # noqa: E402
from query_sets import measure_query_sets, query_set_report  # noqa: E402
from run import machine_info, ratio, run_measured, write_json  # noqa: E402

from biotroy_kb.html.pagefind_install import find_pagefind  # noqa: E402

DEFAULT_SIZES = (1000, 10000)
DEFAULT_JSON = HERE / "search-results.json"
DEFAULT_TIMEOUT = 3600.0
#: About ten characters a second, a quick typist's pace.
DEFAULT_TYPING_DELAY_MS = 100
#: Each query is typed and pasted this many times; the medians are over all of them.
DEFAULT_ROUNDS = 3
KB_SEARCH_JS = ROOT / "src" / "biotroy_kb" / "html" / "static" / "kb-search.js"
#: Words every generated site has: an invented glossary term, an asset code, filler words, a
#: person, two words together and a page title.
FIRST_QUERY = "zentrofil"
SECOND_QUERY = "SX12"
LATENCY_QUERIES = (
    "velquatin",
    "numbrisol",
    "SX7",
    "handbook",
    "freezer",
    "Harper",
    "quarterly archive",
    "regional draft notes",
)
LANGUAGES = ("en", "zh_CN")


@dataclass(frozen=True)
class Queries:
    """What is typed into one edition: the first and second query, and the latency queries."""

    first: str
    second: str
    latency: tuple[str, ...]


def chinese_query(query: str) -> str:
    """A query as the Chinese edition writes it: a glossary term's Chinese name, the filler's
    made-up Chinese words; names and codes as they are."""
    return term_name(query) if query in TERMS else chinese_text(query)


def queries_in(language: str, latency: tuple[str, ...]) -> Queries:
    if language == "en":
        return Queries(FIRST_QUERY, SECOND_QUERY, latency)
    return Queries(
        chinese_query(FIRST_QUERY),
        chinese_query(SECOND_QUERY),
        tuple(chinese_query(q) for q in latency),
    )


INDEX_LINE = re.compile(r"search index: (\d+) pages in ([\d.]+) s")
#: Files that are compressed as written (Pagefind's chunks and wasm) or never are.
PRECOMPRESSED = (".pf_index", ".pf_fragment", ".pf_meta", ".pf_filter", ".pagefind")
BOX = "input.sidebar-search"
STATUS = ".kb-search-status"
QUIET_SECONDS = 1.0
#: A query on at most this share of the pages counts as rare, like the words readers look up.
RARE_SHARE = 0.2

# Runs in every page before its own scripts: it notes when the box's value changes and every
# change of the status line that kb-search.js writes after it has filled the listbox, with the
# box's value at that moment, on the page's own clock (no round trip to Playwright in between).
RECORDER = """
(() => {
  const log = (window.__kbBench = { inputs: [], renders: [] });
  document.addEventListener("input", (event) => {
    if (event.target.matches?.("input.sidebar-search"))
      log.inputs.push({ value: event.target.value.trim(), t: performance.now() });
  }, true);
  document.addEventListener("DOMContentLoaded", () => {
    const status = document.querySelector(".kb-search-status");
    const box = document.querySelector("input.sidebar-search");
    if (!status || !box) return;
    new MutationObserver(() => log.renders.push({
      text: status.textContent, value: box.value.trim(), t: performance.now(),
    })).observe(status, { childList: true, characterData: true, subtree: true });
  });
})();
"""
QUOTED = re.compile(r"“(.*)”")


# Building


@dataclass
class Build:
    """The figures of the two builds of one size."""

    pages: int
    build_seconds: float
    index_seconds: float | None
    indexed_pages: int | None
    peak_mb: float
    warnings: int
    pagefind_bytes: int
    pagefind_files: int
    stock_build_seconds: float | None
    searchindex_bytes: int | None
    searchindex_gzip_bytes: int | None
    commands: list[str]

    @property
    def index_share(self) -> float | None:
        return ratio(self.index_seconds, self.build_seconds)


def sphinx(site: Path, out: Path, *options: str) -> list[str]:
    """`make html`'s command, without -W (a benchmark wants its figures even after a warning)."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-j", "auto", *options]
    return [*command, "-d", str(site.parent / "doctrees"), str(site), str(out)]


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def build(size: int, work: Path, timeout: float, language: str, stock_too: bool) -> Build:
    site = work / "site"
    chinese = language != "en"
    generate(site, size, chinese=chinese)
    edition = ["-D", f"language={language}"] if chinese else []
    command = sphinx(site, work / "html", "-E", *edition)
    main = run_measured(command, work / "logs" / "html", timeout)
    if not main.ok:
        raise SystemExit(f"The {size}-page build failed:\n{main.stderr_tail}")
    logged = INDEX_LINE.search((work / "logs" / "html.out").read_text(encoding="utf-8"))
    pagefind = folder_size(work / "html" / "_pagefind")
    stock_command = sphinx(site, work / "html-stock", "-D", "kb_search=0", *edition)
    stock = raw = packed = None
    if stock_too:
        stock = run_measured(stock_command, work / "logs" / "html-stock", timeout)
        raw, packed = searchindex_size(work / "html-stock" / "searchindex.js")
        shutil.rmtree(work / "html-stock", ignore_errors=True)  # only its index is wanted
    return Build(
        pages=size,
        build_seconds=main.seconds,
        index_seconds=float(logged.group(2)) if logged else None,
        indexed_pages=int(logged.group(1)) if logged else None,
        peak_mb=main.peak_mb,
        warnings=main.warnings,
        pagefind_bytes=pagefind[0],
        pagefind_files=pagefind[1],
        stock_build_seconds=stock.seconds if stock and stock.ok else None,
        searchindex_bytes=raw,
        searchindex_gzip_bytes=packed,
        commands=[shlex.join(c).replace(str(work), "<tmp>") for c in (command, stock_command)],
    )


def searchindex_size(path: Path) -> tuple[int | None, int | None]:
    """Its bytes, and its bytes gzipped at level 6 as a static host would send it."""
    if not path.is_file():
        return None, None
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6))


# Reading in the browser


@dataclass
class Transfer:
    """What a stretch of reading downloaded: per kind of file, requests and bytes."""

    requests: int
    bytes: int
    body_bytes: int
    gzip_bytes: int
    by_kind: dict[str, list[int]]


def kind_of(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".pf_fragment"):
        return "fragments"
    if name.endswith(".pf_index"):
        return "index chunks"
    if name.endswith(".pf_filter"):
        return "filters"
    if "/_pagefind/" in path:
        return "engine"
    return "other"


def transfer_of(requests: list[Any], outdir: Path) -> Transfer:
    """Bytes as served here (body and headers, no compression on the wire) and as a host that
    gzips text would send them: Pagefind's chunks and wasm are compressed already."""
    total = body_total = packed_total = 0
    by_kind: dict[str, list[int]] = {}
    for request in requests:
        sizes = request.sizes()
        path = unquote(urlsplit(request.url).path)
        on_disk = outdir / path.lstrip("/")
        # Chromium reports no body size for a worker's script: the file's size it is
        body = sizes["responseBodySize"] or (on_disk.stat().st_size if on_disk.is_file() else 0)
        packed = body
        if on_disk.is_file() and not on_disk.name.endswith(PRECOMPRESSED):
            packed = len(gzip.compress(on_disk.read_bytes(), compresslevel=6))
        total += body + sizes["responseHeadersSize"]
        body_total += body
        packed_total += packed
        entry = by_kind.setdefault(kind_of(path), [0, 0])
        entry[0] += 1
        entry[1] += body
    return Transfer(len(requests), total, body_total, packed_total, by_kind)


class Reader:
    """One browser context reading the served site, with every finished request noted."""

    def __init__(self, browser: Any, root: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(RECORDER)
        self.finished: list[Any] = []
        self.context.on("requestfinished", lambda request: self.finished.append(request))
        self.page = self.context.new_page()
        self.page.goto(f"{root}/index.html")
        self.box = self.page.locator(BOX)

    def close(self) -> None:
        self.context.close()

    def wait_until_quiet(self, limit: float = 15.0) -> None:
        """Until no request has finished for a second: what a query still loads after it."""
        deadline = time.monotonic() + limit
        seen = -1
        while seen != len(self.finished) and time.monotonic() < deadline:
            seen = len(self.finished)
            self.page.wait_for_timeout(QUIET_SECONDS * 1000)

    def wait_for_engine(self) -> None:
        """After a click in the box the engine loads; wait for it before typing."""
        self.box.click()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            names = " ".join(r.url for r in self.finished)
            if "wasm." in names and ".pf_meta" in names:
                break
            self.page.wait_for_timeout(50)
        self.wait_until_quiet()

    def type(self, query: str, delay_ms: int) -> None:
        self.box.press_sequentially(query, delay=delay_ms)
        self.wait_for_results(query)

    def paste(self, query: str) -> None:
        self.box.fill(query)
        self.wait_for_results(query)

    def wait_for_results(self, query: str) -> None:
        self.page.wait_for_function(
            "q => document.querySelector('.kb-search-status')?.textContent.includes(q)",
            arg=f"“{query}”",
            timeout=120_000,
        )

    def clear(self) -> None:
        self.box.fill("")
        self.page.wait_for_function(
            "() => document.querySelector('#kb-search-listbox')?.hidden !== false"
        )

    def log(self) -> dict[str, list[dict[str, Any]]]:
        return self.page.evaluate("window.__kbBench")


def query_bytes(
    reader: Reader, query: str, delay_ms: int, outdir: Path, first: bool
) -> dict[str, Any]:
    """Everything downloaded from the first keystroke (for a first query, from the click into the
    box, which starts loading the engine) until the listbox shows the query's results, and until
    the network is quiet after them."""
    start = len(reader.finished)
    if first:
        reader.box.click()
    reader.type(query, delay_ms)
    shown = len(reader.finished)
    reader.wait_until_quiet()
    return {
        "query": query,
        "results": results_count(reader.log(), query),
        "to_results": asdict(transfer_of(reader.finished[start:shown], outdir)),
        "settled": asdict(transfer_of(reader.finished[start:], outdir)),
    }


def results_count(log: dict[str, Any], query: str) -> int | None:
    """The number the status line gives ("15 pages", "About 1,200 pages", "找到15个"; none
    when nothing is found), which comes before the quoted query."""
    for render in reversed(log["renders"]):
        if f"“{query}”" in render["text"]:
            count = re.search(r"\d[\d,]*", render["text"].split("“", 1)[0])
            return int(count.group().replace(",", "")) if count else 0
    return None


def latency(log: dict[str, Any], query: str) -> dict[str, Any]:
    """From the input event that made the box hold `query` (its last keystroke, or the paste)
    to the status line naming it, which kb-search.js writes after filling the listbox."""
    last_input = max(log["inputs"], key=lambda entry: entry["t"])
    assert last_input["value"] == query, (last_input, query)
    renders = [r for r in log["renders"] if r["text"]]
    done = next(r for r in renders if r["t"] >= last_input["t"] and f"“{query}”" in r["text"])
    stale = [r for r in renders if (m := QUOTED.search(r["text"])) and m.group(1) != r["value"]]
    return {
        "query": query,
        "results": results_count(log, query),
        "ms": round(done["t"] - last_input["t"], 1),
        "lists_shown": len(renders),
        "stale_lists": len(stale),
    }


def measure_latency(
    browser: Any, root: str, query: str, mode: str, delay_ms: int
) -> dict[str, Any]:
    """A fresh page (nothing cached) whose engine has loaded, then one query typed or pasted."""
    reader = Reader(browser, root)
    try:
        reader.wait_for_engine()
        if mode == "typed":
            reader.type(query, delay_ms)
        else:
            reader.paste(query)
        reader.wait_until_quiet()  # a stale list would come now
        return latency(reader.log(), query)
    finally:
        reader.close()


def read_site(
    outdir: Path, pages: int, delay_ms: int, queries: Queries, rounds: int
) -> dict[str, Any]:
    from serving import READER_BROWSER, chromium, serving

    with serving(outdir) as root, chromium(READER_BROWSER) as browser:
        reader = Reader(browser, root)
        try:
            first = query_bytes(reader, queries.first, delay_ms, outdir, first=True)
            reader.clear()
            second = query_bytes(reader, queries.second, delay_ms, outdir, first=False)
        finally:
            reader.close()
        # rounds after one another, each over every query: a busy moment spreads over them
        runs: dict[str, list[dict[str, Any]]] = {"typed": [], "pasted": []}
        for _ in range(rounds):
            for mode, found in runs.items():
                found += [
                    measure_latency(browser, root, q, mode, delay_ms) for q in queries.latency
                ]
        browser_version = browser.version
    return {
        "chromium": browser_version,
        "typing_delay_ms": delay_ms,
        "rounds": rounds,
        "first_query": first,
        "second_query": second,
        "latency": {mode: summary(found, pages) for mode, found in runs.items()},
    }


def summary(runs: list[dict[str, Any]], pages: int) -> dict[str, Any]:
    queries = dict.fromkeys(run["query"] for run in runs)
    """The median over all runs, and apart over the words on at most a fifth of the pages
    ("rare": what readers look up) and over the others ("common": filler words); and each
    query's median."""
    rare = [run["ms"] for run in runs if (run["results"] or 0) <= pages * RARE_SHARE]
    common = [run["ms"] for run in runs if (run["results"] or 0) > pages * RARE_SHARE]
    times = [run["ms"] for run in runs]
    return {
        "median_ms": median(times),
        "median_rare_ms": median(rare),
        "median_common_ms": median(common),
        "min_ms": min(times),
        "max_ms": max(times),
        "stale_lists": sum(run["stale_lists"] for run in runs),
        "by_query": {q: median([r["ms"] for r in runs if r["query"] == q]) for q in queries},
        "runs": runs,
    }


def median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


# The whole run


def refresh_script(outdir: Path, script: Path) -> None:
    """A reused build reads the checkout's kb-search.js (or --script), not the one it was built
    with: a change to the script is measured on the same builds."""
    shutil.copyfile(script, outdir / "_static" / "kb-search.js")


def measure_size(size: int, language: str, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    saved = work / "build.json"
    if args.reuse and saved.is_file():
        figures = Build(**read_json(saved))
        refresh_script(work / "html", args.script)
        print(f"  {size} pages ({language}): reusing the build in {work}", flush=True)
    else:
        shutil.rmtree(work, ignore_errors=True)
        figures = build(size, work, args.timeout, language, not args.no_stock)
        write_json(saved, asdict(figures))
        print(
            f"  {size} pages ({language}): built in {figures.build_seconds:.1f} s, index "
            f"{figures.index_seconds} s",
            flush=True,
        )
    queries = queries_in(language, tuple(args.queries))
    reading = read_site(work / "html", size, args.typing_delay, queries, args.rounds)
    return {
        "pages": size,
        "language": language,
        "queries": asdict(queries),
        "build": {**asdict(figures), "index_share": figures.index_share},
        "reused_build": bool(args.reuse and saved.is_file()),
        **reading,
        "ratios": ratios(figures, reading["first_query"]),
    }


def ratios(figures: Build, first: dict[str, Any]) -> dict[str, float | None]:
    """searchindex.js against a first query, as served here and as a gzipping host sends both
    (Sphinx's search then still fetches each result page for its snippet: not counted)."""
    shown = first["to_results"]
    return {
        "searchindex_over_first_query": ratio(figures.searchindex_bytes, shown["bytes"]),
        "searchindex_over_first_query_gzip": ratio(
            figures.searchindex_gzip_bytes, shown["gzip_bytes"]
        ),
    }


def read_json(path: Path) -> dict[str, Any]:
    import json

    return json.loads(path.read_text(encoding="utf-8"))


def checkout() -> dict[str, Any]:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    dirty = bool(git("status", "--porcelain", "--", str(KB_SEARCH_JS)))
    return {"commit": git("rev-parse", "HEAD"), "kb_search_js_changed_since_commit": dirty}


def machine() -> dict[str, Any]:
    info = machine_info()
    with contextlib.suppress(PackageNotFoundError):
        info["versions"]["playwright"] = version("playwright")
    pagefind = find_pagefind([ROOT])  # npm's, as the builds run it
    info["versions"]["pagefind"] = pagefind.version if pagefind else "not installed"
    info["checkout"] = checkout()
    return info


@contextlib.contextmanager
def workspace(path: Path | None, keep: bool) -> Iterator[Path]:
    if path is not None:
        path.mkdir(parents=True, exist_ok=True)
        yield path
        return
    folder = Path(tempfile.mkdtemp(prefix="kb-search-bench-"))
    try:
        yield folder
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


# The table

COLUMNS = (
    "pages",
    "lang",
    "build s",
    "index s",
    "share",
    "1st query kB",
    "2nd query kB",
    "searchindex.js kB",
    "ratio",
    "typed ms",
    "pasted ms",
)


def kilobytes(value: int | None) -> str:
    return "—" if value is None else f"{value / 1000:,.0f}"


def row(result: dict[str, Any]) -> list[str]:
    built, first, second = result["build"], result["first_query"], result["second_query"]
    share = built["index_share"]
    ratios_ = result["ratios"]
    index_ratio = ratios_["searchindex_over_first_query"]
    gzip_ratio = ratios_["searchindex_over_first_query_gzip"]
    return [
        f"{result['pages']:,}",
        result.get("language", "en"),
        f"{built['build_seconds']:.1f}",
        "—" if built["index_seconds"] is None else f"{built['index_seconds']:.1f}",
        "—" if share is None else f"{share:.0%}",
        f"{kilobytes(first['to_results']['bytes'])} ({first['to_results']['requests']})",
        f"{kilobytes(second['to_results']['bytes'])} ({second['to_results']['requests']})",
        f"{kilobytes(built['searchindex_bytes'])} "
        f"({kilobytes(built['searchindex_gzip_bytes'])} gz)",
        "—" if index_ratio is None else f"{index_ratio:.0f}x ({gzip_ratio:.0f}x gz)",
        milliseconds(result["latency"]["typed"]),
        milliseconds(result["latency"]["pasted"]),
    ]


def milliseconds(latency: dict[str, Any]) -> str:
    def ms(value: float | None) -> str:
        return "—" if value is None else f"{value:.0f}"

    rare, common = ms(latency["median_rare_ms"]), ms(latency["median_common_ms"])
    return f"{ms(latency['median_ms'])} ({rare}/{common})"


def report(results: list[dict[str, Any]]) -> str:
    rows = [row(result) for result in results]
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(COLUMNS)]
    lines = [
        " | ".join(c.rjust(w) for c, w in zip(COLUMNS, widths, strict=True)),
        "-+-".join("-" * w for w in widths),
        *(" | ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows),
        "",
        "Query kB: until the listbox shows results (requests); ratio: searchindex.js / first "
        "query, as served here and as a gzipping host sends both; ms: medians from the last "
        "keystroke (or the paste) to the results, over all queries (rare words/common words).",
    ]
    return "\n".join(lines)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    parser.add_argument("--work", type=Path, help="build here (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary builds")
    parser.add_argument("--reuse", action="store_true", help="measure the builds in --work again")
    parser.add_argument(
        "--script", type=Path, default=KB_SEARCH_JS, help="with --reuse: the kb-search.js to read"
    )
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="per build, s")
    parser.add_argument("--typing-delay", type=int, default=DEFAULT_TYPING_DELAY_MS, help="ms")
    parser.add_argument("--queries", nargs="+", default=list(LATENCY_QUERIES))
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS, help="of every query")
    parser.add_argument("--languages", nargs="+", default=list(LANGUAGES), choices=LANGUAGES)
    parser.add_argument(
        "--no-stock", action="store_true", help="skip the stock build (searchindex.js's size)"
    )
    parser.add_argument(
        "--no-query-sets", action="store_true", help="skip the real site's query sets"
    )
    args = parser.parse_args(argv)
    if args.reuse and args.work is None:
        parser.error("--reuse needs --work DIR")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    payload: dict[str, Any] = {"machine": machine(), "sizes": args.sizes, "results": []}
    if args.reuse:
        payload["script"] = str(args.script.resolve()).replace(str(ROOT), ".")
    with workspace(args.work, args.keep) as work:
        if not args.no_query_sets:
            real = work / "real-site"
            payload["query_sets"] = measure_query_sets(real, args.timeout, RECORDER, latency)
            write_json(args.json, payload)
            print(query_set_report(payload["query_sets"]), flush=True)
        for size in args.sizes:
            for language in args.languages:
                folder = work / (str(size) if language == "en" else f"{size}-{language}")
                payload["results"].append(measure_size(size, language, folder, args))
                write_json(args.json, payload)  # after each, so a long run keeps what it has
    with contextlib.suppress(OSError):
        payload["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    write_json(args.json, payload)
    if "query_sets" in payload:
        print(query_set_report(payload["query_sets"]))
    print(report(payload["results"]))
    print(f"\nFigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
