"""Pruned navigation in a real browser, on the navigation test root built twice (stock furo and
`kb_navigation_prune`): branches expand and collapse with the mouse and the keyboard, links work
without JavaScript, and the fully expanded sidebar is stock furo's."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from serving import PageLog, ServedSite, served_builds

pytestmark = pytest.mark.browser

PAGES = [
    "index.html",
    "guide/index.html",
    "guide/first.html",
    "guide/deeper/index.html",
    "guide/deeper/leaf.html",
    "reference/index.html",
    "reference/shared.html",
    "reference/terms.html",
    "hidden.html",
    "genindex.html",
]
#: What kb-navigation.js adds to furo's toggles (stock furo's are not keyboard-reachable).
BUTTON_ATTRIBUTES = ["role", "tabindex", "aria-label", "aria-expanded"]
#: The sidebar as a tree of tags, attributes and where each element is drawn; without the classes
#: the pruned sidebar leaves out since nothing reads them (Sphinx's levels below the first and
#: `internal`), so the boxes prove nothing moved.
SIDEBAR_TREE = """(skipped) => {
  const skip = new Set(skipped);
  const unread = /^(toctree-l([2-9]|[0-9]{2,})|internal)$/;
  const read = (value) => value.split(/\\s+/).filter((c) => c && !unread.test(c)).join(" ");
  function walk(node) {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent.trim() || null;
    if (node.nodeType !== Node.ELEMENT_NODE) return null;
    const attributes = [...node.attributes]
      .filter((a) => !(node.tagName === "LABEL" && skip.has(a.name)))
      .map((a) => [a.name, a.name === "class" ? read(a.value) : a.value])
      .filter(([name, value]) => name !== "class" || value)
      .sort();
    const children = [...node.childNodes].map(walk).filter((c) => c !== null);
    const state = node.tagName === "INPUT" ? { checked: node.checked } : {};
    const box = node.getBoundingClientRect();
    const drawn = [box.x, box.y, box.width, box.height].map(Math.round);
    return { tag: node.tagName, attributes, children, drawn, ...state };
  }
  return walk(document.querySelector(".sidebar-tree"));
}"""
#: Stock furo's page holds the lists under closed items too; a reader does not see them.
HIDE_CLOSED_LISTS = """() => document
  .querySelectorAll(".sidebar-tree input.toctree-checkbox:not(:checked) ~ ul")
  .forEach((list) => list.remove())"""
ALL_FILLED = """() => [...document.querySelectorAll(".sidebar-tree li.has-children")].every(
  (li) => !li.querySelector(":scope > input").checked || li.querySelector(":scope > ul"))"""
OPEN_EVERY_BRANCH = """() => document
  .querySelectorAll(".sidebar-tree input.toctree-checkbox:not(:checked)")
  .forEach((box) => box.click())"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """Both builds under one server: `stock/` and `pruned/`."""
    builds = {"stock": {"kb_navigation_prune": False}, "pruned": {"kb_navigation_prune": True}}
    with served_builds(tmp_path_factory.mktemp("navigation-browser"), "navigation", builds) as site:
        yield site


def toggle_of(page: Page, title: str) -> Any:
    item = page.locator(
        ".sidebar-tree li.has-children", has=page.locator(f"> a:text-is('{title}')")
    )
    return item.locator("> label")


def sidebar_link(page: Page, title: str) -> Any:
    return page.locator(f".sidebar-tree a:text-is('{title}')")


def expand_all(page: Page) -> None:
    for _ in range(10):
        if page.locator(".sidebar-tree input.toctree-checkbox:not(:checked)").count() == 0:
            return
        page.evaluate(OPEN_EVERY_BRANCH)
        page.wait_for_function(ALL_FILLED)
    raise AssertionError("the sidebar still has closed branches")


def test_expanding_a_branch_shows_its_pages_with_working_links(
    reader: tuple[Page, PageLog], sites: ServedSite
) -> None:
    page, log = reader
    page.goto(sites.url("pruned/guide/first.html"))
    assert sidebar_link(page, "Terms").count() == 0
    toggle_of(page, "Reference").click()
    terms = sidebar_link(page, "Terms")
    terms.wait_for(state="visible")
    assert toggle_of(page, "Reference").get_attribute("aria-expanded") == "true"
    terms.click()
    page.wait_for_url(sites.url("pruned/reference/terms.html"))
    assert page.locator("li.current-page > a").inner_text() == "Terms"
    assert log.console_errors == [] and log.foreign_requests == []


def test_a_nested_branch_expands_from_the_shared_file_too(
    reader: tuple[Page, PageLog], sites: ServedSite
) -> None:
    page, _ = reader
    page.goto(sites.url("pruned/reference/terms.html"))
    toggle_of(page, "Guide").click()
    toggle_of(page, "Deeper").click()
    leaf = sidebar_link(page, "A leaf")
    leaf.wait_for(state="visible")
    assert leaf.get_attribute("href") == "../guide/deeper/leaf.html"


def test_collapsing_a_branch_hides_it_again(
    reader: tuple[Page, PageLog], sites: ServedSite
) -> None:
    page, _ = reader
    page.goto(sites.url("pruned/guide/first.html"))
    toggle = toggle_of(page, "Reference")
    toggle.click()
    sidebar_link(page, "Terms").wait_for(state="visible")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not sidebar_link(page, "Terms").is_visible()


def test_the_keyboard_reaches_opens_and_closes_a_branch(
    reader: tuple[Page, PageLog], sites: ServedSite
) -> None:
    page, _ = reader
    page.goto(sites.url("pruned/guide/first.html"))
    sidebar_link(page, "Reference").focus()
    page.keyboard.press("Tab")
    toggle = toggle_of(page, "Reference")
    assert toggle.evaluate("(label) => label === document.activeElement")
    assert toggle.get_attribute("role") == "button"
    assert toggle.get_attribute("aria-label") == "Toggle navigation of Reference"
    assert toggle.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    sidebar_link(page, "Terms").wait_for(state="visible")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.keyboard.press(" ")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not sidebar_link(page, "Terms").is_visible()


def test_without_javascript_a_collapsed_branch_links_to_its_section_page(
    sites_browser: Browser, sites: ServedSite
) -> None:
    context: BrowserContext = sites_browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sites.url("pruned/guide/first.html"))
    assert not toggle_of(page, "Reference").is_visible()  # it could open nothing
    assert toggle_of(page, "Guide").is_visible()  # the page's own branch is all there
    sidebar_link(page, "Reference").click()
    page.wait_for_url(sites.url("pruned/reference/index.html"))
    assert sidebar_link(page, "Terms").is_visible()
    context.close()


def test_the_current_page_and_its_branch_are_marked(
    reader: tuple[Page, PageLog], sites: ServedSite
) -> None:
    page, _ = reader
    page.goto(sites.url("pruned/guide/deeper/leaf.html"))
    current = page.locator(".sidebar-tree li.current-page > a")
    assert current.inner_text() == "A leaf"
    assert current.is_visible()
    assert [toggle_of(page, t).get_attribute("aria-expanded") for t in ("Guide", "Deeper")] == [
        "true",
        "true",
    ]
    assert toggle_of(page, "Reference").get_attribute("aria-expanded") == "false"


def test_the_shared_file_is_loaded_once_for_every_branch_of_a_page(
    reader: tuple[Page, PageLog], sites: ServedSite
) -> None:
    page, _ = reader
    loads: list[str] = []
    page.on("request", lambda r: "/_static/kb-navigation." in r.url and loads.append(r.url))
    page.goto(sites.url("pruned/hidden.html"))
    assert [url for url in loads if not url.split("?")[0].endswith("kb-navigation.js")] == []
    expand_all(page)
    assert len([url for url in loads if "kb-navigation.js" not in url]) == 1


def both_sidebars(
    page: Page, sites: ServedSite, path: str, prepare: Callable[[Page], None]
) -> dict:
    """The sidebar of `path` in each build, as the DOM holds it after `prepare`."""
    trees = {}
    for build_name in ("stock", "pruned"):
        page.goto(sites.url(f"{build_name}/{path}"))
        prepare(page)
        trees[build_name] = page.evaluate(SIDEBAR_TREE, BUTTON_ATTRIBUTES)
    return trees


@pytest.mark.parametrize("path", PAGES)
def test_the_sidebar_as_a_page_opens_is_stock_furos(
    reader: tuple[Page, PageLog], sites: ServedSite, path: str
) -> None:
    page, log = reader
    trees = both_sidebars(page, sites, path, lambda opened: opened.evaluate(HIDE_CLOSED_LISTS))
    assert trees["pruned"] == trees["stock"]
    assert log.console_errors == []


@pytest.mark.parametrize("path", PAGES)
def test_the_expanded_sidebar_is_stock_furos(
    reader: tuple[Page, PageLog], sites: ServedSite, path: str
) -> None:
    page, log = reader
    trees = both_sidebars(page, sites, path, expand_all)
    assert trees["pruned"] == trees["stock"]
    assert log.console_errors == []
