"""Accessibility on every page of the English site, not only the key ones: axe finds nothing
serious or critical, on a desktop and on a phone. (The Chinese edition: test_chinese.py.)"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from serving import ServedSite

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_nothing_serious_on_any_page(
    browser: Browser, site: ServedSite, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    axe = Axe()
    pages = site.pages()
    assert len(pages) > 20
    serious = []
    for path in pages:
        page.goto(site.url(path))
        serious += [
            f"{path}: {v['id']} ({v['impact']}) at {v['nodes'][0]['target']}: {v['help']}"
            for v in axe.run(page).response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
    context.close()
    assert serious == [], "\n".join(serious)
