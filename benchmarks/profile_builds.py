"""Where the time of our builds goes: a cold build, a no-op rebuild and a one-page edit of a
generated site, each run under cProfile, broken down by Sphinx's phases and by package.

    python benchmarks/profile_builds.py --sizes 300 1000 --work /tmp/kb-profile

The builds are serial (cProfile sees one process; `-j auto` spreads the reading and writing of
pages over processes, the rest stays in the main one). Each build is also timed without the
profiler, so that its overhead can be read off. The profiles are kept in `--work` for a closer
look (`python -m pstats FILE`). Figures are for comparing with each other, within one run.
"""

from __future__ import annotations

import argparse
import json
import pstats
import re
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate, plan
from peers import run_build

APP, ENV = "sphinx/application.py", "sphinx/environment/__init__.py"
BUILDER, HTML = "sphinx/builders/__init__.py", "sphinx/builders/html/__init__.py"
#: (label, file the function is in, its name, nesting level for the table)
PHASES = (
    ("Sphinx set-up (config, extensions, builder, saved env.)", APP, "__init__", 0),
    ("loading the saved environment", APP, "_load_existing_env", 1),
    ("reading sources (Builder.read)", BUILDER, "read", 0),
    ("parsing and transforms, per page (read_doc)", BUILDER, "read_doc", 1),
    ("docutils transforms", "docutils/transforms/__init__.py", "apply_transforms", 2),
    ("pickling each doctree", BUILDER, "write_doctree", 2),
    ("consistency check", ENV, "check_consistency", 0),
    ("writing pages (Builder.write)", BUILDER, "write", 0),
    ("resolving doctrees (toctrees, references)", ENV, "get_and_resolve_doctree", 1),
    ("HTML translation (write_doc)", HTML, "write_doc", 1),
    ("templates and page context (handle_page, any page)", HTML, "handle_page", 1),
    ("finishing (indices, static files, inventory)", HTML, "finish", 0),
    ("general index", HTML, "write_genindex", 1),
    ("Pagefind search index (ours, build-finished)", "biotroy_kb/html/search.py", "build_index", 0),
    ("imports (anywhere in the run)", "<frozen importlib._bootstrap>", "_find_and_load", 0),
)
OURS = "biotroy_kb/"
EDIT_TEXT = "\n\nThis paragraph was added by the profile's edit step.\n"


def function_time(stats: dict[Any, Any], file_part: str, name: str) -> float:
    """The inclusive time of the functions `name` in a file whose path ends with
    `file_part` (the largest, when several match: they may call one another)."""
    found = [
        value[3]
        for (file, _line, function), value in stats.items()
        if function == name and (file.endswith(file_part) or file == file_part)
    ]
    return max(found, default=0.0)


def pickling_environment(stats: dict[Any, Any]) -> float:
    """`pickle.dump` called by `Builder.build` (not by `write_doctree`): the environment."""
    for (_file, _line, function), value in stats.items():
        if function == "<built-in method _pickle.dump>":
            return sum(
                timing[3]
                for (file, _l, caller), timing in value[4].items()
                if caller == "build" and file.endswith("sphinx/builders/__init__.py")
            )
    return 0.0


def package_of(file: str) -> str:
    if file.startswith("~") or file.startswith("<"):
        return "built-ins"
    match = re.search(r"site-packages/([^/]+)", file)
    if match:
        return match.group(1).removesuffix(".py")
    if "/src/biotroy_kb/" in file:
        return "biotroy_kb"
    return "standard library"


def ours_inclusive(stats: dict[Any, Any]) -> float:
    """Time inside our extension and everything it calls: the calls into it from outside.
    Of the module bodies only the package's own counts: its submodules are imported through
    importlib (outside), and would be counted again."""
    total = 0.0
    for (file, _line, name), value in stats.items():
        if OURS not in file or (name == "<module>" and not file.endswith("biotroy_kb/__init__.py")):
            continue
        for (caller_file, _l, _n), timing in value[4].items():
            if OURS not in caller_file:
                total += timing[3]
    return total


def is_wrapper(file: str, name: str) -> bool:
    """core/bugs.py wraps every handler of ours in `noted`: look through it."""
    return file.endswith("core/bugs.py") and name == "noted"


def ours_entry_points(stats: dict[Any, Any], top: int = 10) -> list[tuple[str, float]]:
    """Our functions called from outside (event handlers, directives, transforms; through
    the bug-noting wrapper), largest inclusive time first; module bodies (imports) apart."""
    entries: dict[str, float] = defaultdict(float)
    for (file, line, name), value in stats.items():
        if OURS not in file or is_wrapper(file, name):
            continue
        outside = sum(
            t[3]
            for (caller_file, _l, caller), t in value[4].items()
            if OURS not in caller_file or is_wrapper(caller_file, caller)
        )
        if outside:
            entries[f"{file.partition(OURS)[2]}:{line} {name}"] += outside
    return sorted(entries.items(), key=lambda item: -item[1])[:top]


def importing_ours(stats: dict[Any, Any]) -> float:
    """`import biotroy_kb` and all it imports (pydantic, PyYAML, ...), from outside."""
    return sum(
        t[3]
        for (file, _line, name), value in stats.items()
        if file.endswith("biotroy_kb/__init__.py") and name == "<module>"
        for (caller_file, _l, _n), t in value[4].items()
        if OURS not in caller_file
    )


