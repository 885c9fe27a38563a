"""The search index in parts, in a real browser: a site whose index is split
(`kb_search_pages_per_part`) finds the same pages as the same site in one part."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from serving import PageLog, ServedSite, served_builds

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
