"""Time Sphinx builds of synthetic knowledge bases of several sizes (see benchmarks/README.md).

    python benchmarks/run.py [--sizes 300 1000] [--rounds 3] [--json out.json] [--timeout 900]

For each size it generates a site (benchmarks/generate.py) in a fresh temporary folder and runs
`sphinx-build` as a subprocess (`python -m sphinx`, so process start is included, as a user
sees it): a cold build with the navigation speed-up off (stock furo, up to `--stock-up-to`
pages) and one with it on (and the pruned navigation the generated site asks for), the size of
what it wrote, a rebuild with nothing changed, a rebuild after editing one page and after
editing one news item, the `kbcheck` builder over the built site, and (up to `--parallel-up-to`
pages) a cold build with `-j auto` compared file by file with the serial one. It prints a table
and writes every figure, with the machine's details, to JSON. Figures are for comparing with
each other, within one run.

Then, for each size, `peers.py` builds the same content with ours (as `make html` runs it, and
serial), MkDocs Material and Zensical (each in its default navigation and pruned), in
interleaved rounds, and prints the comparison (`--no-peers` skips it); and up to
`--chinese-up-to` pages, our English build against our Chinese build of the same site.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import MIN_PAGES, generate, plan
from peers import (
    DEFAULT_ROUNDS,
    compare,
    compare_chinese,
    peer_versions,
    render,
    resolve_python,
    stop_builds_on_termination,
    warm_up,
)

from biotroy_kb.html.search_index import BUNDLE_DIR

HERE = Path(__file__).resolve().parent
DEFAULT_SIZES = (300, 1000)
DEFAULT_JSON = HERE / "results.json"
DEFAULT_TIMEOUT = 900.0
# Stock furo takes over six minutes at 1,000 pages (384.7 s on 25 November 2026) and tells
# nothing new there; the peers (peers.py) are the comparison that matters now.
DEFAULT_STOCK_UP_TO = 300
DEFAULT_PARALLEL_UP_TO = 1000
DEFAULT_CHINESE_UP_TO = 1000
SWITCH = "kb_fast_navigation"
UNAVAILABLE = "speed-up switch unavailable"
PACKAGES = ("sphinx", "furo", "myst-parser", "sphinx-design", "docutils", "biotroy-kb")
#: The steps of one size, in the order they run, and their column in the table.
STEPS = {
    "cold_off": "cold off",
    "cold_on": "cold on",
    "noop": "no-op",
    "edit_page": "edit page",
    "edit_news": "edit news",
    "check": "check",
    "cold_parallel": "cold -j auto",
}
EDIT_TEXT = "\n\nThis paragraph was added by the benchmark's edit step {stamp}.\n"


@dataclass
class Measure:
    """One `sphinx-build` run: wall time (process start to exit), exit status and peak RSS."""

    seconds: float
    returncode: int
    timed_out: bool
    peak_mb: float
    warnings: int
    pages_written: int | None = None
    stderr_tail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


def child_environment() -> dict[str, str]:
    """The caller's environment without what would make a build behave like Read the Docs'."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("READTHEDOCS")}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def max_rss_mb(usage: Any) -> float:
    """`ru_maxrss` is in kilobytes on Linux and in bytes on macOS."""
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return round(usage.ru_maxrss / scale, 1)


def run_measured(command: list[str], log: Path, timeout: float) -> Measure:
    """Run `command`, timing it with `perf_counter` from start to exit and reaping it with
    `os.wait4` for its own peak memory. Past `timeout` seconds its process group is killed."""
    log.parent.mkdir(parents=True, exist_ok=True)
    stdout_path, stderr_path = log.with_suffix(".out"), log.with_suffix(".err")
    timed_out = threading.Event()
    with stdout_path.open("wb") as stdout, stderr_path.open("wb") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            env=child_environment(),
            start_new_session=True,  # its own process group, so a timeout kills it all
        )

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.daemon = True
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:  # Ctrl-C: do not leave a build running
            kill()
            os.wait4(process.pid, 0)
            raise
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    errors = stderr_path.read_text(encoding="utf-8", errors="replace")
    return Measure(
        seconds=round(seconds, 3),
        returncode=process.returncode,
        timed_out=timed_out.is_set(),
        peak_mb=max_rss_mb(usage),
        warnings=sum("WARNING" in line for line in errors.splitlines()),
        stderr_tail="\n".join(errors.splitlines()[-20:]),
    )


