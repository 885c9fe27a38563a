"""The `kbcheck` builder (`make check`): every kind of fault, injected into a copy of the
`registry` test root, fails the check naming the file, the line and what was expected."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitebuild import DOCS_DIR, SiteBuild, VariantBuild, build_copy, run_sphinx

APPEND = "The FDA date is"  # a line of facts.md after which faults are added


def add_to_facts_page(text: str) -> dict[str, tuple[str, str]]:
    return {"facts.md": (APPEND, f"\n{text}\n\n{APPEND}")}


def assert_fails(build: VariantBuild, relpath: str, line: int, message: str) -> None:
    assert build.statuscode == 1
    expected = f"{build.srcdir / relpath}:{line}: {message}"
    assert expected in build.failures(), build.failures()


def test_clean_site_passes_and_reports_counts(variant) -> None:
    build = variant("registry", builder="kbcheck")
    assert build.statuscode == 0
    text = (build.outdir / "output.txt").read_text()
    assert re.search(r"^\d+ passed, 0 failed$", text.splitlines()[-1])
    report = build.report()
    assert report["failed"] == 0
    assert report["passed"] == len([c for c in report["cases"] if c["status"] == "passed"])
    assert {c["kind"] for c in report["cases"]} >= {
        "links",
        "facts",
        "consistency",
        "glossary",
        "registry",
    }


def test_facts_not_stated_are_listed_to_confirm_not_failed(variant) -> None:
    build = variant("registry", builder="kbcheck")
    to_confirm = [c for c in build.report()["cases"] if c["status"] == "to confirm"]
    assert [c["message"] for c in to_confirm] == [
        "company.headcount is not stated: The release does not say. (source: Test release)",
        "TX01.cn-approval.date is not stated: Not in the release. (source: Test release)",
    ]
    assert "To confirm (not failures" in (build.outdir / "output.txt").read_text()


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (
            '<a href="missing.html">gone</a>',
            "[links] link 'missing.html' leads to a missing file missing.html",
        ),
        (
            '<a href="chart.html#nowhere">x</a>',
            "[links] link 'chart.html#nowhere': no anchor #nowhere in chart.html",
        ),
        (
            '<img src="_static/none.png" alt="x">',
            "[links] link '_static/none.png' leads to a missing file _static/none.png",
        ),
    ],
)
def test_broken_local_link_in_raw_html_names_page_and_line(
    variant, fault: str, message: str
) -> None:
    build = variant("registry", add_to_facts_page(fault), builder="kbcheck")
    assert_fails(build, "facts.md", build.line_of("facts.md", fault), message)


@pytest.mark.parametrize(
    ("sentence", "message"),
    [
        (
            "The number CXSL2400002 is cited.",
            "[consistency] cde-acceptance-number: found 'CXSL2400002', expected 'CXSL2400001' "
            "(TX01.cn-approval.identifier, source: Test release)",
        ),
        (
            "Test Co was founded in 2018.",
            "[consistency] founding-year: found '2018', expected '2019' (company.founded, source: Test release)",
        ),
        (
            "It raised 60 million RMB.",
            "[consistency] financing-total: found '60', expected 'over 80 million RMB' "
            "(company.financing, source: Test release)",
        ),
        (
            "The FDA cleared it in October 2023.",
            "[consistency] fda-ind-clearance: found 'October 2023', expected 'September 2023' "
            "(TX01.us-ind.date, source: Test release)",
        ),
        (
            "Test Co runs three platforms.",
            "[consistency] platform-count: found 'three', expected 'two' (platforms.count, source: Test release)",
        ),
    ],
)
def test_text_disagreeing_with_the_registry_fails_with_the_expected_value(
    variant, sentence: str, message: str
) -> None:
    build = variant("registry", add_to_facts_page(sentence), builder="kbcheck")
    assert_fails(build, "facts.md", build.line_of("facts.md", sentence), message)


def test_disagreement_on_a_later_line_of_a_paragraph_names_that_line(variant) -> None:
    build = variant(
        "registry",
        add_to_facts_page("A first line.\nTest Co was founded in 2017."),
        builder="kbcheck",
    )
    line = build.line_of("facts.md", "founded in 2017")
    assert_fails(
        build,
        "facts.md",
        line,
        "[consistency] founding-year: found '2017', expected '2019' (company.founded, source: Test release)",
    )


def test_marked_quotation_is_exempted_and_listed(variant) -> None:
    build = variant(
        "registry",
        add_to_facts_page("{.kb-quotation}\n> We were founded in 2018."),
        builder="kbcheck",
    )
    assert build.statuscode == 0
    exempted = [c for c in build.report()["cases"] if c["status"] == "exempted"]
    assert [c["message"] for c in exempted] == [
        "founding-year: '2018' in a marked quotation, not checked"
    ]


def test_unmarked_quotation_is_checked(variant) -> None:
    build = variant("registry", add_to_facts_page("> We were founded in 2018."), builder="kbcheck")
    line = build.line_of("facts.md", "founded in 2018")
    assert_fails(
        build,
        "facts.md",
        line,
        "[consistency] founding-year: found '2018', expected '2019' (company.founded, source: Test release)",
    )


def test_unknown_fact_reference_fails(variant) -> None:
    build = variant(
        "registry", add_to_facts_page("It is {fact}`company.fouded`."), builder="kbcheck"
    )
    line = build.line_of("facts.md", "company.fouded")
    assert_fails(build, "facts.md", line, "[facts] unknown fact key 'company.fouded'")


def test_invalid_news_front_matter_fails_the_check(variant) -> None:
    build = variant(
        "registry", {"news/early.md": ("tags: [company]", "tags: [compnay]")}, builder="kbcheck"
    )
    line = build.line_of("news/early.md", "compnay")
    assert_fails(
        build,
        "news/early.md",
        line,
        "[front matter] tags[0]: unknown tag 'compnay' (known: regulatory, company)",
    )


def test_reading_path_listing_a_page_twice_fails(variant) -> None:
    build = variant(
        "registry", {"path.md": ("glossary\n```", "glossary\nfacts\n```")}, builder="kbcheck"
    )
    failures = [f for f in build.failures() if "[front matter]" in f]
    assert failures == [
        f"{build.srcdir / 'path.md'}:7: [front matter] reading path lists facts more than once"
    ]


def test_asset_without_its_page_fails_at_the_registry_line(variant) -> None:
    build = variant(
        "registry",
        {"_data/pipeline.yaml": ("page: pipeline/tx02", "page: pipeline/tx03")},
        builder="kbcheck",
    )
    line = build.line_of("_data/pipeline.yaml", "pipeline/tx03")
    assert_fails(
        build, "_data/pipeline.yaml", line, "[registry] asset TX02: no page 'pipeline/tx03'"
    )
    assert_fails(
        build,
        "pipeline/tx02.md",
        1,
        "[registry] page under pipeline/ has no asset entry in the registry",
    )


def test_glossary_term_defined_twice_fails(variant) -> None:
    build = variant(
        "registry", {"glossary.md": ("epitope\n", "epitope\n  Again.\n\nIND\n")}, builder="kbcheck"
    )
    second = [
        n
        for n, line in enumerate((build.srcdir / "glossary.md").read_text().splitlines(), 1)
        if line == "IND"
    ][1]
    assert_fails(
        build, "glossary.md", second, "[glossary] term 'IND' is defined again (first at line 10)"
    )


def test_glossary_term_never_linked_outside_the_glossary_fails(variant) -> None:
    build = variant("registry", {"facts.md": ("{term}`epitope`", "epitope")}, builder="kbcheck")
    line = build.line_of("glossary.md", "epitope")
    assert_fails(
        build,
        "glossary.md",
        line,
        "[glossary] term 'epitope' is never linked from a page outside the glossary",
    )


def test_first_mention_of_a_term_without_a_link_fails(variant) -> None:
    build = variant(
        "registry",
        {"facts.md": ("The acceptance number", "Each IND has a number. The acceptance number")},
        builder="kbcheck",
    )
    line = build.line_of("facts.md", "Each IND")
    assert_fails(
        build,
        "facts.md",
        line,
        "[glossary] first mention of glossary term 'IND' ('IND') is not a {term} link",
    )


def test_image_without_alt_text_fails(variant) -> None:
    build = variant("registry", add_to_facts_page("![](dot.svg)"), builder="kbcheck")
    assert_fails(
        build,
        "facts.md",
        build.line_of("facts.md", "dot.svg"),
        "[images] image 'dot.svg' has no alt text",
    )


@pytest.mark.parametrize(
    ("link", "message"),
    [
        (
            "[site](http://example.com/x)",
            "[external] external link http://example.com/x is not https",
        ),
        (
            "[site](https://example.com/x?utm_source=mail&id=3)",
            "[external] external link https://example.com/x?utm_source=mail&id=3 carries tracking parameters (utm_source)",
        ),
        (
            "[site](https://localhost/x)",
            "[external] external link https://localhost/x is not a well-formed address",
        ),
    ],
)
def test_bad_external_link_fails(variant, link: str, message: str) -> None:
    build = variant("registry", add_to_facts_page(link), builder="kbcheck")
    assert_fails(build, "facts.md", build.line_of("facts.md", "[site]"), message)


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("<script>alert(1)</script>", "[raw html] raw HTML holds a <script>"),
        (
            '<span onclick="go()">hi</span>',
            "[raw html] raw HTML holds an inline event handler (on...=)",
        ),
        (
            '<iframe src="https://example.com/embed"></iframe>',
            "[raw html] raw HTML holds an external <iframe> (https://example.com/embed)",
        ),
    ],
)
def test_unsafe_raw_html_fails(variant, html: str, message: str) -> None:
    build = variant("registry", add_to_facts_page(html), builder="kbcheck")
    assert_fails(build, "facts.md", build.line_of("facts.md", html[:8]), message)


def test_a_fault_changes_no_source_file(variant) -> None:
    build = variant(
        "registry", add_to_facts_page("Test Co was founded in 2018."), builder="kbcheck"
    )
    assert build.statuscode == 1
    sources = {
        p: p.read_bytes()
        for p in build.srcdir.rglob("*")
        if p.is_file() and "_build" not in p.parts
    }
    assert (build.srcdir / "facts.md").read_text().count("2018") == 1
    assert sources == {
        p: p.read_bytes()
        for p in build.srcdir.rglob("*")
        if p.is_file() and "_build" not in p.parts
    }


def test_the_real_site_passes_the_check(real_site: SiteBuild) -> None:
    """As `make check` runs it: on the HTML and the doctrees the site's build left."""
    build = run_sphinx(DOCS_DIR, real_site.outdir.parent, "kbcheck", {"nitpicky": True})
    assert build.failures() == []
    assert build.statuscode == 0
    link_cases = [c for c in build.report()["cases"] if c["kind"] == "links"]
    pages = {p for p in DOCS_DIR.rglob("*.md") if "_build" not in p.parts}
    assert len(link_cases) == len(pages)  # every page's links were checked


def test_the_real_sites_public_edition_passes_the_check(tmp_path: Path) -> None:
    build = build_copy(DOCS_DIR, tmp_path, "kbcheck", {"kb_edition": "public"})
    assert build.failures() == []
    assert build.statuscode == 0
    assert any(case["kind"] == "leaks" for case in build.report()["cases"])


def test_a_failure_is_also_a_located_warning_like_linkchecks(variant) -> None:
    fault = '<a href="missing.html">x</a>'
    build = variant("registry", add_to_facts_page(fault), builder="kbcheck")
    line = build.line_of("facts.md", fault)
    assert build.statuscode == 1
    assert (
        f"facts.md:{line}: WARNING: [links] link 'missing.html' leads to a missing file "
        "missing.html [kb.check]" in build.warnings
    )


def test_suppress_warnings_reaches_the_checks_warnings_but_not_its_report(variant) -> None:
    fault = '<a href="missing.html">x</a>'
    build = variant(
        "registry",
        add_to_facts_page(fault),
        builder="kbcheck",
        confoverrides={"suppress_warnings": ["kb.check"]},
    )
    assert "[links]" not in build.warnings
    assert any("missing.html" in failure for failure in build.failures())
