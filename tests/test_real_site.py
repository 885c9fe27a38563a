"""The real `docs/` site: it builds strictly, every page is reachable and the seed facts are
where a reader would look for them."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import DOCS_DIR, SiteBuild, run_sphinx

PLATFORM_NAMES = [
    "BioTroy Engine",
    "Receptor–ligand discovery",
    "signal transduction",
    "Antibody discovery and engineering",
    "pharmacodynamics and translational medicine in large animals",
    "Biomarkers",
    "Precision medicine",
]


def page_text(site: SiteBuild, page: str) -> str:
    """The visible text of the main content of a built page, whitespace folded."""
    soup = BeautifulSoup((site.outdir / page).read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article") or soup
    return " ".join(article.get_text(" ").split())


def all_pages(site: SiteBuild) -> list[Path]:
    return sorted(p for p in site.outdir.rglob("*.html") if "_static" not in p.parts)


def test_real_site_builds_with_warnings_as_errors(real_site: SiteBuild) -> None:
    assert real_site.app.statuscode == 0
    assert real_site.warnings == ""


def test_every_page_is_reachable_from_the_navigation(real_site: SiteBuild) -> None:
    env = real_site.app.env
    reachable: set[str] = set()
    pending = [real_site.app.config.root_doc]
    while pending:
        docname = pending.pop()
        if docname not in reachable:
            reachable.add(docname)
            pending.extend(env.toctree_includes.get(docname, []))
    assert reachable == set(env.found_docs)


@pytest.mark.parametrize(
    ("page", "fact"),
    [
        ("pipeline/bt02.html", "CXSL2300740"),
        ("pipeline/bt02.html", "September 2023"),
        ("pipeline/bt02.html", "advanced solid tumours"),
        ("pipeline/bt02.html", "monoclonal antibody"),
        ("company/index.html", "2020"),
        ("company/index.html", "Shanghai"),
        ("company/index.html", "150 million RMB"),
        ("company/index.html", "Dr. Xu"),
        ("company/index.html", "PD-L1"),
        ("company/timeline.html", "September 2023"),
        ("news/bt02-nmpa-clinical-trial-approval.html", "CXSL2300740"),
        ("pipeline/index.html", "BT02"),
    ],
)
def test_seed_fact_appears_where_a_reader_looks(real_site: SiteBuild, page: str, fact: str) -> None:
    assert fact in page_text(real_site, page)


@pytest.mark.parametrize("platform", PLATFORM_NAMES)
def test_platforms_index_names_each_of_the_seven_platforms(
    real_site: SiteBuild, platform: str
) -> None:
    assert platform.lower() in page_text(real_site, "platforms/index.html").lower()


def test_platforms_index_links_seven_platform_pages(real_site: SiteBuild) -> None:
    pages = {p.stem for p in (real_site.outdir / "platforms").glob("*.html")} - {"index"}
    assert len(pages) == 7


def test_glossary_defines_at_least_30_terms(real_site: SiteBuild) -> None:
    soup = BeautifulSoup((real_site.outdir / "glossary.html").read_text(), "html.parser")
    terms = soup.select("dl.glossary > dt")
    assert len(terms) >= 30


@pytest.mark.parametrize(
    "entry", ["BT02", "IND", "NMPA", "CDE", "FDA", "acceptance number", "first-in-class"]
)
def test_general_index_carries_key_entry(real_site: SiteBuild, entry: str) -> None:
    soup = BeautifulSoup((real_site.outdir / "genindex.html").read_text(), "html.parser")
    headings = soup.select("table.indextable td > ul > li")
    entries = {" ".join(li.find(string=True, recursive=True).split()) for li in headings}
    assert entry in entries


FDA_APPROVES = re.compile(
    r"\bFDA(?:'s)?\s+(?:has\s+|had\s+)?approv|approv\w*\s+by\s+the\s+(?:U\.?S\.?\s+)?FDA"
    r"|\bFDA\s+approval",
    re.IGNORECASE,
)


def test_no_page_says_the_fda_approved_bt02(real_site: SiteBuild) -> None:
    offending = {
        str(page.relative_to(real_site.outdir)): FDA_APPROVES.findall(page_text_of(page))
        for page in all_pages(real_site)
    }
    assert {page: hits for page, hits in offending.items() if hits} == {}


def test_cxsl_number_is_never_called_an_approval_notice_number(real_site: SiteBuild) -> None:
    wrong = re.compile(r"approval[- ]notice\s+(?:number|no\b)", re.IGNORECASE)
    for page in all_pages(real_site):
        for sentence in re.split(r"(?<=[.!?])\s+", page_text_of(page)):
            if "CXSL2300740" in sentence:
                assert not wrong.search(sentence), f"{page.name}: {sentence}"


def page_text_of(page: Path) -> str:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.get_text(" ").split())


def test_second_build_has_nothing_to_rebuild(real_site: SiteBuild) -> None:
    assert list(real_site.app.builder.get_outdated_docs()) == []


REGISTERED_TEXTS = ["CXSL2300740", "150 million", "Dr. Xu", "September 2023"]


@pytest.mark.parametrize("text", REGISTERED_TEXTS)
def test_markdown_never_retypes_a_registered_fact_outside_quotations(text: str) -> None:
    """Facts live in docs/_data/; pages draw them with the fact role (quotations excepted)."""
    retyped = [
        f"{path.relative_to(DOCS_DIR)}:{number}"
        for path in DOCS_DIR.rglob("*.md")
        if "_build" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if text in line and not line.lstrip().startswith(">")
    ]
    assert retyped == []


def test_every_fact_on_the_site_links_to_its_source(real_site: SiteBuild) -> None:
    facts = [
        (page.name, link)
        for page in all_pages(real_site)
        for link in BeautifulSoup(page.read_text(), "html.parser").select("a.kb-fact")
    ]
    assert len(facts) > 20
    for page, link in facts:
        assert "sources.html#source-" in link["href"], page
        assert link["title"].startswith("Source: "), page


def test_bt02_page_shows_its_summary_card_and_its_news(real_site: SiteBuild) -> None:
    soup = BeautifulSoup((real_site.outdir / "pipeline/bt02.html").read_text(), "html.parser")
    card = " ".join(soup.select_one(".kb-asset-summary").get_text(" ").split())
    assert "CXSL2300740" in card
    assert "IND cleared by the FDA" in card
    news = soup.select(".kb-news-list .kb-news-heading a")
    assert [a["href"] for a in news] == ["../news/bt02-nmpa-clinical-trial-approval.html"]


def test_pipeline_chart_on_the_real_site_puts_bt02_at_the_ind_stage(real_site: SiteBuild) -> None:
    soup = BeautifulSoup((real_site.outdir / "pipeline/index.html").read_text(), "html.parser")
    row = soup.select_one("table.kb-pipeline tbody tr")
    assert row.select_one("td a").get_text() == "BT02"
    assert row.select_one(".kb-stage-name").get_text() == "IND"


def test_company_timeline_is_drawn_from_the_registry(real_site: SiteBuild) -> None:
    soup = BeautifulSoup((real_site.outdir / "company/timeline.html").read_text(), "html.parser")
    dates = [d.get_text() for d in soup.select("ul.kb-timeline .kb-milestone-date")]
    assert dates[:3] == ["2020", "2023", "September 2023"]
    assert dates[3:] == ["Date not stated", "Date not stated"]


def test_onboarding_reading_path_gives_times_and_a_total(real_site: SiteBuild) -> None:
    soup = BeautifulSoup((real_site.outdir / "onboarding/index.html").read_text(), "html.parser")
    steps = soup.select("ol.kb-reading-path > li")
    assert len(steps) == 17
    assert all(step.select_one(".kb-reading-time") for step in steps)
    assert soup.select_one(".kb-reading-total").get_text().startswith("Total: about ")


def test_news_feed_is_valid_atom_with_absolute_links(real_site: SiteBuild) -> None:
    feed = ET.parse(real_site.outdir / "news" / "atom.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    links = [e.find(f"{atom}link").get("href") for e in feed.findall(f"{atom}entry")]
    assert links == ["http://127.0.0.1:8000/news/bt02-nmpa-clinical-trial-approval.html"]


def test_pages_show_when_they_last_changed(real_site: SiteBuild) -> None:
    assert "Last updated on" in (real_site.outdir / "index.html").read_text(encoding="utf-8")


def test_the_site_builds_from_a_folder_that_is_no_git_checkout(tmp_path: Path) -> None:
    """As from a downloaded archive of the repository: sphinx-last-updated-by-git would warn
    for every folder, and the strict build would fail; here no page is dated instead."""
    docs = tmp_path / "docs"
    shutil.copytree(DOCS_DIR, docs, ignore=shutil.ignore_patterns("_build", "*.mo"))
    build = run_sphinx(docs, tmp_path / "out", "html", {"nitpicky": True})
    assert (build.statuscode, build.warnings) == (0, "")
    assert "Not a git checkout: no page shows when it last changed." in build.status.getvalue()
    assert "Last updated on" not in (build.outdir / "index.html").read_text(encoding="utf-8")