def output_size(outdir: Path) -> dict[str, Any]:
    """What a build wrote: all files' bytes, and the HTML pages' count and average bytes."""
    files = [p for p in outdir.rglob("*") if p.is_file()]
    pages = [p.stat().st_size for p in files if p.suffix == ".html" and "_static" not in p.parts]
    return {
        "total_bytes": sum(p.stat().st_size for p in files),
        "html_pages": len(pages),
        "average_page_bytes": round(sum(pages) / len(pages)) if pages else None,
    }


def differing_files(one: Path, other: Path) -> list[str]:
    """The files that two builds wrote differently (or only one of them wrote)."""

    def contents(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    first, second = contents(one), contents(other)
    return sorted(
        name for name in first.keys() | second.keys() if first.get(name) != second.get(name)
    )


def sameness(differing: list[str]) -> str:
    """What the parallel build wrote against the serial one, in words. Pagefind's files differ
    between any two builds of the same pages (two serial builds included), so they alone do
    not make the output different."""
    if not differing:
        return "output identical"
    if all(name.startswith(f"{BUNDLE_DIR}/") for name in differing):
        return "pages identical (the search index files differ, as between any two builds)"
    return f"output DIFFERENT: {', '.join(differing[:5])}"


def html_pages(outdir: Path) -> dict[Path, int]:
    """Each built HTML page and its modification time, to count what a build wrote."""
    if not outdir.is_dir():
        return {}
    return {path: path.stat().st_mtime_ns for path in outdir.rglob("*.html")}


@dataclass
class Switch:
    """Whether `-D kb_fast_navigation=...` is accepted by the installed extension."""

    available: bool
    note: str

    def options(self, on: bool) -> list[str]:
        return ["-D", f"{SWITCH}={int(on)}"] if self.available else []


class SizeBench:
    """The builds of one generated site, in one temporary folder."""

    def __init__(
        self, size: int, work: Path, switch: Switch, timeout: float, stock: bool, parallel: bool
    ) -> None:
        self.size = size
        self.work = work
        self.switch = switch
        self.timeout = timeout
        self.stock = stock
        self.parallel = parallel
        self.source = work / "site"
        self.layout = plan(size)
        self.measures: dict[str, Measure] = {}
        self.output: dict[str, Any] = {}
        self.parallel_output: dict[str, Any] = {}

    def sphinx(
        self, builder: str, build: Path, out: str, on: bool, fresh: bool, jobs: str = ""
    ) -> list[str]:
        # ours as `make html` runs it (a rebuild with nothing changed does not start Sphinx);
        # stock furo with plain sphinx-build
        runner = "biotroy_kb.build" if on else "sphinx"
        command = [sys.executable, "-m", runner, "-b", builder, "-q"]
        command += ["-E"] if fresh else []
        command += ["-j", jobs] if jobs else []
        command += self.switch.options(on)
        return [*command, "-d", str(build / "doctrees"), str(self.source), str(build / out)]

    def step(self, name: str, command: list[str], written_in: Path | None = None) -> Measure:
        before = html_pages(written_in) if written_in else {}
        measure = run_measured(command, self.work / "logs" / name, self.timeout)
        if written_in is not None:
            after = html_pages(written_in)
            measure.pages_written = sum(before.get(p) != t for p, t in after.items())
        self.measures[name] = measure
        status = "" if measure.ok else (" TIMED OUT" if measure.timed_out else " FAILED")
        print(
            f"  {self.size} pages, {STEPS[name]}: {measure.seconds:.2f} s, "
            f"{measure.peak_mb:.0f} MB{status}",
            flush=True,
        )
        if not measure.ok:
            print(_indent(measure.stderr_tail), flush=True)
        return measure

    def edit(self, docname: str, stamp: str) -> None:
        path = self.source / f"{docname}.md"
        text = path.read_text(encoding="utf-8").rstrip("\n")
        path.write_text(text + EDIT_TEXT.format(stamp=stamp), encoding="utf-8")

    def run(self) -> dict[str, Any]:
        generate(self.source, self.size)
        off, on = self.work / "off", self.work / "on"
        if self.stock:
            self.step("cold_off", self.sphinx("html", off, "html", False, True), off / "html")
            shutil.rmtree(off, ignore_errors=True)  # only its figures are needed: free the disk
        cold = self.step("cold_on", self.sphinx("html", on, "html", True, True), on / "html")
        if cold.ok:
            self.output = output_size(on / "html")
            if self.parallel:
                self.run_parallel(on / "html")
            incremental = self.sphinx("html", on, "html", True, False)
            self.step("noop", incremental, on / "html")
            self.edit(self.layout.edit_page, "one")
            self.step("edit_page", incremental, on / "html")
            self.edit(self.layout.edit_news, "two")
            self.step("edit_news", incremental, on / "html")
            check = self.step("check", self.sphinx("kbcheck", on, "check", True, False))
            report = on / "check" / "output.txt"
            if report.is_file():
                lines = report.read_text(encoding="utf-8").splitlines()
                check.extra["summary"] = lines[-1] if lines else ""
        return self.result()

    def run_parallel(self, serial: Path) -> None:
        """A cold build with `-j auto`, and whether it wrote what the serial build wrote."""
        build = self.work / "parallel"
        command = self.sphinx("html", build, "html", True, True, jobs="auto")
        measure = self.step("cold_parallel", command, build / "html")
        if measure.ok:
            differing = differing_files(serial, build / "html")
            measure.extra["differing_files"] = differing[:20]
            measure.extra["identical_output"] = not differing
        shutil.rmtree(build, ignore_errors=True)

    def result(self) -> dict[str, Any]:
        steps = {name: asdict(measure) for name, measure in self.measures.items()}
        for step in steps.values():
            if not step["stderr_tail"]:
                del step["stderr_tail"]
        return {
            "pages": self.size,
            "source_pages": sum(1 for _ in self.source.rglob("*.md")),
            "edited_page": self.layout.edit_page,
            "edited_news": self.layout.edit_news,
            "steps": steps,
            "output": self.output,
            "speed_up": ratio(self.seconds("cold_off"), self.seconds("cold_on")),
            "check_over_cold": ratio(self.seconds("check"), self.seconds("cold_on")),
            "parallel_speed_up": ratio(self.seconds("cold_on"), self.seconds("cold_parallel")),
            "commands": {
                "cold_off": self.command_text("html", "off", False, True),
                "cold_on": self.command_text("html", "on", True, True),
                "incremental": self.command_text("html", "on", True, False),
                "check": self.command_text("kbcheck", "on", True, False),
            },
        }

    def seconds(self, name: str) -> float | None:
        measure = self.measures.get(name)
        if measure is None or measure.timed_out:
            return None
        # The check exits with 1 when its report has failures: its time still counts.
        measured = measure.ok or (name == "check" and "summary" in measure.extra)
        return measure.seconds if measured else None

    def command_text(self, builder: str, build: str, on: bool, fresh: bool) -> str:
        out = "check" if builder == "kbcheck" else "html"
        command = self.sphinx(builder, self.work / build, out, on, fresh)
        command[0] = "python"
        return shlex.join(command).replace(str(self.work), "<tmp>")


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 3)


