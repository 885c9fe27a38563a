"""The reading experience in a real browser: tooltips, narrow screens, dark mode, offline
pages, accessibility, the 404 page, the feed and the sitemap."""

from __future__ import annotations

import io
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Locator, Page, expect
from pypdf import PdfReader

from screenshots import Shot, take
from serving import PageLog, ServedSite

pytestmark = pytest.mark.browser


def tooltip_of(browser_page: Page, url: str, links: str, show: str) -> Locator:
    """Open `url`, hover or focus (`show`) the first of `links`, and return its tooltip."""
    browser_page.goto(url)
    link = browser_page.locator(links).first
    getattr(link, show)()
    return browser_page.locator(f"#{link.get_attribute('aria-describedby')}")


def hovered_glossary_tooltip(browser_page: Page, site: ServedSite) -> Locator:
    """The pipeline page's first glossary link hovered with the mouse: its tooltip, shown."""
    tip = tooltip_of(browser_page, site.url("pipeline/index.html"), "article a.kb-term", "hover")
    expect(tip).to_be_visible()
    return tip


def test_hovering_a_glossary_link_shows_its_definition(
    page: tuple[Page, PageLog], site: ServedSite
) -> None:
    tip = hovered_glossary_tooltip(page[0], site)
    expect(tip).to_contain_text("The full set of medicines a company is developing")


def test_moving_the_mouse_off_a_glossary_link_closes_its_definition(
    page: tuple[Page, PageLog], site: ServedSite
) -> None:
    tip = hovered_glossary_tooltip(page[0], site)
    page[0].locator("article h1").hover()
    expect(tip).to_be_hidden()


def test_focusing_a_glossary_link_with_the_keyboard_shows_its_definition(
    page: tuple[Page, PageLog], site: ServedSite
) -> None:
    browser_page, _ = page
    tip = tooltip_of(browser_page, site.url("pipeline/bt02.html"), "article a.kb-term", "focus")
    assert tip.get_attribute("role") == "tooltip"
    assert tip.is_visible()
    browser_page.keyboard.press("Escape")
    assert not tip.is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["index.html", "pipeline/index.html", "pipeline/bt02.html"])
def test_no_horizontal_overflow_at_375_px(
    browser: Browser, site: ServedSite, path: str, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, color_scheme=scheme)
    browser_page = context.new_page()
    browser_page.goto(site.url(path))
    widths = browser_page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    context.close()
    assert widths[0] <= widths[1], f"{path} is {widths[0]}px wide in a {widths[1]}px window"


@pytest.mark.parametrize("path", ["index.html", "pipeline/index.html", "pipeline/bt02.html"])
def test_pages_are_readable_in_dark_mode(browser: Browser, site: ServedSite, path: str) -> None:
    context = browser.new_context(color_scheme="dark")
    browser_page = context.new_page()
    browser_page.goto(site.url(path))
    background = browser_page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    results = Axe().run(browser_page, options={"runOnly": ["color-contrast"]})
    context.close()
    assert background not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    assert results.response["violations"] == []


def test_404_page_works_from_a_nested_path(page: tuple[Page, PageLog], site: ServedSite) -> None:
    browser_page, log = page
    response = browser_page.goto(site.url("pipeline/no/such/page.html"))
    assert response is not None and response.status == 404
    assert "not found" in browser_page.locator("article").inner_text().lower()
    links = browser_page.locator(".kb-not-found li a")
    expect(links).to_have_text(["The home page", "Start here"])
    expect(browser_page.locator(".kb-not-found input[type=search]")).to_be_visible()
    stylesheets = browser_page.evaluate(
        "() => [...document.styleSheets].filter(s => s.href).length"
    )
    assert stylesheets > 0
    assert log.failed_loads == []  # its styles, scripts and logo load from the nested path
    browser_page.locator("a.sidebar-brand").first.click()
    browser_page.wait_for_load_state()
    assert browser_page.locator("h1").first.inner_text().startswith("BioTroy Knowledge Base")
    assert log.foreign_requests == []


