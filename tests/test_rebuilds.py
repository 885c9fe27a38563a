"""A rebuild that changed nothing keeps what the last build derived from the sources (the general
index, the news feed, the search index, the sidebar's tree, the parsed registry); any change
brings them up to date."""

from __future__ import annotations

import importlib
import json
import pickle
import sys
from pathlib import Path

from test_search_index import fragments

from biotroy_kb.core.data import CACHE_FILE, cached_registry

from sitebuild import ROOTS_DIR, copy_root, edit, run_sphinx


def build(srcdir: Path, builddir: Path, **overrides: object) -> Path:
    built = run_sphinx(srcdir, builddir, confoverrides=overrides)
    assert built.statuscode == 0, built.warnings
    return built.outdir


def written_at(outdir: Path, *names: str) -> list[int]:
    return [(outdir / name).stat().st_mtime_ns for name in names]


def test_a_rebuild_without_changes_leaves_the_general_index_and_feed_alone(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "registry")
    outdir = build(srcdir, tmp_path / "out")
    before = written_at(outdir, "genindex.html", "news/atom.xml")
    build(srcdir, tmp_path / "out")
    assert written_at(outdir, "genindex.html", "news/atom.xml") == before


def test_editing_a_page_writes_the_general_index_and_feed_again(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "registry")
    outdir = build(srcdir, tmp_path / "out")
    before = written_at(outdir, "genindex.html", "news/atom.xml")
    edit(srcdir / "news/tx02-financing.md", "completes financing for TX02", "closes its TX02 round")
    build(srcdir, tmp_path / "out")
    after = written_at(outdir, "genindex.html", "news/atom.xml")
    assert [old != new for old, new in zip(before, after, strict=True)] == [True, True]


SEARCH_ENTRY = "_pagefind/pagefind-entry.json"


def test_a_rebuild_without_changes_keeps_the_search_index(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "registry")
    outdir = build(srcdir, tmp_path / "out")
    before = written_at(outdir, SEARCH_ENTRY)
    build(srcdir, tmp_path / "out")
    assert written_at(outdir, SEARCH_ENTRY) == before


def test_an_index_not_written_to_the_end_is_written_again(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "registry")
    outdir = build(srcdir, tmp_path / "out")
    fragments = sorted(outdir.glob("_pagefind/fragment/*"))
    # what a build stopped while putting the index beside the pages leaves
    (outdir / "_pagefind/kb-index-parts.json").unlink()
    fragments[0].unlink()
    build(srcdir, tmp_path / "out")
    assert (outdir / "_pagefind/kb-index-parts.json").is_file()
    assert sorted(outdir.glob("_pagefind/fragment/*")) == fragments


def test_an_index_whose_entry_file_was_cut_short_is_written_again(tmp_path: Path) -> None:
    """What an indexer killed before it had flushed its files leaves: an empty entry file."""
    srcdir = copy_root(tmp_path, "registry")
    outdir = build(srcdir, tmp_path / "out")
    (outdir / SEARCH_ENTRY).write_text("", encoding="utf-8")
    build(srcdir, tmp_path / "out")
    assert json.loads((outdir / SEARCH_ENTRY).read_text(encoding="utf-8"))["version"]


def test_editing_a_page_indexes_it_again(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "registry")
    outdir = build(srcdir, tmp_path / "out")
    edit(srcdir / "news/tx02-financing.md", "March news.", "The round closed in March.")
    build(srcdir, tmp_path / "out")
    assert (outdir / "_pagefind/recent/pagefind-entry.json").is_file()
    record = fragments(outdir)["news/tx02-financing.html"]
    assert "The round closed in March." in record["content"]


def test_a_page_added_to_the_navigation_reaches_the_sidebar_on_a_rebuild(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "navigation")
    build(srcdir, tmp_path / "out", kb_navigation_prune=True)
    (srcdir / "guide/second.md").write_text("# Second steps\n", encoding="utf-8")
    edit(srcdir / "guide/index.md", "first\n", "first\nsecond\n")
    outdir = build(srcdir, tmp_path / "out", kb_navigation_prune=True)
    assert 'href="second.html">Second steps<' in (outdir / "guide/index.html").read_text()
    shared = [p.read_text() for p in (outdir / "_static").glob("kb-navigation.*.js")]
    assert any('href=\\"guide/second.html\\">Second steps<' in text for text in shared)


def test_a_page_whose_source_is_removed_leaves_the_built_site(tmp_path: Path) -> None:
    """Sphinx itself keeps the page's HTML and its source's copy in the output folder."""
    srcdir = copy_root(tmp_path, "registry")
    outdir = build(srcdir, tmp_path / "out")
    assert (outdir / "chart.html").is_file() and (outdir / "_sources/chart.md.txt").is_file()
    (srcdir / "chart.md").unlink()
    edit(srcdir / "index.md", "chart\n", "")
    build(srcdir, tmp_path / "out")
    assert not (outdir / "chart.html").exists()
    assert not (outdir / "_sources/chart.md.txt").exists()
    assert (outdir / "facts.html").is_file() and (outdir / "_sources/facts.md.txt").is_file()


def test_a_public_build_in_the_internal_editions_folder_leaves_no_internal_page(
    tmp_path: Path,
) -> None:
    srcdir = copy_root(tmp_path, "editions")
    outdir = build(srcdir, tmp_path / "out")
    assert (outdir / "internal-page.html").is_file()
    build(srcdir, tmp_path / "out", kb_edition="public")
    assert not (outdir / "internal-page.html").exists()
    assert (outdir / "public-page.html").is_file()


NAVIGATION_CACHE = "kb-navigation.pickle"


def test_an_edit_to_a_page_text_keeps_the_sidebar_from_the_last_build(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "navigation")
    build(srcdir, tmp_path / "out")
    kept = tmp_path / "out" / "doctrees" / NAVIGATION_CACHE
    before = kept.stat().st_mtime_ns
    edit(srcdir / "guide/first.md", "Text.", "Edited text.")
    outdir = build(srcdir, tmp_path / "out")
    assert "Edited text." in (outdir / "guide/first.html").read_text(encoding="utf-8")
    assert kept.stat().st_mtime_ns == before


def test_a_retitled_page_is_retitled_in_every_sidebar(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "navigation")
    build(srcdir, tmp_path / "out")
    edit(srcdir / "guide/first.md", "# First steps", "# Getting started")
    outdir = build(srcdir, tmp_path / "out")
    pages = sorted(outdir.rglob("*.html"))
    sidebars = [p for p in pages if 'class="sidebar-tree"' in p.read_text(encoding="utf-8")]
    assert len(sidebars) > 3
    assert all(">Getting started<" in p.read_text(encoding="utf-8") for p in sidebars)
    assert not any(">First steps<" in p.read_text(encoding="utf-8") for p in sidebars)


def test_a_registry_copy_written_by_older_code_is_read_again_from_the_files(
    tmp_path: Path,
) -> None:
    """The registry kept in the doctree folder may name classes that have moved since (as
    `registry.models` did): such a copy is no copy, and the files are read."""
    module = tmp_path / "kb_moved_away.py"
    module.write_text("class Gone:\n    pass\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        stale = pickle.dumps(("any key", importlib.import_module("kb_moved_away").Gone()))
    finally:
        sys.path.remove(str(tmp_path))
        del sys.modules["kb_moved_away"]
    module.unlink()
    doctrees = tmp_path / "doctrees"
    doctrees.mkdir()
    (doctrees / CACHE_FILE).write_bytes(stale)
    registry = cached_registry(ROOTS_DIR / "test-registry" / "_data", doctrees)
    assert "TX01" in registry.assets
