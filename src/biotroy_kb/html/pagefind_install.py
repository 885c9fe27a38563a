"""Where Pagefind's indexing binary is: npm's package of it, as `npm ci` installs the version
that the project's `package.json` pins (`make html` runs it; so does Read the Docs, as
`.readthedocs.yaml` asks).

Why npm and not PyPI: PyPI's Pagefind stops at 1.5.2, whose search time grows with the square
of the pages a word is on (a word on 8,600 of 10,000 pages took about 400 ms to search); npm's
1.6.0 searches the same index in about 70 ms (docs/maintainers/performance.md).

npm puts the binary for this machine in `node_modules/@pagefind/<platform>/bin/`. It is looked
for above the documentation's folder (conf.py's), then above the working folder, then above
this package (an editable install, or a virtual environment inside the project): the first
`node_modules` that has it is used.
"""

from __future__ import annotations

import json
import platform
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

#: npm's names (`process.platform`, `process.arch`) for Python's, as Pagefind's packages use them.
_NPM_OS = {"linux": "linux", "darwin": "darwin", "win32": "windows", "freebsd": "freebsd"}
_NPM_CPU = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}
#: npm's packages hold the extended build; a package of the plain one is taken too.
_EXECUTABLES = ("pagefind_extended", "pagefind")
#: What to run where none is found (make html runs it).
INSTALL_COMMAND = "npm ci"


@dataclass(frozen=True)
class PagefindInstall:
    """One installed Pagefind: its binary and the version npm installed."""

    binary: Path
    version: str


def npm_platform(system: str = sys.platform, machine: str = platform.machine()) -> str:
    """The name of this machine's Pagefind package on npm (`linux-x64`, say)."""
    os_name = next((npm for python, npm in _NPM_OS.items() if system.startswith(python)), system)
    return f"{os_name}-{_NPM_CPU.get(machine.lower(), machine.lower())}"


def installed_in(node_modules: Path, npm_name: str) -> PagefindInstall | None:
    """The Pagefind binary that `node_modules` holds for platform `npm_name`, if any."""
    package = node_modules / "@pagefind" / npm_name
    suffix = ".exe" if npm_name.startswith("windows") else ""
    for name in _EXECUTABLES:
        binary = package / "bin" / f"{name}{suffix}"
        if binary.is_file():
            return PagefindInstall(binary, _version(package / "package.json"))
    return None


def _version(manifest: Path) -> str:
    try:
        return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return "unknown"


def find_pagefind(starts: Iterable[Path], npm_name: str | None = None) -> PagefindInstall | None:
    """The first Pagefind found in a `node_modules` folder in or above one of `starts`."""
    npm_name = npm_name or npm_platform()
    for start in starts:
        for folder in (start, *start.parents):
            found = installed_in(folder / "node_modules", npm_name)
            if found is not None:
                return found
    return None


def search_starts(confdir: Path) -> list[Path]:
    """Where to look, in order: the documentation's folder, the working folder, this package."""
    return [confdir.resolve(), Path.cwd().resolve(), Path(__file__).resolve().parent]


def missing_message(confdir: Path) -> str:
    """One line: what is missing, where it was looked for, and what to run."""
    package = f"node_modules/@pagefind/{npm_platform()}"
    return (
        f"search: Pagefind is not installed ({package} is in no folder above {confdir} or the "
        f"working folder); run `{INSTALL_COMMAND}` in the project's folder, which installs the "
        "version package.json pins (make html does), or build with -D kb_search=0"
    )
