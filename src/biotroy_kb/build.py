"""`make html`: `sphinx-build`, which first asks whether anything changed since its last success.

A stock Sphinx, MyST and furo rebuild of a one-page site with nothing changed takes 1.7 s on the
team's 2-core machine, most of it importing them and loading their builders; our rebuild of
1,000 unchanged pages took 2 s to do nothing. This command fingerprints everything a build
reads — every file under the source folder, our package's files, the installed packages, the
commit checked out, the command line, the settings taken from the environment, today's date
(review deadlines are measured against it), the other editions built beside this one — and the
output it left. When the fingerprint equals the one saved after the last successful build, the
output is what Sphinx would write again, and Sphinx is not started.

    python -m biotroy_kb.build -b html -d docs/_build/doctrees docs docs/_build/html

`-E` and `-a` always run Sphinx and, once it succeeds, leave a fingerprint like any other build.
Any other command line (another builder, `-c`, `-M`, named files) goes straight to Sphinx,
unchanged, and leaves none. A build that fails, or is interrupted, leaves no fingerprint, so the
next one runs Sphinx again and shows its warnings again.
"""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: Where the fingerprint of the last successful build is kept, in the doctree folder.
STAMP_NAME = "kb-last-build.json"
#: Changes when what goes into a fingerprint changes, so that an older stamp never matches.
STAMP_FORMAT = 2
#: The only builder whose unchanged rebuild is skipped: what `make html` and `make html-zh` run.
BUILDERS = frozenset({"html"})
#: Options that take a value, as `sphinx-build` defines them.
VALUED = frozenset(
    {"-b", "-d", "-j", "-D", "-A", "-t", "-w", "--builder", "--jobs", "--doctree-dir"}
)
#: Options after which this command cannot tell what the build reads or writes (a configuration
#: folder outside the sources, make mode, a glued builder or doctree folder): Sphinx runs, and
#: no fingerprint is kept.
FORCING = frozenset({"-c", "-M", "--conf-dir"})
#: Options that ask Sphinx to read or write everything again: it always runs, and its output is
#: the same as without them, so the fingerprint it leaves serves the next plain build.
FRESH = frozenset({"-E", "-a", "--fresh-env", "--write-all"})
GLUED = ("-b", "-d", "-c", "--builder=", "--conf-dir=", "--doctree-dir=")
#: Settings read from the environment by Sphinx, by `docs/conf.py` or by the extension.
ENVIRONMENT_PREFIXES = ("KB_", "READTHEDOCS", "SPHINX", "SOURCE_DATE_EPOCH", "LANG", "LC_")
#: Written by a build into the source folder (compiled catalogs), or by Python: never read as
#: sources, and they would otherwise make every build look changed to the next one.
DERIVED_SUFFIXES = (".mo", ".pyc")
#: Folders no build reads: Python's caches, and git's own (`git status` rewrites its index).
NOT_READ = frozenset({"__pycache__", ".git"})
QUIET = frozenset({"-q", "-Q", "--quiet", "--silent"})


@dataclass(frozen=True)
class Invocation:
    """What a `sphinx-build` command line builds, when this command understands it."""

    builder: str
    srcdir: Path
    outdir: Path
    doctreedir: Path
    quiet: bool
    #: `-E` or `-a`: Sphinx runs whatever the fingerprint says
    fresh: bool


def understood(argv: list[str]) -> Invocation | None:
    """The build `argv` asks for, or None when it is not a plain rebuild this command may skip."""
    builder, doctrees, positional, quiet, fresh = "html", None, [], False, False
    args = iter(argv)
    for arg in args:
        if arg in FORCING:
            return None
        if arg in VALUED:
            value = next(args, None)
            if value is None:
                return None
            builder = value if arg in ("-b", "--builder") else builder
            doctrees = value if arg in ("-d", "--doctree-dir") else doctrees
        elif arg.startswith(GLUED):
            return None
        elif arg.startswith("-"):
            quiet = quiet or arg in QUIET
            fresh = fresh or arg in FRESH
        else:
            positional.append(arg)
    if builder not in BUILDERS or len(positional) != 2:
        return None
    srcdir, outdir = (Path(p) for p in positional)
    doctreedir = Path(doctrees) if doctrees else outdir / ".doctrees"
    return Invocation(builder, srcdir, outdir, doctreedir, quiet, fresh)


def files_under(
    folder: Path, skip: frozenset[Path] = frozenset()
) -> Iterator[tuple[str, int, int]]:
    """(path, size, modification time) of every file below `folder`, except in `skip`. (Plain
    strings, not `Path` or `os.path.relpath`: at a thousand pages each digest walks some 3,000
    files, and those made the walks of a one-page edit cost 0.35 s.)"""
    skipped = {str(path) for path in skip}
    start = len(str(folder)) + 1
    pending = [str(folder)]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.path not in skipped and entry.name not in NOT_READ:
                        pending.append(entry.path)
                elif not entry.name.endswith(DERIVED_SUFFIXES) and entry.name != STAMP_NAME:
                    stat = entry.stat()
                    yield entry.path[start:], stat.st_size, stat.st_mtime_ns


