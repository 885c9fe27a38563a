"""Pagefind, which builds the search index, is npm's package at the version package.json pins:
found in the project's node_modules/ from any install of the extension, the same on Read the
Docs, and a build without it stops at once with one line that says what to run."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from biotroy_kb.html.pagefind_install import (
    find_pagefind,
    installed_in,
    npm_platform,
)

from sitebuild import REPO_ROOT, ROOTS_DIR, SiteBuild

PINNED = json.loads((REPO_ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]


def fake_install(node_modules: Path, npm_name: str, version: str) -> Path:
    """What npm ci leaves for one platform: the binary and the package's manifest."""
    package = node_modules / "@pagefind" / npm_name
    (package / "bin").mkdir(parents=True)
    (package / "package.json").write_text(json.dumps({"version": version}), encoding="utf-8")
    binary = package / "bin" / "pagefind_extended"
    binary.write_text("#!/bin/sh\n", encoding="utf-8")
    return binary


@pytest.mark.parametrize(
    ("system", "machine", "npm_name"),
    [
        ("linux", "x86_64", "linux-x64"),
        ("linux", "aarch64", "linux-arm64"),
        ("darwin", "arm64", "darwin-arm64"),
        ("win32", "AMD64", "windows-x64"),
        ("freebsd14", "amd64", "freebsd-x64"),
    ],
)
def test_each_machine_takes_the_package_npm_installs_for_it(
    system: str, machine: str, npm_name: str
) -> None:
    assert npm_platform(system, machine) == npm_name


def test_the_binary_is_found_in_a_node_modules_above_the_docs(tmp_path: Path) -> None:
    binary = fake_install(tmp_path / "node_modules", "linux-x64", "1.6.0")
    docs = tmp_path / "project" / "docs"
    docs.mkdir(parents=True)
    found = find_pagefind([docs], "linux-x64")
    assert found is not None
    assert (found.binary, found.version) == (binary, "1.6.0")


def test_another_platforms_binary_is_not_taken(tmp_path: Path) -> None:
    fake_install(tmp_path / "node_modules", "darwin-arm64", "1.6.0")
    assert find_pagefind([tmp_path], "linux-x64") is None
    assert installed_in(tmp_path / "node_modules", "darwin-arm64") is not None


def test_the_project_installs_the_pinned_version_for_this_machine() -> None:
    found = installed_in(REPO_ROOT / "node_modules", npm_platform())
    assert found is not None, "run npm ci (make does)"
    assert found.version == PINNED["pagefind"]


def test_the_built_index_is_made_by_the_pinned_version(real_site: SiteBuild) -> None:
    entry = json.loads((real_site.outdir / "_pagefind" / "pagefind-entry.json").read_text())
    assert entry["version"] == PINNED["pagefind"]


#: sphinx-build, in a process of its own, with Pagefind looked for only in the folder given
#: (the repository's node_modules/ is above this package, so it would be found from anywhere).
BUILD_WITHOUT_PAGEFIND = """
import sys
from pathlib import Path
from biotroy_kb.html import search
search.search_starts = lambda confdir: [Path(sys.argv[1])]
from sphinx.cmd.build import main
sys.exit(main(["-b", "html", "-q", "--no-color", "-W", sys.argv[2], sys.argv[3]]))
"""


def test_a_build_without_pagefind_stops_before_reading_with_one_line(tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS_DIR / "test-search", srcdir)
    outdir = tmp_path / "out"
    command = [sys.executable, "-c", BUILD_WITHOUT_PAGEFIND, tmp_path, srcdir, outdir]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode != 0
    assert result.stderr.strip() == (
        f"ERROR: search: Pagefind is not installed (node_modules/@pagefind/{npm_platform()} is "
        f"in no folder above {srcdir} or the working folder); run `npm ci` in the project's "
        "folder, which installs the version package.json pins (make html does), or build with "
        "-D kb_search=0 [kb.search]"
    )
    assert not list(outdir.rglob("*.html"))


def test_read_the_docs_installs_pagefind_as_make_does() -> None:
    config = yaml.safe_load((REPO_ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert "nodejs" in config["build"]["tools"]
    assert [c.split()[:2] for c in config["build"]["jobs"]["post_install"]] == [["npm", "ci"]]
    assert "\tnpm ci " in (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