@pytest.mark.parametrize("path", ["news/atom.xml", "sitemap.xml"])
def test_feed_and_sitemap_are_xml_with_absolute_urls(
    page: tuple[Page, PageLog], site: ServedSite, path: str
) -> None:
    browser_page, _ = page
    response = browser_page.request.get(site.url(path))
    assert response.ok
    root = ET.fromstring(response.body())
    urls = [el.text for el in root.iter() if el.tag.endswith("loc")]
    urls += [el.get("href") for el in root.iter() if el.tag.endswith("link")]
    assert urls
    assert all(url.startswith(("http://", "https://")) for url in urls), urls


def test_make_screenshots_saves_each_page_whole_at_its_width(
    browser: Browser, site: ServedSite, tmp_path: Path
) -> None:
    """`make screenshots` (tests/browser/screenshots.py): a phone's screenshot of the home page
    is the phone's width and the page's whole height, not the window's."""
    [saved] = take(browser, [Shot("home", site.url("index.html"), 375, "dark")], tmp_path)
    width, height = struct.unpack(">II", saved.read_bytes()[16:24])  # the PNG's IHDR
    assert (width, height > 900) == (375, True)


def test_a_facts_source_opens_in_a_tooltip_on_keyboard_focus(
    page: tuple[Page, PageLog], site: ServedSite
) -> None:
    browser_page, _ = page
    tip = tooltip_of(browser_page, site.url("pipeline/bt02.html"), "article a.kb-fact", "focus")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Source: BT02 clinical trial approval in China")
    expect(tip).to_contain_text("undated")


def test_a_first_tap_on_a_fact_shows_its_source_and_a_second_follows_it(
    browser: Browser, site: ServedSite
) -> None:
    context = browser.new_context(
        has_touch=True, is_mobile=True, viewport={"width": 375, "height": 800}
    )
    browser_page = context.new_page()
    browser_page.goto(site.url("company/index.html"))
    fact = browser_page.locator("article a.kb-fact").first
    fact.tap()
    expect(browser_page.locator(f"#{fact.get_attribute('aria-describedby')}")).to_be_visible()
    assert browser_page.url.endswith("company/index.html")
    fact.tap()
    browser_page.wait_for_url("**/about/sources.html#source-*")
    context.close()


def test_next_follows_the_reading_path_and_the_handbook_is_not_on_it(
    page: tuple[Page, PageLog], site: ServedSite
) -> None:
    browser_page, _ = page
    browser_page.goto(site.url("glossary.html"))
    expect(browser_page.locator(".kb-path-step")).to_contain_text("step 16 of 17")
    browser_page.locator("a.next-page").click()
    expect(browser_page.locator("h1")).to_have_text("The end of the path¶")
    expect(browser_page.locator("a.next-page")).to_have_count(0)


def test_a_printed_page_lists_its_facts_sources_without_skip_link_or_hints(
    page: tuple[Page, PageLog], site: ServedSite
) -> None:
    browser_page, _ = page
    browser_page.goto(site.url("pipeline/bt02.html"))
    pdf = PdfReader(io.BytesIO(browser_page.pdf()))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Sources of the facts on this page" in text
    assert (
        "BT02 clinical trial approval in China (press release), BioTroy Therapeutics, undated"
        in text
    )
    assert "Regulatory and domain notes" in text
    assert "Skip to content" not in text
    assert "Hover" not in text
    # each fact keeps its source's number, drawn by the style sheet in print only: it is not
    # part of the page's text (which search, descriptions and copying read)
    numbers = "() => [...document.querySelectorAll('sup.kb-print-only')].map((s) => [getComputedStyle(s).display, getComputedStyle(s, '::after').content])"
    browser_page.emulate_media(media="print")
    assert ["inline", '"1"'] in browser_page.evaluate(numbers)
    browser_page.emulate_media(media="screen")
    assert {shown for shown, _ in browser_page.evaluate(numbers)} == {"none"}