def digest(folder: Path, skip: frozenset[Path] = frozenset()) -> str:
    """One hash of `files_under(folder)`, in a stable order; '' when the folder is missing."""
    if not folder.is_dir():
        return ""
    listing = "\n".join(
        f"{path}\0{size}\0{mtime}"
        for path, size, mtime in sorted(files_under(folder.resolve(), skip))
    )
    return hashlib.sha256(listing.encode("utf-8", "surrogateescape")).hexdigest()


def build_folders(invocation: Invocation) -> frozenset[Path]:
    """The folders under the source folder that hold builds (`docs/_build`): their outputs are
    fingerprinted as outputs, and another edition's as a neighbour."""
    srcdir = invocation.srcdir.resolve()
    held = set()
    for built in (invocation.outdir.resolve(), invocation.doctreedir.resolve()):
        if built.is_relative_to(srcdir) and built != srcdir:
            held.add(srcdir / built.relative_to(srcdir).parts[0])
    return frozenset(held)


def neighbours(outdir: Path) -> list[str]:
    """The builds beside this one that a reader can switch to (`html-zh` beside `html`)."""
    here = outdir.resolve()
    if not here.parent.is_dir():
        return []
    return sorted(
        entry.name
        for entry in os.scandir(here.parent)
        if entry.is_dir() and entry.name != here.name and Path(entry.path, "index.html").is_file()
    )


def installed_packages() -> list[tuple[str, int]]:
    """The folders packages are installed in, dated: installing, upgrading or removing one
    changes the folder's listing and so its date. (Our own package is fingerprinted file by
    file: an editable install reads it from the working tree.)"""
    paths = sysconfig.get_paths()
    folders = sorted({Path(paths["purelib"]), Path(paths["platlib"])})
    return [(str(folder), folder.stat().st_mtime_ns) for folder in folders if folder.is_dir()]


def last_commit(srcdir: Path) -> str:
    """The commit checked out: each page shows when it last changed in it (by
    sphinx-last-updated-by-git)."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=srcdir, capture_output=True, text=True, check=False
        )
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def inputs(argv: list[str], invocation: Invocation, today: dt.date) -> dict[str, object]:
    """Everything a build of `invocation` reads."""
    return {
        "format": STAMP_FORMAT,
        "python": sys.version,
        "argv": [arg for arg in argv if arg not in FRESH],
        "cwd": os.getcwd(),
        "environment": {
            name: value
            for name, value in sorted(os.environ.items())
            if name.startswith(ENVIRONMENT_PREFIXES)
        },
        "today": today.isoformat(),
        "sources": digest(invocation.srcdir, build_folders(invocation)),
        "extension": digest(Path(__file__).parent),
        "packages": installed_packages(),
        "neighbours": neighbours(invocation.outdir),
        "commit": last_commit(invocation.srcdir),
    }


def outputs(invocation: Invocation) -> dict[str, str]:
    """What the last build left, so that a deleted or changed output is written again."""
    return {
        "outdir": digest(invocation.outdir),
        "doctreedir": digest(invocation.doctreedir),
    }


def as_saved(value: dict[str, object]) -> dict[str, object]:
    """`value` as it reads back from the stamp (tuples become lists)."""
    return json.loads(json.dumps(value))


def stamp_path(invocation: Invocation) -> Path:
    return invocation.doctreedir / STAMP_NAME


def saved_stamp(invocation: Invocation) -> dict[str, object] | None:
    try:
        return json.loads(stamp_path(invocation).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def save_stamp(invocation: Invocation, read: dict[str, object]) -> None:
    stamp = {"inputs": read, "outputs": outputs(invocation)}
    path = stamp_path(invocation)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(stamp, indent=1), encoding="utf-8")
    partial.replace(path)  # whole or not at all


def forget_stamp(invocation: Invocation) -> None:
    stamp_path(invocation).unlink(missing_ok=True)


def unchanged(invocation: Invocation, read: dict[str, object]) -> bool:
    """Whether the last successful build read `read` and left the output that is there now."""
    return saved_stamp(invocation) == {"inputs": read, "outputs": outputs(invocation)}


def run_sphinx(argv: list[str]) -> int:
    from sphinx.cmd.build import main  # only now: this import is most of a no-op's cost

    return main(argv)


def build(argv: list[str], today: dt.date | None = None) -> int:
    """Run `sphinx-build argv` unless its last successful run read and wrote what is there now."""
    invocation = understood(argv)
    if invocation is None:
        return run_sphinx(argv)
    read = as_saved(inputs(argv, invocation, today or dt.date.today()))
    if not invocation.fresh and unchanged(invocation, read):
        if not invocation.quiet:
            print(f"Nothing changed since the last build of {invocation.outdir}: Sphinx not run.")
        return 0
    forget_stamp(invocation)
    status = run_sphinx(argv)
    if status == 0:
        save_stamp(invocation, read)
    return status


#: The status of the build this process ran, once it has run.
_finished: dict[str, int] = {}


def exit_without_teardown() -> None:
    """Registered before Sphinx is imported, so the last exit handler to run (after those of
    multiprocessing, logging and Sphinx): once the build has finished, leave without Python
    freeing every object of the build one by one, which took 0.8 s of a 4.7 s one-page edit at
    a thousand pages and changes nothing on disk. A build that raised exits as usual."""
    if "status" in _finished:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_finished["status"])


def main() -> int:
    atexit.register(exit_without_teardown)
    _finished["status"] = status = build(sys.argv[1:])
    return status


if __name__ == "__main__":
    sys.exit(main())
