"""A large site's search index in parts (`kb_search_pages_per_part`): Pagefind's search time grows
with the square of the pages a word is on, so the index is split into parts of at most that many
pages, each page in exactly one, which the browser searches together."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_editions import INTERNAL
from test_search_index import fragment, fragments

from biotroy_kb.check.leaks import Marker, find_leaks
from biotroy_kb.html.search_index import split_into_parts

from sitebuild import VariantBuild, build_variant

BUNDLE = "_pagefind"


def parts_listed(outdir: Path) -> list[str]:
    return json.loads((outdir / BUNDLE / "kb-index-parts.json").read_text(encoding="utf-8"))


def part_pages(outdir: Path, folder: str) -> list[str]:
    """The URLs of the pages in the part at `folder` of the bundle ('' for the first)."""
    paths = (outdir / BUNDLE / folder).glob("fragment/*.pf_fragment")
    return sorted(fragment(path)["url"].lstrip("/") for path in paths)


def navigation_site(workdir: Path, pages_per_part: int | None = None) -> VariantBuild:
    overrides = {"kb_search_pages_per_part": pages_per_part} if pages_per_part else {}
    build = build_variant(workdir, "navigation", {}, confoverrides=overrides)
    assert build.statuscode == 0, build.warnings
    return build


@pytest.fixture(scope="module")
def one_part(tmp_path_factory: pytest.TempPathFactory) -> VariantBuild:
    return navigation_site(tmp_path_factory.mktemp("one-part"))


@pytest.fixture(scope="module")
def in_parts(tmp_path_factory: pytest.TempPathFactory) -> VariantBuild:
    return navigation_site(tmp_path_factory.mktemp("in-parts"), pages_per_part=2)


def test_a_site_within_the_setting_is_one_part(one_part: VariantBuild) -> None:
    assert parts_listed(one_part.outdir) == []
    assert not (one_part.outdir / BUNDLE / "part-2").exists()


def test_a_larger_site_is_split_into_parts_of_at_most_the_setting(
    in_parts: VariantBuild,
) -> None:
    folders = ["", *parts_listed(in_parts.outdir)]
    sizes = [len(part_pages(in_parts.outdir, folder)) for folder in folders]
    assert folders[1:] == ["part-2/", "part-3/", "part-4/", "part-5/"]
    assert sizes == [2, 2, 2, 2, 1]


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


def test_the_leak_check_reads_every_part(variant) -> None:
    build = variant("editions", confoverrides={**INTERNAL, "kb_search_pages_per_part": 2})
    assert build.statuscode == 0, build.warnings
    leaks = find_leaks(build.outdir, [Marker("XQZ-INTERNAL-MARKER-4417", "an internal text")])
    in_index = [path for path, _ in leaks if path.startswith(f"{BUNDLE}/")]
    assert any(path.startswith(f"{BUNDLE}/part-") for path in in_index), in_index


def test_parts_are_as_equal_as_can_be_and_each_holds_every_section() -> None:
    urls = [f"{section}/page-{number}.html" for section in "abc" for number in range(7)]
    parts = split_into_parts(urls, 5)
    assert [len(part) for part in parts] == [5, 4, 4, 4, 4]
    assert sorted(url for part in parts for url in part) == sorted(urls)
    assert all({url[0] for url in part} == set("abc") for part in parts)


def test_parts_never_exceed_the_setting() -> None:
    urls = [f"page-{number}.html" for number in range(2001)]
    assert [len(part) for part in split_into_parts(urls, 1000)] == [667, 667, 667]
    assert len(split_into_parts(urls[:1000], 1000)) == 1
