"""The search index in parts, kept between builds: each page in the part its address hashes to
(so no page moves when another is added), each part's copies and bundle kept in the doctree
folder; an edit indexes the pages it wrote in a recent part of their own, and their records in
their own part are stale (listed, their fragments taken out) until the parts are indexed
again."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_editions import INTERNAL, PUBLIC
from test_search_index import fragment, fragments

from biotroy_kb.check.leaks import Marker, find_leaks
from biotroy_kb.html import search_index
from biotroy_kb.html.search_index import part_count, part_of

from sitebuild import VariantBuild, build_variant, copy_root, edit, run_sphinx

BUNDLE = "_pagefind"
#: Five parts for the nine pages of the navigation test root.
IN_PARTS = {"kb_search_pages_per_part": 2}


def parts_file(outdir: Path) -> dict[str, list[str]]:
    return json.loads((outdir / BUNDLE / "kb-index-parts.json").read_text(encoding="utf-8"))


def parts_listed(outdir: Path) -> list[str]:
    return parts_file(outdir)["parts"]


def part_pages(outdir: Path, folder: str) -> list[str]:
    """The URLs of the pages in the part at `folder` of the bundle ('' for the first)."""
    paths = (outdir / BUNDLE / folder).glob("fragment/*.pf_fragment")
    return sorted(fragment(path)["url"].lstrip("/") for path in paths)


def navigation_site(workdir: Path, overrides: dict[str, object] | None = None) -> VariantBuild:
    build = build_variant(workdir, "navigation", {}, confoverrides=overrides)
    assert build.statuscode == 0, build.warnings
    return build


@pytest.fixture(scope="module")
def one_part(tmp_path_factory: pytest.TempPathFactory) -> VariantBuild:
    return navigation_site(tmp_path_factory.mktemp("one-part"))


@pytest.fixture(scope="module")
def in_parts(tmp_path_factory: pytest.TempPathFactory) -> VariantBuild:
    return navigation_site(tmp_path_factory.mktemp("in-parts"), IN_PARTS)


def test_a_site_within_the_setting_is_one_part(one_part: VariantBuild) -> None:
    assert parts_listed(one_part.outdir) == []
    assert not (one_part.outdir / BUNDLE / "part-2").exists()


def test_a_larger_site_is_split_and_each_page_is_in_the_part_its_address_hashes_to(
    in_parts: VariantBuild,
) -> None:
    folders = ["", *parts_listed(in_parts.outdir)]
    assert folders[1:] == ["part-2/", "part-3/", "part-4/", "part-5/"]
    for number, folder in enumerate(folders, 1):
        assert all(part_of(url, 5) == number for url in part_pages(in_parts.outdir, folder))


def test_every_page_is_in_exactly_one_part(one_part: VariantBuild, in_parts: VariantBuild) -> None:
    folders = ["", *parts_listed(in_parts.outdir)]
    urls = [url for folder in folders for url in part_pages(in_parts.outdir, folder)]
    assert len(urls) == len(set(urls))
    assert sorted(urls) == sorted(fragments(one_part.outdir))


def test_further_parts_leave_the_engine_to_the_first(in_parts: VariantBuild) -> None:
    first = {path.name for path in (in_parts.outdir / BUNDLE).iterdir()}
    second = {path.name for path in (in_parts.outdir / BUNDLE / "part-2").iterdir()}
    assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json"} <= first
    assert "pagefind-entry.json" in second
    assert [name for name in second if name.endswith((".js", ".pagefind"))] == []


def test_the_site_s_words_are_listed_by_letter_for_near_misses(in_parts: VariantBuild) -> None:
    words = json.loads((in_parts.outdir / BUNDLE / "kb-words" / "l.json").read_text())
    assert "leaf" in words


def test_the_leak_check_reads_every_part(variant) -> None:
    build = variant("editions", confoverrides={**INTERNAL, "kb_search_pages_per_part": 2})
    assert build.statuscode == 0, build.warnings
    leaks = find_leaks(build.outdir, [Marker("XQZ-INTERNAL-MARKER-4417", "an internal text")])
    in_index = [path for path, _ in leaks if path.startswith(f"{BUNDLE}/")]
    assert any(path.startswith(f"{BUNDLE}/part-") for path in in_index), in_index


def test_no_page_moves_when_pages_are_added() -> None:
    urls = [f"section-{n % 7}/page-{n}.html" for n in range(3000)]
    before = {url: part_of(url, 4) for url in urls[:2000]}
    assert {url: part_of(url, 4) for url in urls[:2000]} == before
    assert sorted({part_of(url, 4) for url in urls}) == [1, 2, 3, 4]


def test_parts_are_about_equal() -> None:
    urls = [f"section-{n % 7}/page-{n}.html" for n in range(1000)]
    sizes = [sum(part_of(url, 4) == part for url in urls) for part in (1, 2, 3, 4)]
    assert max(sizes) < 1.15 * min(sizes), sizes


@pytest.mark.parametrize(("pages", "parts"), [(27, 1), (10_000, 1), (10_001, 2), (20_001, 3)])
def test_a_site_is_split_only_past_the_pages_a_part_holds(pages: int, parts: int) -> None:
    assert part_count(pages, pages_per_part=10_000) == parts


# Builds again: the parts kept between builds


def build(srcdir: Path, builddir: Path, overrides: dict[str, object] | None = None) -> VariantBuild:
    built = run_sphinx(srcdir, builddir, confoverrides={**IN_PARTS, **(overrides or {})})
    assert built.statuscode == 0, built.warnings
    return built


def entries_written_at(outdir: Path) -> dict[str, int]:
    """When each part's entry file was written, by part folder."""
    return {
        folder: (outdir / BUNDLE / folder / "pagefind-entry.json").stat().st_mtime_ns
        for folder in ["", *parts_listed(outdir)]
    }