def _indent(text: str) -> str:
    return "\n".join(f"    | {line}" for line in text.splitlines())


def probe_switch(work: Path, timeout: float) -> tuple[Switch, Measure]:
    """Build a small generated site with `-W -D kb_fast_navigation=1`. It tells whether the
    switch exists (Sphinx warns about an unknown override, and `-W` makes that fail) and warms
    the caches (imports, bytecode) so that the first measured build does not pay for them."""
    source = work / "site"
    generate(source, MIN_PAGES)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "-E"]
    command += ["-D", f"{SWITCH}=1", "-d", str(work / "doctrees"), str(source), str(work / "html")]
    measure = run_measured(command, work / "probe", timeout)
    if measure.ok:
        return Switch(True, f"-D {SWITCH}=0/1 accepted"), measure
    if measure.timed_out:
        raise SystemExit(f"The warm-up build timed out after {timeout:.0f} s")
    # Once more without the switch: if that builds, the switch is what failed.
    command = [c for c in command if c not in ("-D", f"{SWITCH}=1")]
    retry = run_measured(command, work / "probe-without-switch", timeout)
    if not retry.ok:
        raise SystemExit(f"The warm-up build fails even without -D:\n{retry.stderr_tail}")
    reason = measure.stderr_tail.splitlines()[-1] if measure.stderr_tail else "no message"
    note = f"{UNAVAILABLE}: both cold builds ran without -D (the probe said: {reason})"
    return Switch(False, note), retry


