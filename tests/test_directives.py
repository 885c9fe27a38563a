"""The roles and directives, built from `tests/roots/test-registry` with a real Sphinx app."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

from sitebuild import copy_root, run_sphinx


def soup_of(app: SphinxTestApp, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def text_of(node: Tag) -> str:
    """Visible text, whitespace folded, smart apostrophes and permalink signs undone."""
    text = " ".join(node.get_text(" ").split()).replace("\u2019", "'")
    return text.removesuffix(" ¶").removesuffix(" :")


@pytest.fixture
def site(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    assert app.warning.getvalue() == ""
    return app


pytestmark = pytest.mark.sphinx("html", testroot="registry", freshenv=True)


def test_fact_role_shows_the_value_linked_to_its_source(site: SphinxTestApp) -> None:
    fact = soup_of(site, "facts.html").select_one("a.kb-fact")
    assert fact.get_text() == "CXSL2400001"
    assert fact["href"] == "sources.html#source-test-release"
    assert fact["title"].startswith("Source: Test release (Test Co, March 2024)")


def test_fact_role_can_show_other_words_for_the_same_fact(site: SphinxTestApp) -> None:
    texts = [a.get_text() for a in soup_of(site, "facts.html").select("a.kb-fact")]
    assert "the month of clearance" in texts


def test_not_stated_fact_says_so_and_is_marked(site: SphinxTestApp) -> None:
    fact = soup_of(site, "index.html").select_one("a.kb-fact-not-stated")
    assert fact.get_text() == "not stated"
    assert "The release does not say." in fact["title"]


def test_sources_page_lists_each_source_with_its_facts(site: SphinxTestApp) -> None:
    entry = soup_of(site, "sources.html").select_one("section#source-test-release")
    assert "Test release" in text_of(entry)
    facts = [li.get_text() for li in entry.select("ul.kb-fact-list > li")]
    assert "company.founded: 2019 — registered in facts.yaml, line 5" in facts
    assert any(f.startswith("TX01.cn-approval.identifier: CXSL2400001") for f in facts)


def chart_rows(site: SphinxTestApp) -> list[Tag]:
    return soup_of(site, "chart.html").select("table.kb-pipeline tbody tr")


def test_pipeline_chart_has_one_row_per_asset_linked_to_its_page(site: SphinxTestApp) -> None:
    links = [row.select_one("td a") for row in chart_rows(site)]
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("TX01", "pipeline/tx01.html"),
        ("TX02", "pipeline/tx02.html"),
    ]


def test_pipeline_chart_shows_target_modality_and_indication(site: SphinxTestApp) -> None:
    cells = [text_of(td) for td in chart_rows(site)[1].select("td")]
    assert cells[1:4] == ["TGT-9", "Bispecific antibody", "Lung cancer; Gastric cancer"]


def test_pipeline_chart_bar_fills_through_the_current_stage(site: SphinxTestApp) -> None:
    reached = [len(row.select(".kb-stage-segment.kb-reached")) for row in chart_rows(site)]
    segments = [len(row.select(".kb-stage-segment")) for row in chart_rows(site)]
    assert reached == [3, 2]  # IND is the third stage, Preclinical the second
    assert segments == [8, 8]


def test_pipeline_chart_states_the_stage_in_words_and_hides_the_bar_from_screen_readers(
    site: SphinxTestApp,
) -> None:
    row = chart_rows(site)[0]
    assert row.select_one(".kb-stage-name").get_text() == "IND"
    assert row.select_one(".kb-stage-bar")["aria-hidden"] == "true"
    head = soup_of(site, "chart.html").select_one("table.kb-pipeline thead")
    assert [text_of(th) for th in head.select("th p")][:5] == [
        "Asset",
        "Target",
        "Modality",
        "Indication",
        "Stage",
    ]


def test_pipeline_chart_gives_status_per_region_in_exact_words(site: SphinxTestApp) -> None:
    cell = chart_rows(site)[0].select("td")[5]
    status = " ".join(cell.get_text().split()).replace("\u2019", "'")  # the date is a span
    assert "United States: IND cleared by the FDA (September 2023)" in status
    assert (
        "China: Clinical trial application approved by the NMPA's CDE (date not stated)" in status
    )


def test_pipeline_chart_has_a_caption_and_names_its_source(site: SphinxTestApp) -> None:
    chart = soup_of(site, "chart.html").select_one(".kb-pipeline-chart")
    assert text_of(chart.select_one("caption")) == "Test pipeline"
    assert "Source: Test release" in text_of(chart.select_one(".kb-pipeline-source"))


def test_asset_summary_is_a_card_of_key_facts_with_sources(site: SphinxTestApp) -> None:
    card = soup_of(site, "pipeline/tx01.html").select_one(".sd-card.kb-asset-summary")
    fields = {
        text_of(dt): text_of(dt.find_next_sibling("dd")) for dt in card.select("dl.kb-key-facts dt")
    }
    assert fields["Modality"] == "Monoclonal antibody"
    assert fields["Target"] == "Undisclosed — Not disclosed by Test Co."
    assert all(a["href"].startswith("../sources.html#source-") for a in card.select("a.kb-fact"))


def test_asset_summary_lists_regulatory_events_in_date_order(site: SphinxTestApp) -> None:
    rows = soup_of(site, "pipeline/tx01.html").select("table.kb-events tbody tr")
    first_cells = [text_of(row.select_one("td")) for row in rows]
    assert first_cells == ["September 2023", "Not stated"]
    assert "CXSL2400001 (CDE acceptance number)" in text_of(rows[1])


def test_second_asset_added_by_data_alone_has_its_card_and_news(site: SphinxTestApp) -> None:
    page = soup_of(site, "pipeline/tx02.html")
    assert "Bispecific antibody" in text_of(page.select_one(".kb-asset-summary"))
    news = [text_of(a) for a in page.select(".kb-news-list .kb-news-heading a")]
    assert news == ["Financing for TX02"]


def test_milestones_are_in_date_order_at_their_precision(site: SphinxTestApp) -> None:
    items = soup_of(site, "timeline.html").select("ul.kb-timeline > li")
    dates = [text_of(li.select_one(".kb-milestone-date")) for li in items]
    assert dates == ["2019", "September 2023", "Date not stated", "Date not stated"]


def test_each_milestone_links_its_news_or_page_and_names_its_source(site: SphinxTestApp) -> None:
    items = soup_of(site, "timeline.html").select("ul.kb-timeline > li")
    founded = items[0]
    assert text_of(founded.select_one(".kb-milestone-heading a")) == "Test Co is founded"
    assert "Source: Test release" in text_of(founded.select_one(".kb-milestone-source"))
    approval = next(li for li in items if "approved" in text_of(li))
    assert approval.select_one(".kb-milestone-heading a")["href"] == "news/tx01-approval.html"


def news_titles(list_node: Tag) -> list[str]:
    return [text_of(a) for a in list_node.select(".kb-news-heading a")]


def test_news_list_is_newest_first_with_undated_items_last_and_labelled(
    site: SphinxTestApp,
) -> None:
    first = soup_of(site, "news/index.html").select("ul.kb-news-list")[0]
    assert news_titles(first) == ["Financing for TX02", "Early news", "TX01 approved in China"]
    dates = [text_of(d) for d in first.select(".kb-news-date")]
    assert dates == ["March 2024", "15 June 2021", "Date not stated"]


def test_news_list_filters_by_tag_and_limits(site: SphinxTestApp) -> None:
    lists = soup_of(site, "news/index.html").select("ul.kb-news-list")
    assert news_titles(lists[1]) == ["TX01 approved in China"]
    assert news_titles(lists[2]) == ["Financing for TX02"]


def test_news_list_filters_by_asset(site: SphinxTestApp) -> None:
    listing = soup_of(site, "pipeline/tx01.html").select_one("ul.kb-news-list")
    assert news_titles(listing) == ["TX01 approved in China"]


ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_every_item_with_absolute_links(site: SphinxTestApp) -> None:
    feed = ET.parse(Path(site.outdir) / "news" / "atom.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "https://kb.test/news/atom.xml"
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert links == [
        "https://kb.test/news/tx02-financing.html",
        "https://kb.test/news/early.html",
        "https://kb.test/news/tx01-approval.html",
    ]
    assert all(e.find(f"{ATOM}updated").text for e in feed.findall(f"{ATOM}entry"))


def test_atom_feed_publishes_only_dates_known_to_the_day(site: SphinxTestApp) -> None:
    feed = ET.parse(Path(site.outdir) / "news" / "atom.xml").getroot()
    published = {
        e.find(f"{ATOM}title").text: getattr(e.find(f"{ATOM}published"), "text", None)
        for e in feed.findall(f"{ATOM}entry")
    }
    assert published["Early news"].startswith("2021-06-15")
    assert published["Financing for TX02"] is None
    assert published["TX01 approved in China"] is None


def test_every_page_links_the_feed_in_its_head(site: SphinxTestApp) -> None:
    link = soup_of(site, "pipeline/tx01.html").select_one('link[type="application/atom+xml"]')
    assert link["href"] == "../news/atom.xml"


def test_reading_path_lists_pages_with_summary_time_and_total(site: SphinxTestApp) -> None:
    page = soup_of(site, "path.html")
    steps = page.select("ol.kb-reading-path > li")
    assert [text_of(s.select_one("a")) for s in steps] == ["Facts", "Glossary"]
    assert text_of(steps[0].select_one(".kb-reading-summary")) == "Facts shown with the fact role."
    assert [text_of(s.select_one(".kb-reading-time")) for s in steps] == [
        "1 min read",
        "1 min read",
    ]
    assert text_of(page.select_one(".kb-reading-total")) == "Total: about 2 minutes for 2 pages."


def test_term_link_carries_its_definition_for_hover_and_focus(site: SphinxTestApp) -> None:
    """The definition's first sentence: a tooltip says what a word means, not all of it."""
    page = soup_of(site, "glossary.html")
    term = page.select_one("a.kb-term")
    assert term["title"] == "Investigational New Drug application."
    assert page.select_one('script[src*="kb.js"]') is not None
    assert (Path(site.outdir) / "_static" / "kb.js").is_file()


