"""Front matter that readers see is translated with its page: a page's `summary` is one of the
page's messages, extracted into its catalog and shown translated wherever other pages show it."""

from __future__ import annotations

from babel.messages.pofile import read_po


def test_a_summary_is_extracted_into_its_pages_catalog_at_its_line(variant) -> None:
    build = variant("i18n", builder="gettext")
    assert build.statuscode == 0, build.warnings
    with (build.outdir / "glossary.pot").open("rb") as file:
        template = read_po(file)
    summary = template["What the site's words mean."]
    assert summary is not None
    [(path, line)] = summary.locations
    assert (path.rpartition("/")[2], line) == ("glossary.md", 2)


def test_the_reading_path_shows_the_translated_summary(variant) -> None:
    build = variant("i18n")
    assert build.statuscode == 0, build.warnings
    page = (build.outdir / "path.html").read_text(encoding="utf-8")
    assert '<p class="kb-reading-summary">本站用语的含义。</p>' in page
    assert "What the site" not in page
