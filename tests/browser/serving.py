"""Serving the built site on 127.0.0.1 and watching what a page does in the browser."""

from __future__ import annotations

import functools
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Response, sync_playwright

#: The tests drive Chromium's headless shell: Debian builds it from the browser's own source,
#: without the desktop browser's window and compositor, and the whole suite runs in about three
#: quarters of the time (the performance page's "The test suite").
TEST_BROWSER = "chromium-headless-shell"
#: Screenshots and the search benchmark use the browser a reader runs.
READER_BROWSER = "chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "_build" / "screenshots"
#: The widths every page is checked at: a phone's and a desktop's.
PHONE_AND_DESKTOP = (375, 1280)
#: What axe finds that fails a page.
SERIOUS = frozenset({"serious", "critical"})


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site as a static host does, with its 404 page for missing paths."""

    def not_found_page(self) -> Path:
        """The page a missing path is answered with."""
        return Path(self.directory, "404.html")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.not_found_page()
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet: tests read the browser's view, not the server's log."""


class SiteServer(ThreadingHTTPServer):
    """Browsers keep connections open; do not wait for them when the tests end."""

    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        """A page closed while its files were still coming (a test done with it, as a reader
        who leaves) is no error of the site's: no traceback for it in the test output."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass
class ServedSite:
    root: str
    outdir: Path

    def url(self, path: str = "") -> str:
        return f"{self.root}/{path.lstrip('/')}"

    def pages(self) -> list[str]:
        return sorted(
            str(p.relative_to(self.outdir))
            for p in self.outdir.rglob("*.html")
            if not {"_static", "_sources", "_images"} & set(p.parts)
        )


def chromium_path(program: str) -> str:
    """Debian's `program` (the environment variable CHROMIUM names another)."""
    path = os.environ.get("CHROMIUM") or shutil.which(program)
    if not path:
        pytest.fail(f"The browser tests need Debian's Chromium: run `apt-get install {program}`.")
    return path


@dataclass
class PageLog:
    """What a page did that a reader would not want: requests elsewhere, errors."""

    origin: str
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    #: styles, scripts, images and data that did not load (a page itself may be a 404)
    failed_loads: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        page.on("request", self._on_request)
        page.on("response", self._on_response)
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _on_response(self, response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            self.failed_loads.append(response.url)

    def _on_request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.foreign_requests.append(request.url)


@contextmanager
def serving(directory: Path, handler_class: type[SiteHandler] = SiteHandler) -> Iterator[str]:
    """`directory` served on 127.0.0.1 as a static host does; yields the address."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = SiteServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium(program: str = TEST_BROWSER) -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (never a browser Playwright downloads)."""
    with sync_playwright() as playwright:
        executable = chromium_path(program)
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def served_builds(
    work: Path, root: str, builds: dict[str, dict[str, object]]
) -> Iterator[ServedSite]:
    """Test root `tests/roots/test-<root>` built once per entry of `builds` (a name and its
    settings), each in the folder of its name, all under one server."""
    # not at the top: benchmarks/search.py imports this module without tests/ on its path
    from sitebuild import ROOTS_DIR, run_sphinx

    shutil.copytree(ROOTS_DIR / f"test-{root}", work / "src")
    for name, overrides in builds.items():
        built = run_sphinx(work / "src", work / f"build-{name}", confoverrides=overrides)
        assert built.statuscode == 0, built.warnings
        shutil.copytree(built.outdir, work / "served" / name)
    (work / "served" / "favicon.ico").write_bytes(b"")  # Chromium asks the server's root for it
    with serving(work / "served") as address:
        yield ServedSite(address, work / "served")


@contextmanager
def reading(browser: Browser, site: ServedSite) -> Iterator[tuple[Page, PageLog]]:
    """A fresh desktop page whose requests elsewhere and console errors are logged."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log = PageLog(site.root)
    log.watch(page)
    try:
        yield page, log
    finally:
        context.close()


def open_with_axe(page: Page, address: str, width: int) -> Response | None:
    """The page at `address` loaded at `width` with axe-core ready in it. Load a page once and
    lay it out again at each width to check (`set_viewport_size`): nothing the site or furo
    runs on loading depends on the width, and loading and injecting axe once per width made
    the two slowest tests of the suite a third longer."""
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(address)
    page.evaluate(Axe().axe_script)
    return response


def serious_axe_findings_as_laid_out(page: Page) -> list[str]:
    """axe's serious and critical findings on a page opened with `open_with_axe`, at the width
    it is laid out at now, one line each."""
    width = page.viewport_size["width"] if page.viewport_size else 0
    violations = page.evaluate("axe.run({resultTypes: ['violations']})")["violations"]
    return [
        f"{width} px: {v['id']} ({v['impact']}) at {v['nodes'][0]['target']}: {v['help']}"
        for v in violations
        if v["impact"] in SERIOUS
    ]


@dataclass
class Visit:
    """One page as a tour saw it: whether it loaded, its alternates, what it asked of other
    hosts and logged as errors, and at each width what the tour's probe found and axe's
    serious findings."""

    path: str
    loaded: bool
    hreflangs: list[str]
    foreign_requests: list[str]
    console_errors: list[str]
    probed: dict[int, list[str]] = field(default_factory=dict)
    axe_findings: list[str] = field(default_factory=list)


def tour(
    browser: Browser, origin: str, addresses: dict[str, str], probe: str | None = None
) -> list[Visit]:
    """Each page (path -> address) loaded once at a phone's width with axe ready, then laid out
    at each width of PHONE_AND_DESKTOP, where `probe` (a script answering a list of problems)
    and axe run: one load per page for all the tests that read every page."""
    context = browser.new_context()
    page = context.new_page()
    log = PageLog(origin)
    log.watch(page)
    visits = []
    for path, address in addresses.items():
        requests, errors = len(log.foreign_requests), len(log.console_errors)
        response = open_with_axe(page, address, PHONE_AND_DESKTOP[0])
        visit = Visit(
            path,
            loaded=response is not None and response.ok,
            hreflangs=page.eval_on_selector_all(
                "link[rel=alternate][hreflang]", "links => links.map(l => l.hreflang)"
            ),
            foreign_requests=log.foreign_requests[requests:],
            console_errors=log.console_errors[errors:],
        )
        for width in PHONE_AND_DESKTOP:
            page.set_viewport_size({"width": width, "height": 900})
            visit.probed[width] = page.evaluate(probe) if probe else []
            visit.axe_findings += serious_axe_findings_as_laid_out(page)
        visits.append(visit)
    context.close()
    return visits
