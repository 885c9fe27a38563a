"""Bad input stops the build with the file, the line and a message that says what to fix.

Each test copies `tests/roots/test-registry`, injects one fault and builds strictly.
"""

from __future__ import annotations

import pytest

from sitebuild import VariantBuild, copy_root, sphinx_build

#: as `make html` builds: warnings are errors, all of them reported, every reference checked
STRICT = ("-W", "--keep-going", "-n")


def assert_warned(build: VariantBuild, relpath: str, line: int, message: str) -> None:
    assert build.statuscode != 0
    expected = f"{build.srcdir / relpath}:{line}: WARNING: {message}"
    assert expected in build.warnings, build.warnings


def test_unknown_fact_key_names_page_line_and_nearest_keys(variant) -> None:
    build = variant(
        "registry",
        {"facts.md": ("{fact}`TX01.cn-approval.identifier`", "{fact}`TX01.cn-aproval.identifier`")},
    )
    line = build.line_of("facts.md", "cn-aproval")
    assert_warned(
        build,
        "facts.md",
        line,
        "unknown fact key 'TX01.cn-aproval.identifier'; nearest valid keys: TX01.cn-approval.identifier",
    )


def test_unknown_asset_in_news_front_matter_names_the_line(variant) -> None:
    build = variant("registry", {"news/tx02-financing.md": ("assets: [TX02]", "assets:\n  - TX09")})
    line = build.line_of("news/tx02-financing.md", "- TX09")
    assert_warned(
        build, "news/tx02-financing.md", line, "assets[0]: unknown asset 'TX09' (known: TX01, TX02)"
    )


def test_unknown_tag_in_news_front_matter_names_the_line(variant) -> None:
    build = variant("registry", {"news/early.md": ("tags: [company]", "tags: [compnay]")})
    line = build.line_of("news/early.md", "compnay")
    assert_warned(
        build, "news/early.md", line, "tags[0]: unknown tag 'compnay' (known: regulatory, company)"
    )


def test_invalid_news_date_names_the_line(variant) -> None:
    build = variant("registry", {"news/early.md": ("date: 2021-06-15", "date: 2021-06-31")})
    line = build.line_of("news/early.md", "2021-06-31")
    assert_warned(
        build,
        "news/early.md",
        line,
        "date: '2021-06-31' is not a real date (day is out of range for month)",
    )


def test_undated_news_without_a_note_is_refused(variant) -> None:
    build = variant(
        "registry", {"news/tx01-approval.md": ("date_note: The release gives no date.\n", "")}
    )
    assert_warned(
        build,
        "news/tx01-approval.md",
        2,
        "front matter: a news item whose date is 'not stated' needs a date_note",
    )


def test_unknown_front_matter_field_in_news_is_refused(variant) -> None:
    build = variant("registry", {"news/early.md": ("summary:", "sumary:")})
    line = build.line_of("news/early.md", "sumary")
    assert_warned(build, "news/early.md", line, "sumary: unknown field (did you mean 'summary'?)")


def test_a_mistyped_audience_on_an_ordinary_page_names_what_is_allowed(variant) -> None:
    build = variant("registry", {"facts.md": ("summary:", "audience: publik\nsummary:")})
    assert_warned(build, "facts.md", 2, "audience: input should be 'internal' or 'public'")


def test_an_impossible_review_date_on_an_ordinary_page_names_the_line(variant) -> None:
    build = variant("registry", {"facts.md": ("summary:", "review_by: 2026-13-01\nsummary:")})
    message = "review_by: '2026-13-01' is not a real date (month must be in 1..12)"
    assert_warned(build, "facts.md", 2, message)


def test_a_misspelt_key_on_an_ordinary_page_is_named_with_the_key_it_may_mean(variant) -> None:
    build = variant("registry", {"facts.md": ("summary:", "ownr: Research\nsummary:")})
    assert_warned(build, "facts.md", 2, "ownr: unknown field (did you mean 'owner'?)")


def test_an_unknown_key_on_an_ordinary_page_lists_the_keys_allowed(variant) -> None:
    build = variant("registry", {"facts.md": ("summary:", "colour: blue\nsummary:")})
    assert_warned(build, "facts.md", 2, "colour: unknown field (allowed: audience, owner")


@pytest.mark.parametrize("directive", ["milestones", "pipeline-chart", "source-list"])
def test_a_registry_directive_without_a_registry_says_so_on_its_line(
    variant, directive: str
) -> None:
    build = variant("minimal", {"second.md": ("\n", f"\n\n```{{{directive}}}\n```\n")})
    line = build.line_of("second.md", directive)
    assert_warned(build, "second.md", line, f"{directive} needs a knowledge registry (_data)")


def test_malformed_news_front_matter_names_the_line(variant) -> None:
    build = variant("registry", {"news/early.md": ("tags: [company]", "tags: [company")})
    assert build.statuscode != 0
    assert f"{build.srcdir / 'news/early.md'}:" in build.warnings
    assert "malformed YAML" in build.warnings


def test_unknown_asset_in_asset_summary_names_the_line(variant) -> None:
    build = variant(
        "registry", {"pipeline/tx02.md": ("{asset-summary} TX02", "{asset-summary} TX2")}
    )
    line = build.line_of("pipeline/tx02.md", "TX2")
    assert_warned(
        build,
        "pipeline/tx02.md",
        line,
        "unknown asset 'TX2' in asset-summary (registered assets: TX01, TX02)",
    )


