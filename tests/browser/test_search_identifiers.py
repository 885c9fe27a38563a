"""An identifier is found whole even where the identifiers it begins crowd it out: on a large
site Pagefind's first results for SX12 can all be pages of SX120 to SX129, which the box then
checked and dropped, and said "Nothing found" for a code on 57 pages (make bench-search,
10,000 pages, 3 December 2026). Here one page names QX12 once, twelve others QX120 to QX129
many times each."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from serving import chromium, serving
from sitebuild import ROOTS_DIR, run_sphinx

pytestmark = pytest.mark.browser

CROWD = " ".join(f"QX12{digit}" for digit in range(10))
CROWDED_PAGES = 12


def write_crowded_site(source: Path) -> None:
    """The search test root, with a page naming QX12 once and pages crowded with QX120–QX129."""
    shutil.copytree(ROOTS_DIR / "test-search", source)
    (source / "rare.md").write_text(
        "# Rare report\n\nThe asset QX12 is named here once, among the other words of a page.\n"
    )
    names = []
    for number in range(CROWDED_PAGES):
        names.append(f"crowd-{number}")
        body = f"Codes {CROWD}.\n\n" * 8
        (source / f"crowd-{number}.md").write_text(f"# Crowded report {number}\n\n{body}")
    index = source / "index.md"
    toctree = "platforms/signalling\n"
    index.write_text(
        index.read_text().replace(toctree, toctree + "\n".join(["rare", *names]) + "\n")
    )


@pytest.fixture(scope="module")
def box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    """The crowded site built with furo (the box is furo's sidebar search), served and opened."""
    work = tmp_path_factory.mktemp("crowded")
    write_crowded_site(work / "src")
    built = run_sphinx(work / "src", work / "build", confoverrides={"html_theme": "furo"})
    assert built.statuscode == 0, built.warnings
    with serving(built.outdir) as address, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{address}/index.html")
        yield page


def typed(page: Page, query: str) -> tuple[str, list[str]]:
    box = page.locator("input.sidebar-search")
    box.fill("")
    box.press_sequentially(query, delay=20)
    status = page.locator(".kb-search-status")
    expect(status).to_contain_text(f"“{query}”")
    titles = page.locator("#kb-search-listbox [role=option] .kb-search-title")
    return status.inner_text(), titles.all_text_contents()


@pytest.mark.parametrize("query", ["QX12", "QX12 asset"])
def test_an_identifier_crowded_out_by_longer_ones_is_still_found(box: Page, query: str) -> None:
    status, titles = typed(box, query)
    assert (status, titles) == (f"1 page found for “{query}”.", ["Rare report"])


def test_the_longer_identifiers_are_still_found_by_their_own_code(box: Page) -> None:
    status, titles = typed(box, "QX125")
    # "About": the box reads the eight it shows and estimates the rest
    assert status == f"About {CROWDED_PAGES} pages found for “QX125”.", status
    assert len(titles) == 8
