"""What the reader's browser remembers, in Chromium, in both languages: the pages read (ticked
on Start here, forgotten on request) and the sections changed since the reader last read them
(build, read, edit a section, rebuild, read again). A small site, built once per language and
served from the folder each rebuild writes to."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from serving import chromium, serving
from sitebuild import ROOTS_DIR, edit, run_sphinx

pytestmark = pytest.mark.browser

LANGUAGES = {"en": {}, "zh": {"language": "zh_CN"}}
#: what Start here says once one page of three is read, in each language
ONE_READ = {
    "en": "You have read 1 of 3 pages on the path.",
    "zh": "路径上共3个页面，你已读完1个。",
}
READ = re.compile(r"\bkb-read\b")
CHANGED = {
    "en": "Changed since you last read this page on",
    "zh": "上次阅读本页以来，以下内容有变化",
}


@dataclass
class Editions:
    root: str
    sources: dict[str, Path]
    work: Path

    def url(self, language: str, page: str) -> str:
        return f"{self.root}/{language}/html/{page}"

    def rebuild(self, language: str) -> None:
        build = run_sphinx(
            self.sources[language], self.work / language, "html", LANGUAGES[language]
        )
        assert build.statuscode == 0, build.warnings


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editions]:
    work = tmp_path_factory.mktemp("memory")
    sources = {}
    for language in LANGUAGES:
        sources[language] = work / f"src-{language}"
        shutil.copytree(ROOTS_DIR / "test-reading", sources[language])
    site = Editions("", sources, work)
    for language in LANGUAGES:
        site.rebuild(language)
    with serving(work) as address:
        site.root = address
        yield site


@pytest.fixture(scope="module")
def browser(editions: Editions) -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def read_to_the_end(page: Page, url: str) -> None:
    page.goto(url)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function(
        "() => Object.values(JSON.parse(localStorage.getItem(Object.keys(localStorage)[0]))"
        ".pages).some((p) => p.read)"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_start_here_ticks_the_pages_read_and_forgets_them_on_request(
    page: Page, editions: Editions, language: str
) -> None:
    read_to_the_end(page, editions.url(language, "one.html"))
    page.goto(editions.url(language, "start/index.html"))
    steps = page.locator("ol.kb-path-whole > li")
    expect(steps.nth(0)).to_have_class(READ)
    expect(steps.nth(1)).not_to_have_class(READ)
    expect(page.locator(".kb-path-progress")).to_contain_text(ONE_READ[language])
    page.locator("button.kb-forget").click()
    expect(page.locator("ol.kb-path-whole > li.kb-read")).to_have_count(0)
    assert page.evaluate("() => localStorage.length") == 0


@pytest.mark.parametrize(("language", "section"), [("en", "Beta"), ("zh", "Gamma")])
def test_a_section_changed_since_the_last_read_is_marked_once(
    page: Page, editions: Editions, language: str, section: str
) -> None:
    url = editions.url(language, "two.html")
    page.goto(url)
    expect(page.locator(".kb-changed")).to_have_count(0)
    source = editions.sources[language] / "two.md"
    edit(source, f"{section} says", f"{section} now says")
    editions.rebuild(language)

    page.goto(editions.url(language, "start/whats-new.html"))
    expect(page.locator(".kb-whats-new-list a")).to_have_text(["Two"])
    page.goto(url)
    anchor = section.lower()
    expect(page.locator(f"section#{anchor}")).to_have_class(re.compile(r"\bkb-changed\b"))
    expect(page.locator("section.kb-changed")).to_have_count(1)
    notice = page.locator(".kb-change-notice")
    expect(notice).to_contain_text(CHANGED[language])
    expect(notice.locator("a")).to_have_attribute("href", f"#{anchor}")
    page.reload()
    expect(page.locator(".kb-changed")).to_have_count(0)
    expect(page.locator(".kb-change-notice")).to_have_count(0)


def test_nothing_the_browser_remembers_is_sent_anywhere(page: Page, editions: Editions) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.method))
    read_to_the_end(page, editions.url("en", "one.html"))
    page.goto(editions.url("en", "start/index.html"))
    assert set(requests) == {"GET"}