def test_news_list_with_an_unknown_tag_names_the_line(variant) -> None:
    build = variant("registry", {"news/index.md": (":tag: regulatory", ":tag: regulator")})
    line = build.line_of("news/index.md", "{news-list}")
    assert build.statuscode != 0
    assert "news-list: unknown tag 'regulator' (known: regulatory, company)" in build.warnings
    assert f"news/index.md:{line + 3}" in build.warnings or "news/index.md:" in build.warnings


def test_reading_path_naming_a_missing_page_names_the_line(variant) -> None:
    build = variant("registry", {"path.md": ("glossary\n```", "glosary\n```")})
    line = build.line_of("path.md", "glosary")
    assert_warned(build, "path.md", line, "reading-path: no page 'glosary'")


def test_registry_error_stops_the_build_before_any_page_is_written(variant) -> None:
    build = variant("registry", {"_data/pipeline.yaml": ("date: 2023-09", "date: 2023-13")})
    line = build.line_of("_data/pipeline.yaml", "2023-13")
    assert build.error is not None
    assert (
        f"_data/pipeline.yaml:{line}: assets[0].events[0].date: '2023-13' is not a real date (month must be in 1..12)."
        in build.error
    )
    assert not (build.outdir / "index.html").exists()


def test_malformed_registry_yaml_names_the_file_and_line(variant) -> None:
    build = variant("registry", {"_data/tags.yaml": ("  - id: company", "  - id: [company")})
    line = build.line_of("_data/tags.yaml", "[company")
    assert build.error is not None
    assert f"_data/tags.yaml:{line + 1}: malformed YAML" in build.error


def test_bad_input_changes_no_source_file(variant) -> None:
    build = variant("registry", {"index.md": ("{fact}`company.founded`", "{fact}`company.fouded`")})
    before = {
        p: p.read_bytes()
        for p in build.srcdir.rglob("*")
        if p.is_file() and "_build" not in p.parts
    }
    assert build.statuscode != 0
    after = {
        p: p.read_bytes()
        for p in build.srcdir.rglob("*")
        if p.is_file() and "_build" not in p.parts
    }
    assert before == after


def test_registry_problems_are_logged_as_located_errors_all_together(variant) -> None:
    build = variant(
        "registry",
        {
            "_data/pipeline.yaml": ("stage: IND", "stage: Phase 9"),
            "_data/facts.yaml": ("source: test-release", "source: test-relase"),
        },
    )
    stage = build.line_of("_data/pipeline.yaml", "Phase 9")
    source = build.line_of("_data/facts.yaml", "test-relase")
    assert build.statuscode != 0
    assert f"{build.srcdir / '_data/facts.yaml'}:{source}: ERROR: " in build.warnings
    assert (
        f"{build.srcdir / '_data/pipeline.yaml'}:{stage}: ERROR: assets[0].stage: unknown stage 'Phase 9'"
        in build.warnings
    )
    assert "Traceback" not in build.warnings
    assert not (build.outdir / "index.html").exists()


def test_news_page_with_a_missing_field_and_an_unknown_asset_reports_both(variant) -> None:
    build = variant(
        "registry",
        {
            "news/tx02-financing.md": (
                "summary: Test Co completes financing for TX02.\ntags: [company]\nassets: [TX02]",
                "tags: [company]\nassets: [TX09]",
            )
        },
    )
    page = build.srcdir / "news/tx02-financing.md"
    line = build.line_of("news/tx02-financing.md", "TX09")
    assert f"{page}:2: WARNING: summary: required field is missing" in build.warnings
    assert (
        f"{page}:{line}: WARNING: assets[0]: unknown asset 'TX09' (known: TX01, TX02)"
        in build.warnings
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "tags: [company]",
            "tags: [company]\nsummary: Again.",
            "duplicate key 'summary', first on line 3 and again on line 5 (YAML would keep only the last)",
        ),
        (
            "tags: [company]",
            "tags: &t [company]",
            "anchors and aliases (&name, *name) are not allowed here: write the value out",
        ),
        (
            "tags: [company]",
            "tags: [comp\x07any]",
            "control character 0x0007 is not allowed (delete it)",
        ),
    ],
)
def test_front_matter_yaml_problem_names_the_page_line(variant, old, new, message) -> None:
    build = variant("registry", {"news/early.md": (old, new)})
    line = build.line_of("news/early.md", new.splitlines()[-1])
    assert_warned(build, "news/early.md", line, message)


def test_sphinx_build_prints_located_lines_and_no_crash_report(tmp_path) -> None:
    srcdir = copy_root(tmp_path)
    tags = srcdir / "_data/tags.yaml"
    text = tags.read_text()
    tags.write_text(text + "  - id: company\n    label: Again\n    description: x\n")
    line = len(text.splitlines()) + 1
    result = sphinx_build(srcdir, *STRICT, outdir=tmp_path / "out")
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [
        f"{tags}:{line}: ERROR: tags[2].id: duplicate id 'company' [kb.data]",
    ], result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_a_page_not_saved_as_utf8_is_one_located_line_not_sphinxs_crash_report(tmp_path) -> None:
    """Sphinx itself stops with "Encoding error!", its versions and a traceback."""
    srcdir = copy_root(tmp_path)
    page = srcdir / "index.md"
    text = page.read_text(encoding="utf-8")
    page.write_bytes(text.encode("utf-8") + "Café.\n".encode("latin-1"))
    result = sphinx_build(srcdir, *STRICT, outdir=tmp_path / "out")
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [
        f"{page}:{len(text.splitlines()) + 1}: ERROR: the page is not UTF-8: byte 0xe9 cannot be "
        "read (save the page as UTF-8) [kb.source]"
    ], result.stderr
    assert not (tmp_path / "out" / "index.html").exists()
