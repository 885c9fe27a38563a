"""The search index in parts, in a real browser: a site whose index is split
(`kb_search_pages_per_part`) finds the same pages as the same site in one part, and after an
edit, the edited page's stale record in its own part is never shown."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from serving import PageLog, ServedSite, reading, served_builds, serving
from sitebuild import copy_root, edit, run_sphinx

pytestmark = pytest.mark.browser

BOX = "input.sidebar-search"
OPTIONS = "#kb-search-listbox [role=option] .kb-search-title"
#: Words on one page, on several, and on most pages of the navigation test root.
QUERIES = ["leaf", "part", "page", "text"]
PARTS = {"one": 10_000, "parts": 2}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The navigation test root built twice under one server: `one/` and `parts/`."""
    builds = {name: {"kb_search_pages_per_part": size} for name, size in PARTS.items()}
    with served_builds(tmp_path_factory.mktemp("search-parts"), "navigation", builds) as site:
        yield site


def answer(page: Page, query: str) -> tuple[str, list[str]]:
    """The box's status line and the titles it lists for `query`, typed."""
    page.locator(BOX).press_sequentially(query, delay=20)
    expect(page.locator(".kb-search-status")).to_contain_text(f"“{query}”")
    return page.locator(".kb-search-status").inner_text(), sorted(
        page.locator(OPTIONS).all_text_contents()
    )


@pytest.mark.parametrize("query", QUERIES)
def test_an_index_in_parts_finds_what_one_part_finds(
    reader: tuple[Page, PageLog], sites: ServedSite, query: str
) -> None:
    page, log = reader
    answers = {}
    for name in PARTS:
        page.goto(sites.url(f"{name}/guide/first.html"))
        answers[name] = answer(page, query)
    assert answers["one"][1], answers
    assert answers["parts"] == answers["one"]
    assert log.console_errors == [] and log.foreign_requests == []


def test_every_part_is_loaded_for_a_first_query(
    reader: tuple[Page, PageLog], sites: ServedSite
) -> None:
    page, _ = reader
    entries: list[str] = []
    page.on("request", lambda request: entries.append(request.url.split("?")[0]))
    page.goto(sites.url("parts/index.html"))
    answer(page, "text")
    folders = sorted(
        url.split("/_pagefind/")[1].removesuffix("pagefind-entry.json")
        for url in entries
        if url.endswith("/pagefind-entry.json")
    )
    assert folders == ["", "part-2/", "part-3/", "part-4/", "part-5/"]


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The navigation root in parts, built again after its leaf page lost a word ("levels")
    and gained one ("storeys"): the page is in the recent part, its old record stale."""
    work = tmp_path_factory.mktemp("search-edited")
    srcdir = copy_root(work, "navigation")
    for edits in ([], [("Three levels down.", "Three storeys down.")]):
        for old, new in edits:
            edit(srcdir / "guide/deeper/leaf.md", old, new)
        built = run_sphinx(srcdir, work / "out", confoverrides={"kb_search_pages_per_part": 2})
        assert built.statuscode == 0, built.warnings
    with serving(built.outdir) as address:
        yield ServedSite(address, built.outdir)


def test_an_edited_page_is_found_by_its_new_words(
    sites_browser: Browser, edited: ServedSite
) -> None:
    with reading(sites_browser, edited) as (page, log):
        page.goto(edited.url("guide/first.html"))
        status, titles = answer(page, "storeys")
        assert titles == ["A leaf"], status
        assert log.console_errors == []


def test_an_edited_page_is_listed_once(sites_browser: Browser, edited: ServedSite) -> None:
    # its record in its own part still holds "leaf", and is left out
    with reading(sites_browser, edited) as (page, _):
        page.goto(edited.url("guide/first.html"))
        status, titles = answer(page, "leaf")
        assert titles.count("A leaf") == 1, titles
        assert status == f"{len(titles)} pages found for “leaf”.", status


def test_a_word_taken_off_a_page_finds_nothing(sites_browser: Browser, edited: ServedSite) -> None:
    with reading(sites_browser, edited) as (page, _):
        page.goto(edited.url("guide/first.html"))
        status, titles = answer(page, "levels")
        assert titles == []
        assert status.startswith("Nothing found for “levels”"), status
