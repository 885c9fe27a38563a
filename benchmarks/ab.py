"""Two versions of the extension on one generated site, in interleaved rounds: is a change
worth keeping?

    python benchmarks/ab.py SITE --tree before=/tmp/before/src --tree after=src --rounds 3

Each `--tree NAME=PATH` names a folder that holds the `biotroy_kb` package (a checkout's `src/`,
or `git archive <commit> src | tar -x -C /tmp/before`); it is put first on `PYTHONPATH`, so the
same Sphinx, furo and MyST build with each. Every tree gets its own copy of the site (`SITE`,
written by `generate.py`) and its own output. A round builds each tree cold, then each no-op
rebuild, then edits the same page in each copy and rebuilds each; the order of the trees turns
round by round (A B, B A, ...), so that a slow moment of a busy machine falls on both.

It prints, per step, each tree's median wall and processor time (user and system of the build
and every process it waited for: on a shared machine the better guide) and their ratio to the
first tree, and whether the trees wrote the same pages: every file outside `_pagefind/` (whose
filter files differ between two runs of the same build) compared byte for byte at the end.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import plan
from peers import run_build

EDIT_TEXT = "\n\nThis paragraph was added by the A/B edit step, round {round}.\n"
STEPS = ("cold", "noop", "edit")
#: Pagefind's output differs between two runs of the same build; `.buildinfo` hashes the
#: configuration, which holds the extension's folder.
UNCOMPARED = {"_pagefind", ".buildinfo"}


def tree_argument(text: str) -> tuple[str, Path]:
    name, _, path = text.partition("=")
    if not name or not path:
        raise argparse.ArgumentTypeError("expected NAME=PATH")
    return name, Path(path).resolve()


def different_files(left: Path, right: Path) -> list[str]:
    """Files that are not byte for byte the same in two output folders, outside `UNCOMPARED`."""
    found: list[str] = []

    def walk(comparison: filecmp.dircmp, prefix: str) -> None:
        only = set(comparison.left_only) | set(comparison.right_only)
        found.extend(f"{prefix}{name} (only one side)" for name in sorted(only - UNCOMPARED))
        common = [name for name in comparison.common_files if name not in UNCOMPARED]
        _, mismatch, errors = filecmp.cmpfiles(
            comparison.left, comparison.right, common, shallow=False
        )
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in comparison.subdirs.items():
            if name not in UNCOMPARED:
                walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=[]), "")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a site written by benchmarks/generate.py")
    parser.add_argument("--tree", type=tree_argument, action="append", required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kb-ab"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--steps", nargs="+", choices=STEPS, default=list(STEPS))
    parser.add_argument("--jobs", default="auto", help="sphinx-build's -j (1: serial)")
    parser.add_argument("--language", default=None, help="e.g. zh_CN")
    parser.add_argument("--timeout", type=float, default=1800.0)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    site = args.site.resolve()
    pages = sum(1 for _ in site.rglob("*.md") if "_build" not in _.parts)
    edit_page = plan(pages).edit_page
    trees = dict(args.tree)
    for name in trees:
        copy = args.work / name / "site"
        shutil.rmtree(args.work / name, ignore_errors=True)
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("_build", "*.mo"))
    options = ["-b", "html", "-q", "-W", "--keep-going", "-n"]
    if args.jobs != "1":
        options += ["-j", args.jobs]
    if args.language:
        options += ["-D", f"language={args.language}"]

    def build(name: str, step: str, number: int) -> dict[str, float]:
        folder = args.work / name
        command = [sys.executable, "-m", "sphinx", *options, "-d", "out/doctrees"]
        command += ["site", "out/html"]
        if step == "cold":
            shutil.rmtree(folder / "out", ignore_errors=True)
            for compiled in (folder / "site").rglob("*.mo"):
                compiled.unlink()
        log = folder / "logs" / f"{step}-{number}"
        os.environ["PYTHONPATH"] = str(trees[name])
        result = run_build(command, folder, log, args.timeout)
        if not result.ok:
            print(f"{name} {step} failed:\n{result.stderr_tail}", file=sys.stderr)
            raise SystemExit(1)
        print(
            f"round {number} {step:5} {name:>12}: {result.seconds:8.2f} s wall "
            f"{result.cpu_seconds:8.2f} s processor {result.peak_mb:7.0f} MB",
            flush=True,
        )
        return {"wall": result.seconds, "cpu": result.cpu_seconds, "mb": result.peak_mb}

    figures: dict[str, dict[str, list[dict[str, float]]]] = {
        step: {name: [] for name in trees} for step in args.steps
    }
    for number in range(1, args.rounds + 1):
        order = list(trees) if number % 2 else list(reversed(trees))
        for step in args.steps:
            if step == "edit":
                for name in order:
                    page = args.work / name / "site" / f"{edit_page}.md"
                    page.write_text(
                        page.read_text(encoding="utf-8") + EDIT_TEXT.format(round=number),
                        encoding="utf-8",
                    )
            for name in order:
                figures[step][name].append(build(name, step, number))

    first = next(iter(trees))
    print(
        f"\n{pages} pages, -j {args.jobs}, language {args.language or 'en'}, "
        f"{args.rounds} rounds; medians, ratio to {first}"
    )
    summary: dict[str, dict[str, dict[str, float]]] = {}
    for step in args.steps:
        for name in trees:
            median = {
                key: statistics.median(run[key] for run in figures[step][name])
                for key in ("wall", "cpu", "mb")
            }
            base = {
                key: statistics.median(run[key] for run in figures[step][first])
                for key in ("wall", "cpu")
            }
            summary.setdefault(step, {})[name] = median
            wall_ratio, cpu_ratio = median["wall"] / base["wall"], median["cpu"] / base["cpu"]
            print(
                f"{step:5} {name:>12}: wall {median['wall']:8.2f} s ({wall_ratio:.3f})"
                f"  processor {median['cpu']:8.2f} s ({cpu_ratio:.3f})"
                f"  {median['mb']:6.0f} MB"
            )
    names = list(trees)
    for other in names[1:]:
        differing = different_files(args.work / first / "out/html", args.work / other / "out/html")
        print(
            f"output of {other} against {first}: "
            + ("identical" if not differing else f"{len(differing)} files differ: {differing[:10]}")
        )
    if args.json:
        args.json.write_text(json.dumps({"figures": figures, "summary": summary}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
