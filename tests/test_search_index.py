"""The search index: Pagefind's, built after the HTML, over a copy of each page that holds its
own words, its Chinese as bigram codes, and, in hidden spans, the other names of its terms
(variants, the glossary's synonyms, the other language's terms) and its index entries; with
its kind and its sections."""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path

import pytest
from test_editions import MARKERS, PUBLIC

from biotroy_kb.check.leaks import output_text
from biotroy_kb.html.search_copy import (
    ENTRY_WEIGHT,
    ids_on_headings,
    kind_of,
    main_content,
    weigh_terms,
)
from biotroy_kb.html.search_hidden import ALIAS, CJK, cjk_codes, decode
from biotroy_kb.html.search_terms import us_spelling

from sitebuild import SiteBuild, VariantBuild

SIGNATURE = b"pagefind_dcd"


def fragments(outdir: Path) -> dict[str, dict]:
    """Each indexed page's record (url, content, filters, anchors), by url, from every part."""
    records = [fragment(path) for path in (outdir / "_pagefind").rglob("fragment/*.pf_fragment")]
    return {record["url"].lstrip("/"): record for record in records}


def fragment(path: Path) -> dict:
    """One page's record in Pagefind's index: gzip-compressed JSON after a signature."""
    return json.loads(gzip.decompress(path.read_bytes()).removeprefix(SIGNATURE))


def letters(text: str) -> str:
    return "".join(char for char in text if char.isalnum())