def machine_info() -> dict[str, Any]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = None
    info: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu": cpu_model(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "versions": versions,
    }
    with contextlib.suppress(OSError):
        info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    return info


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor()


# The table
COLUMNS = (
    "size",
    "cold off",
    "cold on",
    "speed-up",
    "no-op",
    "edit page",
    "edit news",
    "check",
    "check/cold",
    "-j auto",
    "peak MB",
    "avg page kB",
    "output MB",
)


def cell_seconds(result: dict[str, Any], name: str) -> str:
    step = result["steps"].get(name)
    if step is None:
        return "—"
    if step["timed_out"]:
        return "TIMEOUT"
    if step["returncode"] != 0:
        if name == "check" and "summary" in step["extra"]:
            return f"{step['seconds']:.2f}!"  # the site failed the check; the check ran
        return "FAILED"
    return f"{step['seconds']:.2f}"


def cell_ratio(value: float | None, mark: str = "") -> str:
    return "—" if value is None else f"{value:.2f}x{mark}"


def table_rows(results: list[dict[str, Any]], switch: Switch) -> list[list[str]]:
    mark = "" if switch.available else "*"
    rows = []
    for result in results:
        steps = result["steps"]
        peaks = [steps[n]["peak_mb"] for n in ("cold_off", "cold_on") if n in steps]
        rows.append(
            [
                str(result["pages"]),
                cell_seconds(result, "cold_off"),
                cell_seconds(result, "cold_on"),
                cell_ratio(result["speed_up"], mark),
                cell_seconds(result, "noop"),
                cell_seconds(result, "edit_page"),
                cell_seconds(result, "edit_news"),
                cell_seconds(result, "check"),
                cell_ratio(result["check_over_cold"]),
                cell_seconds(result, "cold_parallel"),
                "/".join(f"{peak:.0f}" for peak in peaks) or "—",
                *cells_output(result.get("output") or {}),
            ]
        )
    return rows


def cells_output(output: dict[str, Any]) -> list[str]:
    if not output:
        return ["—", "—"]
    return [f"{output['average_page_bytes'] / 1000:.1f}", f"{output['total_bytes'] / 1e6:.1f}"]


