"""Every page of the English site in a browser, not only the key ones: it loads with nothing
from another host and no console error, and axe finds nothing serious or critical on it, on a
phone and on a desktop. (The Chinese edition: test_chinese.py.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from serving import ServedSite, Visit, tour

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def english_tour(browser: Browser, site: ServedSite) -> list[Visit]:
    """Every page loaded once for both tests below (loading every page again cost ~10 s)."""
    return tour(browser, site.root, {path: site.url(path) for path in site.pages()})


def test_every_page_loads_with_no_foreign_request_and_no_console_error(
    english_tour: list[Visit],
) -> None:
    assert len(english_tour) > 20
    assert [visit.path for visit in english_tour if not visit.loaded] == []
    assert [request for visit in english_tour for request in visit.foreign_requests] == []
    assert [error for visit in english_tour for error in visit.console_errors] == []


def test_axe_finds_nothing_serious_on_any_page(english_tour: list[Visit]) -> None:
    serious = [
        f"{visit.path} at {finding}" for visit in english_tour for finding in visit.axe_findings
    ]
    assert serious == [], "\n".join(serious)