def test_atom_feed_dates_each_item_by_its_last_commit(tmp_path: Path) -> None:
    """`updated` is when the item's file was last committed; an item never committed keeps its
    file's time."""
    srcdir = copy_root(tmp_path, "registry")
    git = ["git", "-C", str(srcdir), "-c", "user.name=KB", "-c", "user.email=kb@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    commits = {"early": "2026-01-02T03:04:05+00:00", "tx01-approval": "2026-02-03T04:05:06+00:00"}
    for name, when in commits.items():
        subprocess.run([*git, "add", f"news/{name}.md"], check=True)
        dated = {**os.environ, "GIT_COMMITTER_DATE": when}
        subprocess.run([*git, "commit", "-q", "-m", name], check=True, env=dated)
    os.utime(srcdir / "news/early.md", (1, 1))  # the commit's date counts, not the file's
    uncommitted = dt.datetime(2025, 5, 6, 7, 8, 9, tzinfo=dt.UTC).timestamp()
    os.utime(srcdir / "news/tx02-financing.md", (uncommitted, uncommitted))
    built = run_sphinx(srcdir, tmp_path / "out")
    feed = ET.parse(built.outdir / "news" / "atom.xml").getroot()
    updated = {
        e.find(f"{ATOM}link").get("href").rpartition("/")[2]: e.find(f"{ATOM}updated").text
        for e in feed.findall(f"{ATOM}entry")
    }
    assert updated == {
        "early.html": "2026-01-02T03:04:05+00:00",
        "tx01-approval.html": "2026-02-03T04:05:06+00:00",
        "tx02-financing.html": "2025-05-06T07:08:09+00:00",
    }
