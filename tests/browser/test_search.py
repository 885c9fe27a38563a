"""Search that lands: what new hires type finds the right page first, through the real
search page (identifiers, hyphenated terms, glossary terms, platforms, roles, news)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Page

from serving import PageLog, ServedSite

pytestmark = pytest.mark.browser

CASES = [
    ("CXSL2300740", "BT02"),
    ("BT02", "BT02"),
    ("PD-L1", "Glossary"),
    ("PD-1", "Glossary"),
    ("first-in-class", "Glossary"),
    ("multi-omics", "BioTroy Engine: tumour multi-omics analysis"),
    ("receptor-ligand", "Receptor–ligand discovery"),
    ("BioTroy Engine", "BioTroy Engine: tumour multi-omics analysis"),
    ("large animals", "In vivo pharmacodynamics and translational medicine in large animals"),
    ("biomarkers", "Biomarkers"),
    ("precision medicine", "Precision medicine"),
    ("signal transduction", "Target signal transduction pathway research"),
    ("financing", "The company"),
    ("founder", "The company"),
    ("timeline", "Milestones"),
    ("IND", "Glossary"),
    ("NMPA", "Glossary"),
    ("clinical hold", "Glossary"),
    ("acceptance number", "Glossary"),
    ("epitope", "Glossary"),
    ("news", "News"),
    ("reading path", "Start here"),
    ("glossary", "Glossary"),
    ("sources", "Sources and facts"),
]


def search(page: Page, site: ServedSite, query: str) -> list[str]:
    page.goto(site.url(f"search.html?q={quote(query)}"))
    page.wait_for_selector("#search-results .search-summary")
    return page.locator("#search-results .kb-search-result-title a").all_text_contents()


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_search_puts_the_right_page_first(
    page: tuple[Page, PageLog], site: ServedSite, query: str, expected: str
) -> None:
    titles = search(page[0], site, query)
    assert titles, f"no results for {query!r}"
    assert titles[0].strip() == expected, titles[:5]


def test_search_finds_pure_numbers(page: tuple[Page, PageLog], site: ServedSite) -> None:
    titles = search(page[0], site, "2020")
    assert "The company" in titles


def test_search_for_an_identifier_highlights_it_on_the_page(
    page: tuple[Page, PageLog], site: ServedSite
) -> None:
    browser_page = page[0]
    search(browser_page, site, "CXSL2300740")
    browser_page.locator("#search-results .kb-search-result-title a").first.click()
    browser_page.wait_for_load_state()
    assert browser_page.url.split("?")[0].endswith("pipeline/bt02.html")
    assert "CXSL2300740" in browser_page.locator("article").inner_text()
