"""The search index: Pagefind's, built after the HTML, holding each page's main content with
the variants of its terms (drawn from the glossary and registry), its kind and its sections."""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path

import pytest
from test_editions import MARKERS, PUBLIC

from biotroy_kb.html.search_index import ENTRY_WEIGHT, ids_on_headings, kind_of, with_entries
from biotroy_kb.html.search_terms import us_spelling

from sitebuild import VariantBuild

SIGNATURE = b"pagefind_dcd"


def fragments(outdir: Path) -> dict[str, dict]:
    """Each indexed page's record (url, content, filters, anchors), by url, from every part."""
    records = [fragment(path) for path in (outdir / "_pagefind").rglob("fragment/*.pf_fragment")]
    return {record["url"].lstrip("/"): record for record in records}


def fragment(path: Path) -> dict:
    """One page's record in Pagefind's index: gzip-compressed JSON after a signature."""
    return json.loads(gzip.decompress(path.read_bytes()).removeprefix(SIGNATURE))


@pytest.fixture
def search_site(variant) -> VariantBuild:
    build = variant("search")
    assert build.statuscode == 0, build.warnings
    return build


def test_new_glossary_term_is_indexed_with_its_us_spelling(search_site: VariantBuild) -> None:
    content = fragments(search_site.outdir)["platforms/haematology.html"]["content"]
    assert "haematology (hematology) lab" in content


def test_abbreviation_is_indexed_with_its_long_form(search_site: VariantBuild) -> None:
    content = fragments(search_site.outdir)["platforms/haematology.html"]["content"]
    assert "KBX (Knowledge Base Exchange)" in content


def test_identifier_is_indexed_with_its_digits(search_site: VariantBuild) -> None:
    content = fragments(search_site.outdir)["platforms/haematology.html"]["content"]
    assert "20250017" in content.replace("ZQ20250017", "")


def test_every_glossary_term_weighs_most_even_the_first_of_a_letter() -> None:
    """The A–Z bar marks the first term under each letter with a class; it still ranks the
    glossary first for its term."""
    content = '<dt class="kb-letter-start" id="term-epitope">epitope</dt><dt id="term-IND">IND</dt>'
    weighted = with_entries(content, {})
    assert weighted.count(f'data-pagefind-weight="{ENTRY_WEIGHT}"') == 2
    assert 'class="kb-letter-start"' in weighted


def test_page_kind_is_a_filter_from_its_folder(search_site: VariantBuild) -> None:
    records = fragments(search_site.outdir)
    assert records["platforms/haematology.html"]["filters"] == {"kind": ["platforms"]}
    assert records["glossary.html"]["filters"] == {"kind": ["glossary"]}


def test_results_page_names_each_part_of_the_site_by_its_title(search_site: VariantBuild) -> None:
    page = (search_site.outdir / "search.html").read_text(encoding="utf-8")
    kinds = json.loads(html.unescape(re.search(r'data-kinds="([^"]*)"', page).group(1)))
    # a folder without an index page is named by the folder
    assert kinds == {"glossary": "Glossary", "platforms": "platforms"}


def test_sections_are_anchored_on_their_headings(search_site: VariantBuild) -> None:
    anchors = fragments(search_site.outdir)["platforms/haematology.html"]["anchors"]
    assert {"h2"} == {a["element"] for a in anchors if a["id"] == "regulatory-status"}


def test_navigation_is_not_indexed(search_site: VariantBuild) -> None:
    content = fragments(search_site.outdir)["platforms/haematology.html"]["content"]
    assert "Navigation" not in content and "Quick search" not in content


def test_builtin_index_is_not_shipped(search_site: VariantBuild) -> None:
    assert not (search_site.outdir / "searchindex.js").exists()
    search_page = (search_site.outdir / "search.html").read_text(encoding="utf-8")
    assert "searchtools.js" not in search_page and "searchindex.js" not in search_page
    assert 'id="search-results"' in search_page


@pytest.mark.parametrize("marker", MARKERS)
def test_public_search_index_holds_nothing_internal(variant, marker: str) -> None:
    build = variant("editions", confoverrides=PUBLIC)
    assert build.statuscode == 0, build.warnings
    index = " ".join(record["content"] for record in fragments(build.outdir).values())
    assert index and marker not in index


def test_public_search_index_in_parts_holds_nothing_internal(variant) -> None:
    build = variant("editions", confoverrides={**PUBLIC, "kb_search_pages_per_part": 2})
    assert build.statuscode == 0, build.warnings
    assert (build.outdir / "_pagefind" / "part-2" / "fragment").is_dir()
    index = " ".join(record["content"] for record in fragments(build.outdir).values())
    assert index and [marker for marker in MARKERS if marker in index] == []


def test_internal_search_index_holds_internal_pages(variant) -> None:
    build = variant("editions", confoverrides={**PUBLIC, "kb_edition": "internal"})
    index = " ".join(record["content"] for record in fragments(build.outdir).values())
    assert "XQZ-INTERNAL-MARKER-4417" in index


def test_epub_has_no_search_index(variant) -> None:
    build = variant("search", builder="epub")
    assert build.statuscode == 0, build.warnings
    assert not (build.outdir / "_pagefind").exists()


@pytest.mark.parametrize(
    ("british", "us"),
    [
        ("tumour", "tumor"),
        ("tumours", "tumors"),
        ("characterise", "characterize"),
        ("analysed", "analyzed"),
        ("centre", "center"),
        ("haematology", "hematology"),
        ("oedema", "edema"),
        ("catalogue", "catalog"),
    ],
)
def test_british_spellings_get_their_us_form(british: str, us: str) -> None:
    assert us_spelling(british) == us


@pytest.mark.parametrize(
    "word", ["hour", "four", "your", "contour", "advise", "exercise", "raise", "after"]
)
def test_words_spelt_alike_get_no_variant(word: str) -> None:
    assert us_spelling(word) is None


def test_section_id_moves_onto_its_heading() -> None:
    html = '<section id="regulatory-status">\n<span id="index-0"></span><h2>Regulatory status</h2>'
    assert ids_on_headings(html) == (
        '<section><h2 id="regulatory-status">Regulatory status</h2>\n<span id="index-0"></span>'
    )


@pytest.mark.parametrize(
    ("docname", "kind"),
    [
        ("pipeline/bt02", "pipeline"),
        ("glossary", "glossary"),
        ("news/index", "news"),
        ("index", None),
        ("maintainers/performance", None),
    ],
)
def test_kind_of_a_page_comes_from_its_top_folder(docname: str, kind: str | None) -> None:
    sections = {"company", "pipeline", "platforms", "news", "onboarding", "glossary"}
    assert kind_of(docname, sections) == kind