def indexed_parts(built: VariantBuild) -> str:
    """What the build said it indexed ("parts indexed: 2, 4")."""
    return re.search(r"parts indexed: ([^)]*)", built.status.getvalue()).group(1)


LEAF = "guide/deeper/leaf.html"


def edited_leaf(tmp_path: Path, overrides: dict[str, object] | None = None) -> VariantBuild:
    """The navigation root built in parts, then again after an edit of one page's words."""
    srcdir = copy_root(tmp_path, "navigation")
    build(srcdir, tmp_path / "out", overrides)
    edit(srcdir / "guide/deeper/leaf.md", "Three levels down.", "Three levels down, leafy.")
    return build(srcdir, tmp_path / "out", overrides)


def test_an_edit_indexes_only_the_pages_it_wrote_in_the_recent_part(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "navigation")
    first = build(srcdir, tmp_path / "out")
    before = entries_written_at(first.outdir)
    edit(srcdir / "guide/deeper/leaf.md", "Three levels down.", "Three levels down, leafy.")
    again = build(srcdir, tmp_path / "out")
    assert indexed_parts(again) == "recent"
    assert parts_listed(again.outdir)[-1] == "recent/"
    assert part_pages(again.outdir, "recent/") == [LEAF]
    after = entries_written_at(again.outdir)
    assert {folder for folder in before if before[folder] != after[folder]} == set()
    assert "leafy" in fragments(again.outdir)[LEAF]["content"]


def test_the_edited_page_s_record_in_its_own_part_is_stale_and_its_fragment_gone(
    tmp_path: Path,
) -> None:
    first_ids = {}
    srcdir = copy_root(tmp_path, "navigation")
    first = build(srcdir, tmp_path / "out")
    for path in (first.outdir / BUNDLE).rglob("fragment/*.pf_fragment"):
        first_ids[fragment(path)["url"].lstrip("/")] = path.stem
    edit(srcdir / "guide/deeper/leaf.md", "Three levels down.", "Three levels down, leafy.")
    again = build(srcdir, tmp_path / "out")
    assert parts_file(again.outdir)["stale"] == [first_ids[LEAF]]
    own = ["", *parts_listed(again.outdir)][part_of(LEAF, 5) - 1]
    assert LEAF not in part_pages(again.outdir, own)


def test_past_the_recent_pages_every_page_is_indexed_in_its_own_part_again(
    tmp_path: Path,
) -> None:
    again = edited_leaf(tmp_path, {"kb_search_recent_pages": 1})
    srcdir = tmp_path / "src"
    edit(srcdir / "guide/first.md", "First", "First, again")
    third = build(srcdir, tmp_path / "out", {"kb_search_recent_pages": 1})
    assert indexed_parts(again) == "recent"
    assert "recent/" not in parts_listed(third.outdir)
    assert not (third.outdir / BUNDLE / "recent").exists()
    assert parts_file(third.outdir)["stale"] == []
    assert "leafy" in fragments(third.outdir)[LEAF]["content"]