def render_table(rows: list[list[str]]) -> str:
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(COLUMNS)]
    lines = [
        " | ".join(c.rjust(w) for c, w in zip(COLUMNS, widths, strict=True)),
        "-+-".join("-" * w for w in widths),
    ]
    lines += [" | ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def scaling(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each larger size against the smallest: how the pages grew and how each cold time grew."""
    measured = sorted(results, key=lambda r: r["pages"])
    if len(measured) < 2:
        return []
    base = measured[0]
    found = []
    for result in measured[1:]:
        entry: dict[str, Any] = {
            "pages": result["pages"],
            "base_pages": base["pages"],
            "pages_ratio": round(result["pages"] / base["pages"], 3),
        }
        for name in ("cold_on", "cold_off"):
            entry[f"{name}_ratio"] = ratio(_seconds(result, name), _seconds(base, name))
        found.append(entry)
    return found


def growth(results: list[dict[str, Any]], small: int, large: int) -> dict[str, Any] | None:
    """The issue's goals, as ratios of the `large` site to the `small` one in this run."""
    by_size = {r["pages"]: r for r in results}
    if small not in by_size or large not in by_size:
        return None
    one, other = by_size[small], by_size[large]
    out_one, out_other = one.get("output") or {}, other.get("output") or {}
    cold = other["steps"].get("cold_on", {})
    return {
        "small": small,
        "large": large,
        "average_page_bytes": [
            out_one.get("average_page_bytes"),
            out_other.get("average_page_bytes"),
        ],
        "average_page_ratio": ratio(
            out_other.get("average_page_bytes"), out_one.get("average_page_bytes")
        ),
        "total_bytes_ratio": ratio(out_other.get("total_bytes"), out_one.get("total_bytes")),
        "cold_on_ratio": ratio(_seconds(other, "cold_on"), _seconds(one, "cold_on")),
        "peak_mb_large": cold.get("peak_mb"),
        "noop_small": _seconds(one, "noop"),
    }


def _seconds(result: dict[str, Any], name: str) -> float | None:
    step = result["steps"].get(name)
    ok = step is not None and step["returncode"] == 0 and not step["timed_out"]
    return step["seconds"] if ok else None


def report(payload: dict[str, Any], switch: Switch) -> str:
    rows = table_rows(payload["results"], switch)
    lines = [
        "",
        "Seconds of wall time per build (process start to exit); peak MB = max RSS of the "
        "cold builds, off/on.",
        "",
        render_table(rows),
        "",
    ]
    for entry in payload["scaling"]:
        for name, label in (("cold_on", "cold on"), ("cold_off", "cold off")):
            value = entry[f"{name}_ratio"]
            lines.append(
                f"{label}: time({entry['pages']})/time({entry['base_pages']}) = "
                f"{cell_ratio(value)} for {entry['pages_ratio']:.1f}x the pages"
            )
    goals = payload.get("growth")
    if goals:
        lines.append(
            f"{goals['large']} vs {goals['small']} pages: average page "
            f"{cell_ratio(goals['average_page_ratio'])}, output bytes "
            f"{cell_ratio(goals['total_bytes_ratio'])}, cold build time "
            f"{cell_ratio(goals['cold_on_ratio'])}; peak memory at {goals['large']}: "
            f"{goals['peak_mb_large']} MB"
        )
    for result in payload["results"]:
        parallel = result["steps"].get("cold_parallel")
        if parallel and parallel["returncode"] == 0:
            lines.append(
                f"-j auto at {result['pages']} pages: {cell_ratio(result['parallel_speed_up'])} "
                f"as fast as serial, {sameness(parallel['extra'].get('differing_files', []))}"
            )
    for result in payload["results"]:
        check = result["steps"].get("check", {})
        summary = check.get("extra", {}).get("summary")
        if summary:
            failed = "" if check["returncode"] == 0 else " (! the site failed the check)"
            lines.append(f"check of {result['pages']} pages: {summary}{failed}")
        warned = [STEPS[n] for n, s in result["steps"].items() if s["warnings"]]
        if warned:
            lines.append(f"warnings in {result['pages']}-page builds: {', '.join(warned)}")
    if not switch.available:
        lines.append(f"* {UNAVAILABLE}: both cold builds are the same build, without -D.")
    return "\n".join(lines)


def write_json(path: Path, payload: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    stop_builds_on_termination()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=list(DEFAULT_SIZES),
        metavar="PAGES",
        help="site sizes in pages (default: %(default)s)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=DEFAULT_JSON,
        help="where to write the figures (default: benchmarks/results.json)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help="seconds before any one build is killed (default: %(default)s)",
    )
    parser.add_argument(
        "--stock-up-to",
        type=int,
        default=DEFAULT_STOCK_UP_TO,
        metavar="PAGES",
        help="build stock furo only for sizes up to this (default: %(default)s; slow)",
    )
    parser.add_argument(
        "--parallel-up-to",
        type=int,
        default=DEFAULT_PARALLEL_UP_TO,
        metavar="PAGES",
        help="build with -j auto too for sizes up to this (default: %(default)s)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=DEFAULT_ROUNDS,
        help="interleaved rounds of the comparison with the peers (default: %(default)s)",
    )
    parser.add_argument(
        "--peers-python",
        type=Path,
        default=None,
        help="the Python of the peers' environment (default: benchmarks/.venv-peers, which "
        "make bench creates); without one, the comparison builds only ours",
    )
    parser.add_argument(
        "--no-peers", action="store_true", help="skip the comparison with MkDocs and Zensical"
    )
    parser.add_argument(
        "--chinese-up-to",
        type=int,
        default=DEFAULT_CHINESE_UP_TO,
        metavar="PAGES",
        help="compare the Chinese build with the English one for sizes up to this "
        "(default: %(default)s; 0: never)",
    )
    args = parser.parse_args(argv)
    if min(args.sizes) < MIN_PAGES:
        parser.error(f"every size must be at least {MIN_PAGES} pages")

    payload: dict[str, Any] = {"machine": machine_info(), "sizes": args.sizes}
    with tempfile.TemporaryDirectory(prefix="kb-bench-warmup-") as tmp:
        print(f"Warm-up build of {MIN_PAGES} pages (and a probe of -D {SWITCH})", flush=True)
        switch, warmup = probe_switch(Path(tmp), args.timeout)
    payload["speed_up_switch"] = {"available": switch.available, "note": switch.note}
    payload["warmup"] = {"pages": MIN_PAGES, **asdict(warmup)}
    payload["results"] = []
    payload["scaling"] = []
    payload["comparison"] = []
    payload["chinese"] = []
    python = None if args.no_peers else resolve_python(args.peers_python)
    if not args.no_peers:
        if python is None:
            print("No peers' environment (make bench creates benchmarks/.venv-peers): "
                  "the comparison builds only ours", flush=True)  # fmt: skip
        payload["machine"]["peer_versions"] = peer_versions(python) if python else None
        print("Warm-up builds of the comparison (the peers without a network)", flush=True)
        payload["comparison_warmup"] = warm_up(python, args.timeout)
    for size in args.sizes:
        print(f"{size} pages", flush=True)
        with tempfile.TemporaryDirectory(prefix=f"kb-bench-{size}-") as tmp:
            bench = SizeBench(
                size,
                Path(tmp),
                switch,
                args.timeout,
                stock=size <= args.stock_up_to,
                parallel=size <= args.parallel_up_to,
            )
            payload["results"].append(bench.run())
        payload["scaling"] = scaling(payload["results"])
        payload["growth"] = growth(payload["results"], 1000, 10000)
        write_json(args.json, payload)  # after each size, so a long run keeps what it has
        if not args.no_peers:
            print(f"{size} pages against the peers, {args.rounds} interleaved rounds", flush=True)
            done = list(payload["comparison"])

            def keep(partial: dict[str, Any], done: list[dict[str, Any]] = done) -> None:
                write_json(args.json, payload | {"comparison": [*done, partial]})

            payload["comparison"].append(compare(size, python, args.rounds, args.timeout, keep))
            write_json(args.json, payload)
        if size <= args.chinese_up_to:
            print(f"{size} pages in Chinese and English, {args.rounds} rounds", flush=True)
            before = list(payload["chinese"])

            def keep_chinese(partial: dict[str, Any], done: list[dict[str, Any]] = before) -> None:
                write_json(args.json, payload | {"chinese": [*done, partial]})

            payload["chinese"].append(
                compare_chinese(size, args.rounds, args.timeout, keep_chinese)
            )
            write_json(args.json, payload)
    with contextlib.suppress(OSError):
        payload["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    write_json(args.json, payload)
    print(report(payload, switch))
    for comparison in [*payload["comparison"], *payload["chinese"]]:
        print("\n" + render(comparison))
    print(f"\nFigures written to {args.json}")
    failed = any(
        not (s["returncode"] == 0 and not s["timed_out"])
        for r in payload["results"]
        for name, s in r["steps"].items()
        if name != "check"
    ) or any(  # a peer that ran out of time is a result; one that failed is a broken conversion
        figures["gave_up"]
        and (figures["tool"] == "ours" or figures["gave_up"].startswith("failed"))
        for comparison in [*payload["comparison"], *payload["chinese"]]
        for figures in comparison["contenders"].values()
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
