"""The query sets (tests/search/queries-*.yaml) in Chromium, through the sidebar box as the
reader types and through the results page: every query's expected pages among the first five
distinct pages found, a query of class `nothing` finding nothing and saying where else to look,
and every excerpt shown in the page's own words (what search finds by a variant, synonym or the
other language's term is never shown). Both editions are served side by side, as `make html`
and `make html-zh` leave them, so "search in the other language" links work."""

from __future__ import annotations

import functools
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from serving import PageLog, chromium, serving
from sitebuild import REPO_ROOT, SiteBuild

pytestmark = pytest.mark.browser

QUERY_SETS = REPO_ROOT / "tests" / "search"
#: The editions' folders under the server's root, by the language of their query set.
FOLDERS = {"en": "html", "zh_CN": "html-zh"}
FIRST = 5

RESULTS_PAGE = """() => [...document.querySelectorAll('#search-results .kb-search-result')]
  .map(item => ({
    href: item.querySelector('.kb-search-result-title a').getAttribute('href'),
    excerpts: [...item.querySelectorAll('.kb-search-excerpt')].map(e => e.textContent),
  }))"""
BOX = """() => [...document.querySelectorAll('#kb-search-listbox [role=option]')]
  .filter(option => !option.matches('.kb-search-all, .kb-search-elsewhere'))
  .map(option => ({
    href: option.dataset.href,
    excerpts: [...option.querySelectorAll('.kb-search-excerpt')].map(e => e.textContent),
  }))"""


@dataclass
class Query:
    text: str
    kind: str
    expect: list[str]
    at_least: int = 0
    #: the pages one of which must come first (none: any order within the first five)
    first: tuple[str, ...] = ()

    @property
    def finds_nothing(self) -> bool:
        return self.kind == "nothing"


@dataclass
class Answer:
    """What the reader got: the pages in order (docnames, once each), the status line, the
    excerpts shown with the page each is from."""

    status: str
    pages: list[str] = field(default_factory=list)
    excerpts: list[tuple[str, str]] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)
    #: excerpts a result shows twice (one holds another)
    repeated: list[str] = field(default_factory=list)


def query_set(language: str) -> list[Query]:
    spec = yaml.safe_load((QUERY_SETS / f"queries-{language}.yaml").read_text(encoding="utf-8"))
    return [
        Query(
            str(q["query"]),
            q["class"],
            list(q.get("expect") or []),
            q.get("at_least", 0),
            first_pages(q.get("first")),
        )
        for q in spec["queries"]
    ]


def first_pages(first: str | list[str] | None) -> tuple[str, ...]:
    """A query's `first`: one docname, or a list of them (either may come first)."""
    if first is None:
        return ()
    return (first,) if isinstance(first, str) else tuple(first)


def letters(text: str) -> str:
    return "".join(char for char in text.lower() if char.isalnum())


#: What a page shows that search leaves out (html/search_copy.py): heading marks, the owner
#: line, the reading path's step note, what only print shows; and navigation.
NOT_SEARCHED = "a.headerlink, .kb-page-care, .kb-path-step, .kb-print-only, nav, script, style"


@functools.cache
def own_words(outdir: Path) -> dict[str, str]:
    """Each page's visible main content that search reads (letters and digits only), by
    docname; read once per edition (1.5 s), not once per test."""
    from bs4 import BeautifulSoup

    texts = {}
    for path in outdir.rglob("*.html"):
        relative = path.relative_to(outdir).as_posix()
        if relative.startswith("_"):
            continue
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        main = page.select_one('[role="main"]') or page
        for element in main.select(NOT_SEARCHED):
            element.decompose()
        texts[relative.removesuffix(".html")] = letters(main.get_text(" "))
    return texts


def docname(href: str, prefix: str) -> str:
    path = unquote(urlsplit(href).path)
    return path.removeprefix(prefix).removesuffix(".html")


def found_count(status: str) -> int:
    number = re.search(r"\d+", status.split("“")[0])
    return int(number.group()) if number else 0


def answer_of(rows: list[dict], status: str, prefix: str, elsewhere: list[str]) -> Answer:
    answer = Answer(status=status, elsewhere=elsewhere)
    for row in rows:
        page = docname(row["href"], prefix)
        if page not in answer.pages:
            answer.pages.append(page)
        shown = [text for text in row["excerpts"] if text.strip()]
        answer.excerpts += [(page, text) for text in shown]
        answer.repeated += [
            text
            for n, text in enumerate(shown)
            if any(letters(text) in letters(other) for other in shown[:n] + shown[n + 1 :])
        ]
    return answer


def on_results_page(page: Page, root: str, folder: str, query: str) -> Answer:
    """The first query opens search.html?q=, the next ones are asked in its own form."""
    if page.url.startswith(f"{root}/{folder}/search.html"):
        page.locator("#kb-search-page-query").fill(query)
        page.locator("#kb-search-page-query").press("Enter")
    else:
        page.goto(f"{root}/{folder}/search.html?q={quote(query)}")
    page.wait_for_function(
        "q => (document.querySelector('#search-results .search-summary')?.textContent || '')"
        ".includes(q)",
        arg=f"“{query}”",
    )
    status = page.inner_text("#search-results .search-summary")
    elsewhere = page.locator("#search-results .kb-search-elsewhere a").all_text_contents()
    return answer_of(page.evaluate(RESULTS_PAGE), status, f"/{folder}/", elsewhere)


