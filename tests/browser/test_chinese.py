"""The Chinese edition in a browser: served beside the English one as `make html` and
`make html-zh` leave them (`_build/html/`, `_build/html-zh/`), so the switcher's links work."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from serving import PHONE_AND_DESKTOP, Visit, chromium, serving, tour
from sitebuild import DOCS_DIR, SiteBuild, run_sphinx

pytestmark = pytest.mark.browser
ROUND_TRIPS = ["index.html", "pipeline/bt02.html", "glossary.html", "maintainers/check.html"]


@pytest.fixture(scope="module")
def editions(
    real_site: SiteBuild, real_site_zh: SiteBuild, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Both editions under one server root, as `make html-zh` then `make html` leave them: the
    English build, run again once the Chinese one is beside it, gives its pages the 中文 link
    (an English build alone has none); and again as Read the Docs serves them (/en/latest/,
    /zh-cn/latest/). Yields the root's address."""
    root = tmp_path_factory.mktemp("editions")
    assert real_site_zh.warnings == "", real_site_zh.warnings
    shutil.copytree(real_site_zh.outdir, root / "html-zh")
    shutil.copytree(real_site.outdir.parent, root, dirs_exist_ok=True)
    again = run_sphinx(DOCS_DIR, root, "html", {"nitpicky": True})
    assert again.statuscode == 0, again.warnings
    # and `make html-zh` again, now that the English edition is beside it: its 英文 link
    shutil.copytree(real_site_zh.outdir.parent / "doctrees", root / "doctrees-zh")
    command = [sys.executable, "-m", "sphinx", "-q", "-W", "-n", "-b", "html"]
    command += ["-D", "language=zh_CN", "-d", str(root / "doctrees-zh")]
    done = subprocess.run([*command, str(DOCS_DIR), str(root / "html-zh")], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    shutil.copytree(root / "html", root / "en" / "latest")
    shutil.copytree(root / "html-zh", root / "zh-cn" / "latest")
    with serving(root) as address:
        yield address


@pytest.fixture(scope="module")
def browser(editions: str) -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


#: For every element with Chinese text of its own: what would make it look laid out for English.
LAYOUT_PROBLEMS_JS = r"""
() => {
  const han = /[\u3400-\u4dbf\u4e00-\u9fff]/;
  const own = (el) => [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join("");
  const shown = (el) => el.getClientRects().length > 0;
  const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : "");
  const problems = [];
  for (const el of document.querySelectorAll("body *")) {
    if (!han.test(own(el)) || !shown(el)) continue;
    const style = getComputedStyle(el);
    const text = own(el).trim().slice(0, 20);
    if (style.fontStyle !== "normal") problems.push(`italic ${name(el)}: ${text}`);
    const matrix = new DOMMatrixReadOnly(style.transform === "none" ? undefined : style.transform);
    if (Math.abs(matrix.b) > 1e-6 || Math.abs(matrix.c) > 1e-6 || matrix.a < 0)
      problems.push(`rotated ${name(el)}: ${text}`);
    if (style.writingMode.startsWith("vertical") && style.textOrientation !== "upright")
      problems.push(`on its side ${name(el)}: ${text}`);
  }
  for (const cell of document.querySelectorAll("article td, article th")) {
    if (!shown(cell) || !han.test(cell.textContent)) continue;
    const head = cell.closest("thead");  // on a phone the heading row is for screen readers only
    if (head && getComputedStyle(head).position === "absolute") continue;
    const style = getComputedStyle(cell);
    // the width the text has: its paragraph's, where the cell holds one (margins and padding out)
    const box = cell.querySelector(":scope > p");
    const inner = box && getComputedStyle(box).display === "block" ? box.clientWidth : cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (inner < 2 * parseFloat(style.fontSize))
      problems.push(`column narrower than two characters ${name(cell)}: ${cell.textContent.trim().slice(0, 20)}`);
  }
  return problems;
}
"""


@pytest.fixture(scope="module")
def chinese_tour(browser: Browser, editions: str, real_site: SiteBuild) -> list[Visit]:
    """Every page of the Chinese edition, loaded once for the three tests below (each loading
    every page again cost ~25 s of Chromium), with its layout problems at each width."""
    paths = sorted(
        p.relative_to(real_site.outdir).as_posix() for p in real_site.outdir.rglob("*.html")
    )
    addresses = {path: f"{editions}/html-zh/{path}" for path in paths}
    return tour(browser, editions, addresses, LAYOUT_PROBLEMS_JS)


@pytest.mark.parametrize("path", ROUND_TRIPS)
def test_the_switcher_opens_the_same_page_in_the_other_language_and_back(
    browser: Browser, editions: str, path: str
) -> None:
    page = browser.new_page()
    page.goto(f"{editions}/html/{path}")
    page.click(".kb-language-switch a")
    assert page.url == f"{editions}/html-zh/{path}"
    assert page.get_attribute("html", "lang") == "zh-CN"
    page.click(".kb-language-switch a")
    assert page.url == f"{editions}/html/{path}"
    assert page.get_attribute("html", "lang") == "en"
    page.close()


def test_every_chinese_page_has_hreflang_alternates_and_no_error_or_foreign_request(
    chinese_tour: list[Visit],
) -> None:
    # 404.html loads its files from the site's root (notfound), which is not this edition's root
    # when both are served side by side; the English suite serves it at its root.
    visits = [visit for visit in chinese_tour if visit.path != "404.html"]
    assert len(visits) > 20
    for visit in visits:
        assert visit.loaded, visit.path
        assert sorted(visit.hreflangs) == ["en", "zh-CN"], visit.path
    assert [request for visit in visits for request in visit.foreign_requests] == []
    assert [error for visit in visits for error in visit.console_errors] == []


def test_axe_finds_nothing_serious_on_every_chinese_page(chinese_tour: list[Visit]) -> None:
    serious = [
        f"{visit.path} at {finding}" for visit in chinese_tour for finding in visit.axe_findings
    ]
    assert serious == [], "\n".join(serious)


@pytest.mark.parametrize("width", PHONE_AND_DESKTOP)
def test_chinese_pages_are_laid_out_for_chinese(chinese_tour: list[Visit], width: int) -> None:
    """No italics on Chinese, no Chinese rotated or on its side, no table column narrower
    than two characters, on every page at a desktop's and a phone's width."""
    problems = [
        f"{visit.path}: {problem}"
        for visit in chinese_tour
        if not visit.path.startswith(("_static", "_sources")) and visit.path != "404.html"
        for problem in visit.probed[width]
    ]
    assert problems == []


def test_the_switcher_keeps_the_query_and_the_anchor(browser: Browser, editions: str) -> None:
    page = browser.new_page()
    page.goto(f"{editions}/html-zh/search.html?q=%E5%AE%9E%E4%BD%93%E7%98%A4")
    page.click(".kb-language-switch a")
    assert page.url == f"{editions}/html/search.html?q=%E5%AE%9E%E4%BD%93%E7%98%A4"
    page.goto(f"{editions}/html/glossary.html#term-IND")
    page.click(".kb-language-switch a")
    assert page.url == f"{editions}/html-zh/glossary.html#term-IND"
    page.close()


def test_the_switcher_works_on_read_the_docs_addresses(browser: Browser, editions: str) -> None:
    """The editions served apart as Read the Docs serves them, built without knowing it: the
    switcher swaps /en/ for /zh-cn/ in the address it is on."""
    page = browser.new_page()
    page.goto(f"{editions}/en/latest/pipeline/bt02.html?from=here#regulatory-status")
    page.click(".kb-language-switch a")
    assert page.url == f"{editions}/zh-cn/latest/pipeline/bt02.html?from=here#regulatory-status"
    assert page.get_attribute("html", "lang") == "zh-CN"
    page.close()


def test_the_chinese_step_note_says_where_the_page_is_on_the_path(
    browser: Browser, editions: str
) -> None:
    page = browser.new_page()
    page.goto(f"{editions}/html-zh/pipeline/bt02.html")
    expect(page.locator(".kb-path-step")).to_contain_text("阅读路径：第5步，共17步")
    page.locator("a.next-page").click()
    assert page.url == f"{editions}/html-zh/news/index.html"
    page.close()


def test_the_chinese_404_page_offers_search_home_and_start_here(
    browser: Browser, real_site_zh: SiteBuild
) -> None:
    """Served at its own root, as Read the Docs serves the Chinese project."""
    with serving(real_site_zh.outdir) as address:
        page = browser.new_page()
        response = page.goto(f"{address}/pipeline/no/such/page.html")
        assert response is not None and response.status == 404
        expect(page.locator("h1")).to_have_text("找不到页面")
        page.locator("#kb-not-found-query").fill("BT02")
        page.locator(".kb-not-found button").click()
        # the search page loaded before going back: going back while it is still being
        # attached failed once under load ("Not attached to an active page")
        page.wait_for_url(f"{address}/search.html?q=BT02", wait_until="load")
        page.go_back(wait_until="load")
        links = page.locator(".kb-not-found li a")
        expect(links).to_have_text(["首页", "从这里开始"])
        links.nth(1).click()
        expect(page.locator("h1").first).to_contain_text("从这里开始")
        page.close()


def paused_page(browser: Browser, editions: str, edition: str = "html-zh") -> Page:
    """The home page with its timers stopped once loaded: a pause in the typing that the box
    waits for never ends until the test moves the clock on."""
    page = browser.new_context().new_page()
    page.clock.install()
    page.goto(f"{editions}/{edition}/index.html")
    page.clock.pause_at(time.time() + 60)
    page.locator("input.sidebar-search").click()
    return page


def test_two_chinese_characters_search_at_once(browser: Browser, editions: str) -> None:
    """Two Chinese characters are asked for as one whole code and are often a word of their
    own (靶点): unlike one or two Latin letters, they do not wait for a pause in the typing."""
    page = paused_page(browser, editions)
    page.locator("input.sidebar-search").fill("靶点")
    expect(page.locator(".kb-search-status")).to_contain_text("“靶点”")
    expect(page.locator("#kb-search-listbox [role=option]").first).to_be_visible()
    page.context.close()


def test_a_short_word_typed_after_others_waits_for_a_pause(browser: Browser, editions: str) -> None:
    """One to three letters after other words are the start of thousands of words on a large
    site, and most likely the start of the word the reader is typing: they wait for a pause."""
    page = paused_page(browser, editions, "html")
    page.locator("input.sidebar-search").fill("BT02 cl")
    page.wait_for_timeout(500)
    expect(page.locator(".kb-search-status")).not_to_contain_text("“BT02 cl”")
    page.clock.run_for(250)
    expect(page.locator(".kb-search-status")).to_contain_text("“BT02 cl”")
    page.context.close()


def test_one_word_of_three_letters_searches_at_once(browser: Browser, editions: str) -> None:
    page = paused_page(browser, editions, "html")
    page.locator("input.sidebar-search").fill("IND")
    expect(page.locator(".kb-search-status")).to_contain_text("“IND”")
    page.context.close()
