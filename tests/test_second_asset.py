"""A second asset added by data alone (its own CDE number, FDA date and news) builds and passes
the check; a consistency rule compares each statement with the values of the asset it is about.

The `registry` test root's TX02 gets regulatory events and a news page here; TX01 keeps its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import VariantBuild, build_copy, copy_root

TX02_EVENTS = """    source: test-notes
    events:
      - id: us-ind
        region: United States
        agency: FDA
        kind: ind-clearance
        date: 2024-03
        source: test-notes
      - id: cn-approval
        region: China
        agency: NMPA's CDE
        kind: cta-approval
        identifier: CXSL2400002
        identifier_kind: CDE acceptance number
        date: 2024
        source: test-notes
        news: news/tx02-ind
"""

TX02_NEWS = """---
date: 2024-03
summary: The FDA clears TX02's IND.
tags: [regulatory]
assets: [TX02]
---

# TX02's IND cleared

The FDA cleared TX02's {term}`IND` in March 2024. Its acceptance number in China is CXSL2400002.
"""


def with_second_asset(tmp_path: Path, tx02_page_text: str = "") -> VariantBuild:
    """The `registry` root with TX02's events and news, `tx02_page_text` added to its page,
    built and checked as `make check` does."""
    srcdir = copy_root(tmp_path)
    pipeline = srcdir / "_data" / "pipeline.yaml"
    text = pipeline.read_text(encoding="utf-8")
    assert text.endswith("    source: test-notes\n")
    pipeline.write_text(text.removesuffix("    source: test-notes\n") + TX02_EVENTS)
    (srcdir / "news" / "tx02-ind.md").write_text(TX02_NEWS, encoding="utf-8")
    page = srcdir / "pipeline" / "tx02.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{tx02_page_text}\n", encoding="utf-8")
    return build_copy(srcdir, tmp_path / "out", "kbcheck")


def consistency_cases(build: VariantBuild, relpath: str) -> list[tuple[str, str]]:
    return [
        (c["status"], c["message"])
        for c in build.report()["cases"]
        if c["kind"] == "consistency" and c["filename"].endswith(relpath)
    ]


def test_second_asset_with_its_own_values_passes_html_and_the_check(tmp_path: Path) -> None:
    build = with_second_asset(tmp_path)
    assert build.statuscode == 0, build.failures()
    assert (build.outdir.parent / "html" / "news" / "tx02-ind.html").is_file()
    assert sorted(consistency_cases(build, "news/tx02-ind.md")) == [
        ("passed", "cde-acceptance-number: 'CXSL2400002' agrees with TX02.cn-approval.identifier"),
        ("passed", "fda-ind-clearance: 'March 2024' agrees with TX02.us-ind.date"),
    ]


def test_chart_and_sources_pages_list_both_assets_values_and_pass(tmp_path: Path) -> None:
    build = with_second_asset(tmp_path)
    cases = [case for page in ("chart.md", "sources.md") for case in consistency_cases(build, page)]
    assert (
        "passed",
        "cde-acceptance-number: 'CXSL2400002' agrees with TX02.cn-approval.identifier",
    ) in cases
    assert all(status == "passed" for status, _ in cases), cases


@pytest.mark.parametrize(
    ("sentence", "message"),
    [
        (
            "TX02's acceptance number is CXSL2400009.",
            "[consistency] cde-acceptance-number: found 'CXSL2400009', expected 'CXSL2400002' "
            "(TX02.cn-approval.identifier, source: Test notes)",
        ),
        (
            "On this page, without naming the asset: the FDA cleared it in September 2023.",
            "[consistency] fda-ind-clearance: found 'September 2023', expected 'March 2024' "
            "(TX02.us-ind.date, source: Test notes)",
        ),
    ],
)
def test_a_value_of_the_wrong_asset_fails_naming_both_values(
    tmp_path: Path, sentence: str, message: str
) -> None:
    build = with_second_asset(tmp_path, sentence)
    assert build.statuscode == 1
    line = build.line_of("pipeline/tx02.md", sentence)
    assert f"{build.srcdir / 'pipeline/tx02.md'}:{line}: {message}" in build.failures()


def test_a_sentence_naming_the_other_asset_is_checked_against_that_asset(tmp_path: Path) -> None:
    build = with_second_asset(tmp_path, "TX01's number, for comparison, is CXSL2400001.")
    assert build.statuscode == 0, build.failures()
    assert (
        "passed",
        "cde-acceptance-number: 'CXSL2400001' agrees with TX01.cn-approval.identifier",
    ) in consistency_cases(build, "pipeline/tx02.md")


def test_a_value_about_no_asset_must_be_one_of_the_registered_values(tmp_path: Path) -> None:
    build = with_second_asset(tmp_path)
    facts_page = build.srcdir / "facts.md"
    assert build.statuscode == 0
    facts_page.write_text(facts_page.read_text() + "\nSome number: CXSL2400003.\n")
    build = build_copy(build.srcdir, tmp_path / "out2", "kbcheck")
    line = build.line_of("facts.md", "CXSL2400003")
    assert (
        f"{build.srcdir / 'facts.md'}:{line}: [consistency] cde-acceptance-number: found "
        "'CXSL2400003', expected 'CXSL2400001' (TX01.cn-approval.identifier, source: Test "
        "release) or 'CXSL2400002' (TX02.cn-approval.identifier, source: Test notes)"
    ) in build.failures()