def test_a_record_whose_fragment_is_not_known_is_indexed_again_in_its_own_part(
    tmp_path: Path,
) -> None:
    # Pagefind bundles a large site's fragments into shared files: no id to list as stale
    srcdir = copy_root(tmp_path, "navigation")
    build(srcdir, tmp_path / "out")
    own = part_of(LEAF, 5)
    (
        tmp_path / "out" / "doctrees" / search_index.CACHE_DIR / f"part-{own}" / "fragments.json"
    ).unlink()
    edit(srcdir / "guide/deeper/leaf.md", "Three levels down.", "Three levels down, leafy.")
    again = build(srcdir, tmp_path / "out")
    assert indexed_parts(again) == str(own)
    assert parts_file(again.outdir)["stale"] == []
    assert "leafy" in fragments(again.outdir)[LEAF]["content"]


def test_the_public_edition_indexes_the_parts_of_the_pages_written(tmp_path: Path) -> None:
    # a word taken off a public page must leave the index the public reads
    srcdir = copy_root(tmp_path, "editions")
    build(srcdir, tmp_path / "out", PUBLIC)
    edit(srcdir / "public-page.md", "announces things here", "says things here")
    again = build(srcdir, tmp_path / "out", PUBLIC)
    page = "public-page.html"
    assert indexed_parts(again) == str(part_of(page, len(parts_listed(again.outdir)) + 1))
    assert parts_file(again.outdir)["stale"] == []
    assert "recent/" not in parts_listed(again.outdir)
    assert "announces" not in fragments(again.outdir)[page]["content"]


def test_a_rebuild_without_changes_indexes_nothing_and_keeps_the_search_page(
    tmp_path: Path,
) -> None:
    srcdir = copy_root(tmp_path, "navigation")
    first = build(srcdir, tmp_path / "out")
    page = first.outdir / "search.html"
    before = page.stat().st_mtime_ns
    again = build(srcdir, tmp_path / "out")
    assert "search index" not in again.status.getvalue()
    assert page.stat().st_mtime_ns == before


def test_an_index_removed_from_the_output_comes_back_from_the_parts_kept(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "navigation")
    first = build(srcdir, tmp_path / "out")
    pages = fragments(first.outdir)
    (first.outdir / BUNDLE / "part-3" / "pagefind-entry.json").unlink()
    again = build(srcdir, tmp_path / "out")
    assert indexed_parts(again) == "none"
    assert fragments(again.outdir) == pages


def test_a_removed_page_leaves_the_index(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "navigation")
    build(srcdir, tmp_path / "out")
    edit(srcdir / "guide/deeper/index.md", "leaf\n", "\n")
    (srcdir / "guide/deeper/leaf.md").unlink()
    again = build(srcdir, tmp_path / "out")
    assert "guide/deeper/leaf.html" not in fragments(again.outdir)


def kept_copies(build: VariantBuild) -> dict[str, str]:
    """The indexed copies the build keeps for Pagefind, by path in the part's folder."""
    pages = build.outdir.parent / "doctrees" / search_index.CACHE_DIR / "part-1" / "pages"
    return {str(path.relative_to(pages)): path.read_text("utf-8") for path in pages.rglob("*.html")}


def test_copies_made_in_several_processes_are_those_made_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold `-j` build shares the copies out over its processes (past `PAGES_TO_SHARE`
    pages, here every page), in the order of the pages."""
    srcdir = copy_root(tmp_path, "navigation")
    serial = run_sphinx(srcdir, tmp_path / "serial")
    monkeypatch.setattr(search_index, "PAGES_TO_SHARE", 1)
    shared = run_sphinx(srcdir, tmp_path / "shared", parallel=2)
    assert serial.statuscode == shared.statuscode == 0, serial.warnings + shared.warnings
    copies = kept_copies(serial)
    assert len(copies) > 5
    assert kept_copies(shared) == copies
    assert fragments(shared.outdir).keys() == fragments(serial.outdir).keys()
