"""Public and internal editions: nothing internal can be found in the public edition by any
means, and the internal edition shows everything. Owners and review dates on every page."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest

from sitebuild import VariantBuild

PUBLIC = {"kb_edition": "public", "kb_today": "2026-11-25"}
INTERNAL = {"kb_edition": "internal", "kb_today": "2026-11-25"}
MARKERS = [
    "XQZ-INTERNAL-MARKER-4417",  # the internal page's text
    "XQZ-TITLE-MARKER-5512",  # its title
    "XQZ-SUMMARY-MARKER-2290",  # its summary (front matter)
    "XQZ-NEWS-MARKER-8803",  # an internal news item's summary (the feed, the news list)
    "XQZ-NEWSTITLE-MARKER-6604",  # its title
    "Project Nightjar-7731",  # the value of an internal fact
    "XQZ-ASSET-MARKER-3391",  # an internal asset (the pipeline chart, the sources page)
]


def every_output_file(outdir: Path) -> dict[str, str]:
    """Each output file's text, `objects.inv` decompressed."""
    texts = {}
    for path in sorted(p for p in outdir.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.name == "objects.inv":
            header, _, body = data.partition(b"zlib.\n")
            data = header + zlib.decompress(body)
        texts[str(path.relative_to(outdir))] = data.decode("utf-8", errors="replace")
    return texts


@pytest.fixture
def public(variant) -> VariantBuild:
    build = variant("editions", confoverrides=PUBLIC)
    assert build.statuscode == 0, build.warnings
    return build


@pytest.mark.parametrize("marker", MARKERS)
def test_internal_marker_is_absent_from_every_public_output_file(
    public: VariantBuild, marker: str
) -> None:
    files = every_output_file(public.outdir)
    kinds = {Path(name).suffix for name in files}
    assert {
        ".html",
        ".js",
        ".xml",
        ".inv",
    } <= kinds  # pages, search index, sitemap and feed, inventory
    assert [name for name, text in files.items() if marker in text] == []


@pytest.mark.parametrize("marker", MARKERS)
def test_internal_edition_shows_everything(variant, marker: str) -> None:
    build = variant("editions", confoverrides=INTERNAL)
    assert build.statuscode == 0, build.warnings
    assert [name for name, text in every_output_file(build.outdir).items() if marker in text]


def test_public_navigation_drops_internal_pages(public: VariantBuild) -> None:
    index = (public.outdir / "index.html").read_text()
    assert "public-page.html" in index
    assert "internal-page" not in index
    assert not (public.outdir / "internal-page.html").exists()
    assert [p for p in (public.outdir / "_sources").rglob("*") if p.is_file()] == []


def test_public_page_linking_an_internal_page_stops_the_build(variant) -> None:
    edit = {
        "public-page.md": (
            "announces things here.",
            "announces things here.\nSee {doc}`internal-page`.",
        )
    }
    build = variant("editions", edit, confoverrides=PUBLIC)
    line = build.line_of("public-page.md", "{doc}`internal-page`")
    assert build.statuscode != 0
    expected = (
        f"{build.srcdir / 'public-page.md'}:{line}: WARNING: public page links to the internal page "
        "'internal-page'; the public edition leaves it out"
    )
    assert expected in build.warnings


def test_an_internal_home_page_stops_the_public_edition_with_one_line(variant) -> None:
    build = variant(
        "editions", {"index.md": ("audience: public", "audience: internal")}, confoverrides=PUBLIC
    )
    assert build.statuscode != 0
    assert build.error == (
        f"{build.srcdir / 'index.md'}:1: the public edition would leave out the home page (its "
        "audience is internal); give it `audience: public` in its front matter"
    )
    assert "Traceback" not in build.warnings


def test_a_mistyped_audience_keeps_the_page_out_of_the_public_edition_and_says_so(
    variant,
) -> None:
    build = variant(
        "editions",
        {"public-page.md": ("audience: public", "audience: pubic")},
        confoverrides=PUBLIC,
    )
    assert build.statuscode != 0
    expected = (
        f"{build.srcdir / 'public-page.md'}:3: WARNING: audience: input should be 'internal' or "
        "'public'"
    )
    assert expected in build.warnings
    assert not (build.outdir / "public-page.html").exists()


def test_public_page_showing_an_internal_fact_stops_the_build(variant) -> None:
    edit = {
        "public-page.md": (
            "announces things here.",
            "announces things here.\nIt is {fact}`company.codename`.",
        )
    }
    build = variant("editions", edit, confoverrides=PUBLIC)
    line = build.line_of("public-page.md", "company.codename")
    assert build.statuscode != 0
    assert (
        f"{build.srcdir / 'public-page.md'}:{line}: WARNING: internal fact 'company.codename' on a page of "
        "the public edition"
    ) in build.warnings


def shown_text(path: Path) -> str:
    """A page's text as a reader reads it, its tags left out."""
    return " ".join(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")).split())


def test_every_page_shows_its_owner_and_review_date(public: VariantBuild) -> None:
    page = shown_text(public.outdir / "index.html")
    assert "Owner: Communications team · Review by: January 2030" in page


def test_a_page_past_its_review_date_says_it_may_be_out_of_date(public: VariantBuild) -> None:
    page = shown_text(public.outdir / "public-page.html")
    assert "This page may be out of date" in page
    assert "Its review was due by January 2020. Owner: Communications team." in page
    assert "may be out of date" not in (public.outdir / "index.html").read_text()


def test_the_check_lists_overdue_pages_and_finds_no_leak(variant) -> None:
    build = variant("editions", builder="kbcheck", confoverrides=PUBLIC)
    assert build.statuscode == 0, build.failures()
    cases = build.report()["cases"]
    overdue = [c for c in cases if c["status"] == "overdue"]
    assert [(Path(c["filename"]).name, c["message"]) for c in overdue] == [
        ("public-page.md", "review was due by January 2020 (owner: Communications team)")
    ]
    leaks = [c for c in cases if c["kind"] == "leaks"]
    assert leaks and all(c["status"] == "passed" for c in leaks)


def test_the_check_fails_when_internal_text_reaches_a_public_page(variant) -> None:
    sentence = "The unique marker XQZ-INTERNAL-MARKER-4417 lives only on this internal page."
    build = variant(
        "editions",
        {"public-page.md": ("announces things here.", f"announces things here.\n\n{sentence}")},
        builder="kbcheck",
        confoverrides=PUBLIC,
    )
    failures = [f for f in build.failures() if "[leaks]" in f]
    assert build.statuscode == 1
    assert any(
        "public-page.html holds the text of internal page internal-page.md" in f for f in failures
    ), failures


def test_the_chinese_public_edition_finds_translated_internal_text_on_a_public_page(
    variant,
) -> None:
    sentence = "这个只在内部页面上出现的夜鹰标记 XQZ-INTERNAL-MARKER-4417 不应外传。"
    build = variant(
        "editions",
        {"public-page.md": ("announces things here.", f"announces things here.\n\n{sentence}")},
        builder="kbcheck",
        confoverrides={**PUBLIC, "language": "zh_CN"},
    )
    failures = [f for f in build.failures() if "[leaks]" in f]
    assert build.statuscode == 1
    assert any(
        "public-page.html holds the translated text of internal page internal-page.md" in f
        for f in failures
    ), failures
