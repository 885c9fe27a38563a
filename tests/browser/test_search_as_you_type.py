"""Search as you type: the sidebar box answers from the Pagefind index while the reader types,
as a WAI-ARIA combobox, by section, on a desktop and on a phone, with no request elsewhere."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from serving import PageLog, ServedSite

pytestmark = pytest.mark.browser

BOX = "input.sidebar-search"
LISTBOX = "#kb-search-listbox"
SECTION_MARK = " \u203a "  # between a page's title and its section's, in a result


def type_query(page: Page, query: str) -> list[str]:
    page.locator(BOX).fill("")
    page.locator(BOX).press_sequentially(query, delay=20)
    expect(page.locator(BOX)).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".kb-search-status")).to_contain_text(f"“{query}”")
    return page.locator(f"{LISTBOX} [role=option] .kb-search-title").all_text_contents()


# Notes each list the box shows (its status line, written after the listbox is filled) with
# the query in the box at that moment.
LIST_RECORDER = """
document.addEventListener("DOMContentLoaded", () => {
  const status = document.querySelector(".kb-search-status");
  const box = document.querySelector("input.sidebar-search");
  window.kbLists = [];
  new MutationObserver(() => status.textContent && window.kbLists.push(
    [status.textContent, box.value.trim()])).observe(status, { childList: true, subtree: true });
});
"""


def test_typing_quickly_reads_and_lists_only_the_last_query(
    page: tuple[Page, PageLog], site: ServedSite
) -> None:
    """Keystrokes while a search runs wait for it, and only the last of them searches on: no
    list for a query the reader has typed past, and only the results shown are read (each is
    one request). The index is held back until the reader has finished typing, so that every
    keystroke comes while the first search runs, as on a large site."""
    browser_page, log = page
    held: list[Route] | None = []
    fragments: list[str] = []

    def hold(route: Route) -> None:
        if held is not None:
            held.append(route)
        else:
            route.continue_()

    browser_page.route("**/_pagefind/index/*", hold)
    browser_page.on("request", lambda r: "/fragment/" in r.url and fragments.append(r.url))
    browser_page.add_init_script(LIST_RECORDER)
    browser_page.goto(site.url("index.html"))
    query = "intellectual property"
    with browser_page.expect_request("**/_pagefind/index/*"):  # the first keystroke's search
        browser_page.locator(BOX).press_sequentially(query)
    waiting, held = held, None
    for route in waiting:
        route.continue_()
    expect(browser_page.locator(".kb-search-status")).to_contain_text(f"“{query}”")
    shown = browser_page.locator(f"{LISTBOX} [role=option]:not(.kb-search-all)").count()
    lists = browser_page.evaluate("window.kbLists")
    assert [text for text, _ in lists] == [browser_page.locator(".kb-search-status").inner_text()]
    assert all(f"“{value}”" in text for text, value in lists), lists
    assert 0 < len(set(fragments)) <= shown, (fragments, shown)
    assert log.console_errors == []


def test_a_click_in_the_box_readies_the_search_before_the_first_keystroke(
    page: tuple[Page, PageLog], site: ServedSite
) -> None:
    """The engine loads on the click, and with it the filter that keeps the handbook out of a
    reader's results, with the first search's other setting up: the reader's first query, often
    one short Chinese word, then waits for none of it. No word is searched yet."""
    browser_page, log = page
    chunks: list[str] = []
    browser_page.on("request", lambda r: "/_pagefind/index/" in r.url and chunks.append(r.url))
    browser_page.goto(site.url("index.html"))
    with browser_page.expect_request("**/_pagefind/filter/*.pf_filter"):
        browser_page.locator(BOX).click()
    assert chunks == []
    assert type_query(browser_page, "BT02")
    assert log.console_errors == []


def test_absent_identifier_finds_nothing(page: tuple[Page, PageLog], site: ServedSite) -> None:
    browser_page, _ = page
    browser_page.goto(site.url("index.html"))
    assert type_query(browser_page, "CXSL2567899") == []
    expect(browser_page.locator(".kb-search-status")).to_have_text(
        "Nothing found for “CXSL2567899”."
    )


def test_box_is_a_combobox_owning_a_listbox(page: tuple[Page, PageLog], site: ServedSite) -> None:
    browser_page, _ = page
    browser_page.goto(site.url("index.html"))
    type_query(browser_page, "epitope")
    box = browser_page.locator(BOX)
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-controls", "kb-search-listbox")
    expect(browser_page.locator(f"{LISTBOX}[role=listbox] [role=option]").first).to_be_visible()


def test_arrows_and_enter_open_the_chosen_result(
    page: tuple[Page, PageLog], site: ServedSite
) -> None:
    browser_page, _ = page
    browser_page.goto(site.url("index.html"))
    type_query(browser_page, "CXSL2300740")
    box = browser_page.locator(BOX)
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "kb-search-option-0")
    expect(browser_page.locator("#kb-search-option-0")).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    browser_page.wait_for_url("**/pipeline/bt02.html**")


def test_escape_closes_the_listbox(page: tuple[Page, PageLog], site: ServedSite) -> None:
    browser_page, _ = page
    browser_page.goto(site.url("index.html"))
    type_query(browser_page, "epitope")
    browser_page.locator(BOX).press("Escape")
    expect(browser_page.locator(LISTBOX)).to_be_hidden()
    expect(browser_page.locator(BOX)).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize("keys", ["/", "Control+k"])
def test_shortcut_focuses_the_box(page: tuple[Page, PageLog], site: ServedSite, keys: str) -> None:
    browser_page, _ = page
    browser_page.goto(site.url("pipeline/bt02.html"))
    browser_page.locator("article").click(position={"x": 5, "y": 5})
    browser_page.keyboard.press(keys)
    expect(browser_page.locator(BOX)).to_be_focused()


def test_section_result_lands_on_its_heading(page: tuple[Page, PageLog], site: ServedSite) -> None:
    browser_page, _ = page
    browser_page.goto(site.url("index.html"))
    type_query(browser_page, "intellectual property")
    option = browser_page.locator(f"{LISTBOX} [role=option][data-href*='#']").first
    target = option.get_attribute("data-href")
    option.click()
    anchor = target.rsplit("#", 1)[1]
    browser_page.wait_for_url(f"**#{anchor}")
    heading = browser_page.locator(f"[id='{anchor}'] > :is(h1, h2, h3, h4)").first
    expect(heading).to_be_in_viewport()


def test_search_works_on_a_phone(browser: Browser, site: ServedSite) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, has_touch=True)
    phone = context.new_page()
    log = PageLog(site.root)
    log.watch(phone)
    phone.goto(site.url("pipeline/bt02.html"))
    phone.keyboard.press("/")  # opens the navigation drawer that holds the box
    expect(phone.locator(BOX)).to_be_focused()
    titles = type_query(phone, "CXSL2300740")
    assert titles[0].split(SECTION_MARK)[0] == "BT02"
    listbox = phone.locator(LISTBOX).bounding_box()
    assert listbox is not None and listbox["x"] >= 0 and listbox["x"] + listbox["width"] <= 375
    assert log.console_errors == [] and log.foreign_requests == []
    context.close()


def test_full_results_page_filters_by_kind(page: tuple[Page, PageLog], site: ServedSite) -> None:
    browser_page, _ = page
    browser_page.goto(site.url("search.html?q=BT02&kind=news"))
    browser_page.wait_for_selector("#search-results .search-summary")
    kinds = browser_page.locator(
        "#search-results ul.search > li .kb-search-kind"
    ).all_text_contents()
    assert kinds and set(kinds) == {"News"}
    expect(browser_page.locator("#kb-kind-news")).to_be_checked()


def test_page_opened_from_disk_says_to_serve_the_site(browser: Browser, site: ServedSite) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto((site.outdir / "index.html").as_uri())
    page.locator(BOX).fill("BT02")
    expect(page.locator(".kb-search-status")).to_contain_text("make serve")
    context.close()


def test_the_maintainers_handbook_is_left_out_of_results_unless_ticked(
    browser: Browser, site: ServedSite
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.url("search.html?q=benchmark"))
    expect(page.locator(".kb-search-hidden")).to_contain_text("Maintainers’ handbook")
    expect(page.locator("#search-results .search-summary")).to_contain_text("Nothing found")
    page.locator("#kb-kind-maintainers").check()
    expect(page.locator("#search-results ul.search > li a").first).to_have_attribute(
        "href", re.compile("maintainers/")
    )
    context.close()