def visible_text(page: str) -> str:
    """What a reader sees of a page's main content (the heading marks and the owner line
    are not searched)."""
    content = re.sub(r'<a class="headerlink".*?</a>|<p class="kb-page-care">.*?</p>', "", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", main_content(content)))


def hidden_words(content: str) -> list[str]:
    """The words of every hidden span of an indexed content (Chinese as its codes)."""
    words, inside = [], False
    for word in content.split():
        if word[0] in (ALIAS, CJK):
            inside = word[0] == ALIAS
        elif inside and not word.startswith("\ue001"):
            words.append(word)
        else:
            inside = False
    return words


@pytest.fixture
def search_site(variant) -> VariantBuild:
    build = variant("search")
    assert build.statuscode == 0, build.warnings
    return build


@pytest.mark.parametrize("page", ["platforms/haematology.html", "platforms/signalling.html"])
def test_a_page_is_indexed_in_its_own_words(search_site: VariantBuild, page: str) -> None:
    """Read back from the index, a page says what it says, word for word, nothing more."""
    content = fragments(search_site.outdir)[page]["content"]
    shown = visible_text((search_site.outdir / page).read_text(encoding="utf-8"))
    assert letters(decode(content)) == letters(shown)


def test_us_spelling_is_found_but_hidden(search_site: VariantBuild) -> None:
    content = fragments(search_site.outdir)["platforms/haematology.html"]["content"]
    assert "hematology" in hidden_words(content)
    assert "hematology" not in decode(content)


def test_abbreviation_is_found_by_its_long_form(search_site: VariantBuild) -> None:
    content = fragments(search_site.outdir)["platforms/haematology.html"]["content"]
    assert {"Knowledge", "Base", "Exchange"} <= set(hidden_words(content))
    assert "Exchange" not in decode(content)


def test_identifier_is_found_by_its_digits(search_site: VariantBuild) -> None:
    content = fragments(search_site.outdir)["platforms/haematology.html"]["content"]
    assert "20250017" in hidden_words(content)


def test_index_entries_are_found_but_hidden(search_site: VariantBuild) -> None:
    content = fragments(search_site.outdir)["platforms/haematology.html"]["content"]
    assert {"blood", "samples"} <= set(hidden_words(content))
    assert "blood" not in decode(content)


def test_glossary_term_is_found_by_its_translation(search_site: VariantBuild) -> None:
    """The English edition finds the page by the term's Chinese name (from the glossary's
    catalog), hidden."""
    content = fragments(search_site.outdir)["platforms/haematology.html"]["content"]
    assert set(cjk_codes("血液学实验室")) <= set(hidden_words(content))
    assert "血" not in decode(content)


def test_chinese_is_indexed_as_the_codes_of_its_bigrams(search_site: VariantBuild) -> None:
    content = fragments(search_site.outdir)["platforms/signalling.html"]["content"]
    assert not re.search(r"[\u4e00-\u9fff]", content)
    assert set(cjk_codes("信号转导")[:3]) <= set(content.split())
    assert decode(content).startswith("信号转导 靶点信号转导通路研究引用了ZQ20250017，见 KBX。")


def test_an_identifier_after_a_chinese_character_is_a_word_of_its_own(
    search_site: VariantBuild,
) -> None:
    content = fragments(search_site.outdir)["platforms/signalling.html"]["content"]
    assert "ZQ20250017" in content.split()


def test_every_glossary_term_weighs_most_even_the_first_of_a_letter() -> None:
    """The A–Z bar marks the first term under each letter with a class; it still ranks the
    glossary first for its term."""
    content = '<dt class="kb-letter-start" id="term-epitope">epitope</dt><dt id="term-IND">IND</dt>'
    weighted = weigh_terms(content)
    assert weighted.count(f'data-pagefind-weight="{ENTRY_WEIGHT}"') == 2
    assert 'class="kb-letter-start"' in weighted


def test_page_kind_is_a_filter_from_its_folder(search_site: VariantBuild) -> None:
    records = fragments(search_site.outdir)
    assert records["platforms/haematology.html"]["filters"] == {"kind": ["platforms"]}
    assert records["glossary.html"]["filters"] == {"kind": ["glossary"]}


def test_handbook_pages_alone_carry_the_filter_readers_search_with(real_site: SiteBuild) -> None:
    # readers' searches load the `hidden` filter, which lists these pages and no other
    records = fragments(real_site.outdir)
    hidden = {url for url, record in records.items() if "hidden" in record["filters"]}
    handbook = {url for url in records if url.startswith("maintainers/")}
    assert hidden == handbook
    assert all(records[url]["filters"]["hidden"] == ["maintainers"] for url in hidden)


def test_results_page_names_each_part_of_the_site_by_its_title(search_site: VariantBuild) -> None:
    page = (search_site.outdir / "search.html").read_text(encoding="utf-8")
    kinds = json.loads(html.unescape(re.search(r'data-kinds="([^"]*)"', page).group(1)))
    # a folder without an index page is named by the folder
    assert kinds == {"glossary": "Glossary", "platforms": "platforms"}


def test_sections_are_anchored_on_their_headings(search_site: VariantBuild) -> None:
    anchors = fragments(search_site.outdir)["platforms/haematology.html"]["anchors"]
    assert {"h2"} == {a["element"] for a in anchors if a["id"] == "regulatory-status"}


def test_glossary_terms_are_anchors(search_site: VariantBuild) -> None:
    """A hit on a glossary term opens the term itself (kb-search.js reads the anchors)."""
    anchors = fragments(search_site.outdir)["glossary.html"]["anchors"]
    assert {"term-KBX", "term-haematology-lab"} <= {a["id"] for a in anchors}


def test_navigation_is_not_indexed(search_site: VariantBuild) -> None:
    content = fragments(search_site.outdir)["platforms/haematology.html"]["content"]
    assert "Navigation" not in content and "Quick search" not in content


def test_builtin_index_is_not_shipped(search_site: VariantBuild) -> None:
    assert not (search_site.outdir / "searchindex.js").exists()
    search_page = (search_site.outdir / "search.html").read_text(encoding="utf-8")
    assert "searchtools.js" not in search_page and "searchindex.js" not in search_page
    assert 'id="search-results"' in search_page


def test_the_leak_check_reads_the_index_as_search_shows_it(search_site: VariantBuild) -> None:
    """Chinese is in the index only as codes; the leak check reads it back."""
    record = next(
        path
        for path in (search_site.outdir / "_pagefind").rglob("*.pf_fragment")
        if fragment(path)["url"].endswith("signalling.html")
    )
    assert "靶点信号转导通路研究" in output_text(record)


@pytest.mark.parametrize("marker", MARKERS)
def test_public_search_index_holds_nothing_internal(variant, marker: str) -> None:
    build = variant("editions", confoverrides=PUBLIC)
    assert build.statuscode == 0, build.warnings
    index = " ".join(decode(record["content"]) for record in fragments(build.outdir).values())
    assert index and marker not in index


def test_public_search_index_in_parts_holds_nothing_internal(variant) -> None:
    build = variant("editions", confoverrides={**PUBLIC, "kb_search_pages_per_part": 2})
    assert build.statuscode == 0, build.warnings
    assert (build.outdir / "_pagefind" / "part-2" / "fragment").is_dir()
    index = " ".join(decode(record["content"]) for record in fragments(build.outdir).values())
    assert index and [marker for marker in MARKERS if marker in index] == []


def test_internal_search_index_holds_internal_pages(variant) -> None:
    build = variant("editions", confoverrides={**PUBLIC, "kb_edition": "internal"})
    index = " ".join(decode(record["content"]) for record in fragments(build.outdir).values())
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
        ("immunisation", "immunization"),
        ("recognised", "recognized"),
        ("standardise", "standardize"),
    ],
)
def test_british_spellings_get_their_us_form(british: str, us: str) -> None:
    assert us_spelling(british) == us


@pytest.mark.parametrize(
    "word",
    ["hour", "four", "your", "contour", "advise", "exercise", "raise", "after", "premise"],
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