def in_the_box(page: Page, root: str, folder: str, query: str) -> Answer:
    """The query entered at once, as pasting it or an input method's commit does: what the box
    shows while a reader types it letter by letter is test_search_as_you_type.py's subject,
    and typing each of ~100 queries cost the suite ~35 s of Chromium for the same answers."""
    if not page.url.startswith(f"{root}/{folder}/index.html"):
        page.goto(f"{root}/{folder}/index.html")
    page.locator("input.sidebar-search").fill(query)
    page.wait_for_function(
        "q => (document.querySelector('.kb-search-status')?.textContent || '').includes(q)",
        arg=f"“{query}”",
    )
    status = page.inner_text(".kb-search-status")
    elsewhere = page.locator("#kb-search-listbox .kb-search-elsewhere").all_text_contents()
    return answer_of(page.evaluate(BOX), status, f"/{folder}/", elsewhere)


def problems_with(query: Query, answer: Answer, texts: dict[str, str]) -> list[str]:
    """What is wrong with an answer, one line each (none: the query passes)."""
    problems = []
    if query.finds_nothing:
        if answer.pages:
            problems.append(f"found {answer.pages[:FIRST]}, expected nothing")
        if not answer.elsewhere:
            problems.append("nothing found, but no word of where else to look")
    else:
        missing = [page for page in query.expect if page not in answer.pages[:FIRST]]
        if missing or not answer.pages:
            problems.append(f"first five {answer.pages[:FIRST]} lack {missing}")
        if query.first and answer.pages[:1] and answer.pages[0] not in query.first:
            problems.append(f"first page {answer.pages[0]}, expected {' or '.join(query.first)}")
        if query.at_least and found_count(answer.status) < query.at_least:
            problems.append(f"{answer.status!r}: fewer than {query.at_least} pages")
    problems += [f"excerpt shown twice in one result: {text!r}" for text in answer.repeated]
    for page, excerpt in answer.excerpts:
        if letters(excerpt) not in texts.get(page, ""):
            problems.append(f"excerpt not in {page}'s own words: {excerpt!r}")
    return problems


@pytest.fixture(scope="module")
def editions(
    real_site: SiteBuild, real_site_zh: SiteBuild, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """Both editions under one server root; yields its address and folder."""
    root = tmp_path_factory.mktemp("search-editions")
    shutil.copytree(real_site.outdir, root / FOLDERS["en"])
    shutil.copytree(real_site_zh.outdir, root / FOLDERS["zh_CN"])
    with serving(root) as address:
        yield address, root


@pytest.fixture(scope="module")
def browser(editions: tuple[str, Path]) -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.mark.parametrize("way", [on_results_page, in_the_box], ids=["results-page", "box"])
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_query_of_the_set_finds_its_pages_in_the_first_five(
    browser: Browser, editions: tuple[str, Path], language: str, way
) -> None:
    root, served = editions
    folder = FOLDERS[language]
    texts = own_words(served / folder)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log = PageLog(root)
    log.watch(page)
    failures = []
    for query in query_set(language):
        answer = way(page, root, folder, query.text)
        failures += [
            f"{query.kind} {query.text!r}: {p}" for p in problems_with(query, answer, texts)
        ]
    context.close()
    assert failures == []
    assert log.console_errors == [] and log.foreign_requests == [] and log.failed_loads == []


GLOSSARY_HITS = [
    ("en", "PD-1", "term-PD-1", "PD-1"),
    ("en", "solid tumors", "term-solid-tumour", "tumour"),  # the site writes "tumours"
    ("en", "单克隆抗体", "term-monoclonal-antibody", "antibody"),  # the Chinese term
    ("zh_CN", "表位", "term-epitope", "表位"),
    ("zh_CN", "monoclonal antibody", "term-monoclonal-antibody", "单克隆抗体"),
]


@pytest.mark.parametrize(("language", "query", "anchor", "marked"), GLOSSARY_HITS)
def test_a_glossary_hit_opens_the_term_and_highlights_it(
    browser: Browser,
    editions: tuple[str, Path],
    language: str,
    query: str,
    anchor: str,
    marked: str,
) -> None:
    """The glossary's result leads to the term's own anchor, not the top of the list, and the
    page it opens highlights the page's own words for it (not the query's normalised form)."""
    root, _ = editions
    page = browser.new_page()
    in_the_box(page, root, FOLDERS[language], query)
    option = page.locator("#kb-search-listbox [role=option][data-href*='glossary.html']").first
    href = option.get_attribute("data-href") or ""
    assert href.endswith(f"#{anchor}"), href
    option.click()
    page.wait_for_url(f"**#{anchor}")
    highlighted = page.locator(f"dt[id='{anchor}'] .highlighted", has_text=marked)
    expect(highlighted.first).to_be_in_viewport()
    page.close()
