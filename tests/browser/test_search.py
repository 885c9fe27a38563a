"""Search that lands on the page: a result opened from the results page shows the reader's
words on it. Which pages each query finds, and which comes first, is the query sets' job
(tests/search/queries-*.yaml, test_search_queries.py)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Page

from serving import PageLog, ServedSite

pytestmark = pytest.mark.browser


def test_search_for_an_identifier_highlights_it_on_the_page(
    page: tuple[Page, PageLog], site: ServedSite
) -> None:
    browser_page = page[0]
    browser_page.goto(site.url(f"search.html?q={quote('CXSL2300740')}"))
    browser_page.wait_for_selector("#search-results .search-summary")
    browser_page.locator("#search-results .kb-search-result-title a").first.click()
    browser_page.wait_for_load_state()
    assert browser_page.url.split("?")[0].endswith("pipeline/bt02.html")
    assert "CXSL2300740" in browser_page.locator("article").inner_text()