def analyse(path: Path) -> dict[str, Any]:
    loaded = pstats.Stats(str(path))
    stats = loaded.stats  # type: ignore[attr-defined]
    by_package: dict[str, float] = defaultdict(float)
    for (file, _line, _name), value in stats.items():
        by_package[package_of(file)] += value[2]
    phases = []
    for label, file_part, name, level in PHASES:
        phases.append((label, level, round(function_time(stats, file_part, name), 3)))
    phases.insert(6, ("pickling the environment", 0, round(pickling_environment(stats), 3)))
    return {
        "total": round(loaded.total_tt, 3),  # type: ignore[attr-defined]
        "phases": phases,
        "self_time_by_package": {
            k: round(v, 3) for k, v in sorted(by_package.items(), key=lambda kv: -kv[1])
        },
        "ours_inclusive": round(ours_inclusive(stats), 3),
        "ours_import": round(importing_ours(stats), 3),
        "ours_entry_points": [(name, round(t, 3)) for name, t in ours_entry_points(stats)],
    }


#: cProfile with the processor's clock for this process: what the build itself computes,
#: whatever else the machine runs; time spent waiting for a subprocess (Pagefind) is left out.
CPU_PROFILER = (
    "import cProfile, runpy, sys, time; profiler = cProfile.Profile(time.process_time); "
    "out = sys.argv.pop(1); sys.argv[0] = 'sphinx'; profiler.enable()\n"
    "try: runpy.run_module('sphinx', run_name='__main__')\n"
    "except SystemExit as done: code = done.code\n"
    "else: code = 0\n"
    "profiler.disable(); profiler.dump_stats(out); sys.exit(code)"
)


def sphinx_command(site: Path, build: Path, profile: Path | None, timer: str) -> list[str]:
    if profile is None:
        runner = ["-m"]
    elif timer == "cpu":
        runner = ["-c", CPU_PROFILER, str(profile)]
    else:
        runner = ["-m", "cProfile", "-o", str(profile), "-m"]
    return [
        sys.executable, *runner, *([] if timer == "cpu" and profile else ["sphinx"]), "-b",
        "html", "-q", "-W", "--keep-going", "-n", "-d", str(build / "doctrees"), str(site),
        str(build / "html"),
    ]  # fmt: skip


def profile_size(size: int, work: Path, timeout: float, timer: str) -> dict[str, Any]:
    """Cold, no-op and edit, first without the profiler then with it, in separate builds."""
    site = work / f"site-{size}"
    shutil.rmtree(site, ignore_errors=True)
    generate(site, size)
    edit_page = site / f"{plan(size).edit_page}.md"
    result: dict[str, Any] = {"pages": size}
    for profiled in (False, True):
        build = work / f"build-{size}-{'profiled' if profiled else 'plain'}"
        shutil.rmtree(build, ignore_errors=True)
        for step in ("cold", "noop", "edit"):
            if step == "edit":
                edit_page.write_text(edit_page.read_text() + EDIT_TEXT, encoding="utf-8")
                time.sleep(0.01)
            profile = work / f"{size}-{step}.prof" if profiled else None
            command = sphinx_command(site, build, profile, timer)
            measure = run_build(command, work, work / "logs" / f"{size}-{step}-{profiled}", timeout)
            if not measure.ok:
                raise SystemExit(f"{size} pages, {step} failed:\n{measure.stderr_tail}")
            key = "profiled_seconds" if profiled else "seconds"
            result.setdefault(step, {})[key] = measure.seconds
            print(f"  {size} pages, {step}{' (profiled)' if profiled else ''}: "
                  f"{measure.seconds:.2f} s", flush=True)  # fmt: skip
            if profile:
                result[step]["profile"] = analyse(profile)
    return result


def render(results: list[dict[str, Any]]) -> str:
    lines = []
    for result in results:
        for step in ("cold", "noop", "edit"):
            figures = result[step]
            profile = figures["profile"]
            lines += [
                f"### {result['pages']} pages, {step}: {figures['seconds']:.2f} s "
                f"({figures['profiled_seconds']:.2f} s profiled, {profile['total']:.2f} s in "
                "the profile)",
                "",
                "| phase | seconds | share |",
                "| --- | ---: | ---: |",
            ]
            for label, level, seconds in profile["phases"]:
                share = seconds / profile["total"] if profile["total"] else 0
                lines.append(f"| {'— ' * level}{label} | {seconds:.2f} | {share:.0%} |")
            ours, imported = profile["ours_inclusive"], profile["ours_import"]
            lines += [
                f"| our extension and what it calls | {ours:.2f} | {ours / profile['total']:.0%} |",
                f"| — of which importing it (pydantic, PyYAML, ...) | {imported:.2f} | "
                f"{imported / profile['total']:.0%} |",
                "",
                "Self time by package: "
                + ", ".join(
                    f"{name} {seconds:.2f} s"
                    for name, seconds in list(profile["self_time_by_package"].items())[:8]
                ),
                "",
                "Our largest entry points (inclusive): "
                + "; ".join(f"`{name}` {t:.2f} s" for name, t in profile["ours_entry_points"]),
                "",
            ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/kb-profile"))
    parser.add_argument("--timeout", type=float, default=1800.0)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--timer",
        choices=("wall", "cpu"),
        default="wall",
        help="cProfile's clock: the wall clock (default; counts waiting for Pagefind, and for "
        "the processor on a busy machine) or this process's processor time",
    )
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results = [profile_size(size, args.work, args.timeout, args.timer) for size in args.sizes]
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
