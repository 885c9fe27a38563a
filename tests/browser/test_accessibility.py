"""Accessibility on every page of the English site, not only the key ones: axe finds nothing
serious or critical, on a phone and on a desktop. (The Chinese edition: test_chinese.py.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from serving import PHONE_AND_DESKTOP, ServedSite, serious_axe_findings

pytestmark = pytest.mark.browser


def test_axe_finds_nothing_serious_on_any_page(browser: Browser, site: ServedSite) -> None:
    context = browser.new_context()
    page = context.new_page()
    pages = site.pages()
    assert len(pages) > 20
    serious = [
        f"{path} at {finding}"
        for path in pages
        for finding in serious_axe_findings(page, site.url(path), PHONE_AND_DESKTOP)
    ]
    context.close()
    assert serious == [], "\n".join(serious)
