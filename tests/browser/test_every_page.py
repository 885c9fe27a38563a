"""Every page of the English site in a browser, not only the key ones: it loads with nothing
from another host and no console error, and axe finds nothing serious or critical on it, on a
phone and on a desktop. (The Chinese edition: test_chinese.py.)"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser

from serving import (
    PHONE_AND_DESKTOP,
    PageLog,
    ServedSite,
    open_with_axe,
    serious_axe_findings_as_laid_out,
)

pytestmark = pytest.mark.browser


@dataclass
class Visit:
    """One page as the tour below saw it."""

    path: str
    loaded: bool
    axe_findings: list[str] = field(default_factory=list)


@dataclass
class Tour:
    visits: list[Visit]
    foreign_requests: list[str]
    console_errors: list[str]


@pytest.fixture(scope="module")
def tour(browser: Browser, site: ServedSite) -> Tour:
    """Every page loaded once at a phone's width and laid out again at a desktop's, axe run at
    each: one load per page for both tests below (loading every page again cost ~10 s)."""
    context = browser.new_context()
    page = context.new_page()
    log = PageLog(site.root)
    log.watch(page)
    visits = []
    for path in site.pages():
        response = open_with_axe(page, site.url(path), PHONE_AND_DESKTOP[0])
        visit = Visit(path, loaded=response is not None and response.ok)
        for width in PHONE_AND_DESKTOP:
            page.set_viewport_size({"width": width, "height": 900})
            visit.axe_findings += serious_axe_findings_as_laid_out(page)
        visits.append(visit)
    context.close()
    return Tour(visits, log.foreign_requests, log.console_errors)


def test_every_page_loads_with_no_foreign_request_and_no_console_error(tour: Tour) -> None:
    assert len(tour.visits) > 20
    assert [visit.path for visit in tour.visits if not visit.loaded] == []
    assert tour.foreign_requests == []
    assert tour.console_errors == []


def test_axe_finds_nothing_serious_on_any_page(tour: Tour) -> None:
    serious = [
        f"{visit.path} at {finding}" for visit in tour.visits for finding in visit.axe_findings
    ]
    assert serious == [], "\n".join(serious)
