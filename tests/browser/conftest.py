"""Browser fixtures: the real site, built once, served on 127.0.0.1 and read in Debian's
Chromium through Playwright (never a browser that Playwright downloads)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from serving import CHROMIUM_FLAGS, PageLog, ServedSite, SiteHandler, SiteServer, chromium_path
from sitebuild import SiteBuild


@pytest.fixture(scope="session")
def site(real_site: SiteBuild) -> Iterator[ServedSite]:
    handler = functools.partial(SiteHandler, directory=str(real_site.outdir))
    server = SiteServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield ServedSite(f"http://127.0.0.1:{server.server_address[1]}", real_site.outdir)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(site: ServedSite) -> Iterator[Browser]:
    """Open only while a browser module runs, and after the site is built: a Sphinx build forks
    helper processes (sphinx-sitemap's multiprocessing manager) that would inherit the pipe to
    Playwright's driver and keep it from ever exiting."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


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
