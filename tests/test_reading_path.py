"""The reading path and the two chains of Next/Previous, on a small site built once: the path
defined on Start here, stretches of it listed day by day, each page on it saying where it is,
reader pages walking the path and the maintainers' handbook walking itself; the fingerprints a
build writes for the reader's browser; the glossary's A-Z bar; the 404 page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import VariantBuild, build_variant

pytestmark = pytest.mark.sphinx


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> VariantBuild:
    build = build_variant(tmp_path_factory.mktemp("reading"), "reading", {})
    assert build.statuscode == 0, build.warnings
    assert build.warnings == ""
    return build


def soup(build: VariantBuild, page: str) -> BeautifulSoup:
    return BeautifulSoup((build.outdir / page).read_text(encoding="utf-8"), "html.parser")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def rel(build: VariantBuild, page: str, kind: str) -> str | None:
    link = soup(build, page).select_one(f'link[rel="{kind}"]')
    return link["href"] if link else None


def test_each_page_on_the_path_says_its_step_and_what_comes_next(built: VariantBuild) -> None:
    note = soup(built, "one.html").select_one(".kb-path-step")
    assert text(note) == "Reading path : step 1 of 3 · Next: Two"
    assert note.select_one("a.kb-path-next")["href"] == "two.html"
    assert note.select_one("a")["href"] == "start/index.html"


def test_the_path_ends_on_its_finish_page(built: VariantBuild) -> None:
    note = soup(built, "start/finish.html").select_one(".kb-path-step")
    assert text(note) == "Reading path : step 3 of 3 · the end of the path"
    assert rel(built, "start/finish.html", "next") is None


def test_a_stretch_of_the_path_keeps_the_paths_numbers(built: VariantBuild) -> None:
    lists = soup(built, "start/week.html").select("ol.kb-reading-path")
    assert [[text(a) for a in ol.select("li > p > a")] for ol in lists] == [
        ["One", "Two"],
        ["Finish"],
    ]
    assert lists[1]["start"] == "3"
    assert "kb-path-whole" not in lists[0]["class"]
    assert "kb-path-whole" in soup(built, "start/index.html").select_one("ol")["class"]


@pytest.mark.parametrize(
    ("page", "previous", "following"),
    [
        ("index.html", None, "start/index.html"),
        ("start/index.html", "../index.html", "../one.html"),
        ("one.html", "start/index.html", "two.html"),
        ("two.html", "one.html", "start/finish.html"),
        ("glossary.html", None, None),  # a reader page off the path
        ("start/week.html", None, None),
        ("maintainers/index.html", None, "a.html"),
        ("maintainers/a.html", "index.html", "b.html"),
        ("maintainers/b.html", "a.html", None),
    ],
)
def test_next_and_previous_follow_the_path_and_keep_the_handbook_apart(
    built: VariantBuild, page: str, previous: str | None, following: str | None
) -> None:
    assert (rel(built, page, "prev"), rel(built, page, "next")) == (previous, following)


def test_each_page_carries_the_fingerprints_of_its_sections(built: VariantBuild) -> None:
    data = json.loads(soup(built, "two.html").select_one("#kb-page-memory").string)
    assert data["page"] == "two.html"
    assert [anchor for anchor, _ in data["sections"]] == ["two", "alpha", "beta", "gamma"]
    assert all(re.fullmatch(r"[0-9a-f]{10}", value) for _, value in data["sections"])
    site = json.loads((built.outdir / "kb-fingerprints.json").read_text(encoding="utf-8"))
    assert site["pages"]["two.html"] == ["Two", data["hash"]]
    assert "maintainers/a.html" in site["pages"]


def test_a_section_fingerprint_changes_with_its_own_text_only(tmp_path: Path) -> None:
    edit = {"two.md": ("Beta says another.", "Beta says more.")}
    edited = build_variant(tmp_path, "reading", edit)
    before = build_variant(tmp_path / "before", "reading", {})
    sections = [
        dict(json.loads(soup(build, "two.html").select_one("#kb-page-memory").string)["sections"])
        for build in (before, edited)
    ]
    changed = {anchor for anchor in sections[0] if sections[0][anchor] != sections[1][anchor]}
    assert changed == {"beta"}


def test_the_glossary_has_a_bar_of_its_letters_leading_to_their_first_entries(
    built: VariantBuild,
) -> None:
    page = soup(built, "glossary.html")
    bar = page.select_one("nav.kb-letters")
    assert [a.get_text() for a in bar.select("a")] == ["A", "B", "C"]
    first_under = [page.find(id=a["href"][1:]) for a in bar.select("a")]
    assert [node.parent.get_text().rstrip("¶").strip() for node in first_under] == [
        "apple",
        "banana",
        "cherry",
    ]


def test_the_404_page_offers_search_home_and_start_here(built: VariantBuild) -> None:
    page = soup(built, "404.html")
    assert text(page.select_one("h1")) == "Page not found"
    form = page.select_one(".kb-not-found form")
    assert form["action"] == "/search.html" and form.select_one("input[name=q]")
    links = [(a["href"], text(a)) for a in page.select(".kb-not-found li a")]
    assert links == [("/index.html", "The home page"), ("/start/index.html", "Start here")]


def test_a_handbook_page_on_the_reading_path_is_a_located_error(tmp_path: Path) -> None:
    edit = {"start/index.md": ("two\n", "two\nmaintainers/a\n")}
    build = build_variant(tmp_path, "reading", edit)
    source = build.srcdir / "start" / "index.md"
    line = build.line_of("start/index.md", "maintainers/a")
    message = "reading-path: 'maintainers/a' is in the maintainers' handbook"
    assert f"{source}:{line}: WARNING: {message}" in build.warnings


def test_a_stretch_beyond_the_path_is_a_located_error(tmp_path: Path) -> None:
    build = build_variant(tmp_path, "reading", {"start/week.md": (":steps: 3", ":steps: 3-5")})
    fence = build.line_of("start/week.md", ":steps: 3-5") - 1
    source = build.srcdir / "start" / "week.md"
    message = "reading-path: steps 3-5 asked for; the path has 3 steps"
    assert f"{source}:{fence}: WARNING: {message}" in build.warnings
