"""Browser fixtures: the real site, built once, served on 127.0.0.1 and read in Debian's
Chromium through Playwright (never a browser that Playwright downloads)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from serving import PageLog, ServedSite, chromium, reading, serving
from sitebuild import SiteBuild


@pytest.fixture(scope="session")
def site(real_site: SiteBuild) -> Iterator[ServedSite]:
    with serving(real_site.outdir) as address:
        yield ServedSite(address, real_site.outdir)


@pytest.fixture(scope="module")
def browser(site: ServedSite) -> Iterator[Browser]:
    """Open only while a browser module runs, and after the site is built: a Sphinx build forks
    helper processes (sphinx-sitemap's multiprocessing manager) that would inherit the pipe to
    Playwright's driver and keep it from ever exiting."""
    with chromium() as browser:
        yield browser


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, site: ServedSite) -> Iterator[tuple[Page, PageLog]]:
    page = context.new_page()
    log = PageLog(site.root)
    log.watch(page)
    yield page, log


# For a module that serves builds of its own, as a `sites` fixture (`serving.served_builds`).
@pytest.fixture(scope="module")
def sites_browser(sites: ServedSite) -> Iterator[Browser]:
    """Chromium, opened after the module's builds (see `browser`)."""
    with chromium() as browser:
        yield browser


@pytest.fixture
def reader(sites_browser: Browser, sites: ServedSite) -> Iterator[tuple[Page, PageLog]]:
    """A fresh desktop page on the module's `sites`, its console errors and requests logged."""
    with reading(sites_browser, sites) as opened:
        yield opened
