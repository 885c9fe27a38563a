"""The Chinese edition kept in step: the check fails, naming the `.po` file and line, when a
catalog entry is untranslated, fuzzy, obsolete, unfaithful or forbidden."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from sphinx.util.console import strip_colors

from biotroy_kb.editions.catalogs import (
    NO_KEYWORD,
    UNCLOSED,
    syntax_problems,
    translation_problems,
    update_catalogs,
)
from biotroy_kb.editions.catalogs import main as catalogs_command
from biotroy_kb.registry.wording import load_wording

from sitebuild import DOCS_DIR, ROOTS_DIR, build_copy, copy_root, edit

PO = "locale/zh_CN/LC_MESSAGES/index.po"
#: The real site's wording rules for Chinese.
WORDING = load_wording(DOCS_DIR / "_data" / "wording" / "zh_CN.yaml")
TRANSLATED = '"{term}`新药临床试验申请 <IND>`于2023年获许可；见[术语表](glossary.md)和"'


def catalog_failures(variant, old: str, new: str) -> list[str]:
    build = variant("i18n", {PO: (old, new)}, builder="kbcheck")
    # the check names the file as a path from where it runs; here, the copy's folder
    prefix = f"{build.srcdir}/"
    return [line.removeprefix(prefix) for line in build.failures() if "[catalogs]" in line]


def test_a_faithful_translation_passes_the_check(variant) -> None:
    build = variant("i18n", builder="kbcheck")
    assert build.statuscode == 0, build.warnings
    assert build.failures() == []
    assert any(c["kind"] == "catalogs" for c in build.report()["cases"])


def test_chinese_build_translates_the_page_and_keeps_the_term_link(variant) -> None:
    build = variant("i18n")
    assert build.statuscode == 0, build.warnings
    page = (build.outdir / "index.html").read_text(encoding="utf-8")
    assert "新药临床试验申请" in page
    assert 'href="glossary.html#term-IND"' in page
    assert '<html lang="zh-CN"' in page or 'lang="zh_CN"' in page


def test_untranslated_message_names_file_line_and_page(variant) -> None:
    failures = catalog_failures(variant, 'msgstr "欢迎"', 'msgstr ""')
    assert failures == [f"{PO}:6: [catalogs] untranslated: translate page index"]


def test_fuzzy_message_says_which_page_to_retranslate(variant) -> None:
    failures = catalog_failures(variant, "#: ../../index.md:1\n", "#: ../../index.md:1\n#, fuzzy\n")
    assert failures == [
        f"{PO}:6: [catalogs] fuzzy: the English changed; re-translate this entry of page index"
    ]


def test_obsolete_message_is_reported(variant) -> None:
    failures = catalog_failures(
        variant, "#: ../../index.md:1\n", '#~ msgid "Old"\n#~ msgstr "旧"\n\n#: ../../index.md:1\n'
    )
    assert failures == [f"{PO}:6: [catalogs] obsolete entry: run `make translations`"]


@pytest.mark.parametrize(
    ("new", "message"),
    [
        (TRANSLATED.replace("<IND>", "<NMPA>"), "drops or changes the role {term}`IND`"),
        (TRANSLATED.replace("2023", "2024"), "drops or changes the number 2023"),
        (TRANSLATED.replace("glossary.md", "glossar.md"), "drops or changes the link glossary.md"),
        (TRANSLATED.replace("获许可", "获FDA批准"), "forbidden rendering 'FDA批准'"),
        (TRANSLATED.replace("获许可", "由百奥泰开发"), "forbidden rendering '百奥泰'"),
        (
            TRANSLATED.replace("获许可", "获许可的先导候选药物"),
            "'先导候选药物' for the lead asset (BT02): write 核心候选药物 (one term per "
            "concept; 先导 suggests an early lead compound)",
        ),
        (
            TRANSLATED.replace("和", "和 "),
            "spacing '和 m': the rule is no space between Chinese characters and Latin "
            "letters or digits",
        ),
    ],
)
def test_unfaithful_translation_names_file_line_and_what_changed(
    variant, new: str, message: str
) -> None:
    failures = catalog_failures(variant, TRANSLATED, new)
    assert len(failures) == 1
    assert failures[0].startswith(f"{PO}:10: [catalogs] ")
    assert message in failures[0]


def test_inline_code_must_survive_translation() -> None:
    problems = list(translation_problems("Run `make html`.", "运行 `make htm`。"))
    assert problems == ["the translation drops or changes the inline code make html"]


def test_a_role_inside_inline_code_is_code_not_a_role() -> None:
    english = "Write ``{fact}`key` `` in a page."
    assert list(translation_problems(english, "在页面中写 ``{fact}`key` ``。")) == []


def test_the_fda_is_never_said_to_approve() -> None:
    problems = list(translation_problems("The FDA cleared it.", "FDA已批准。", WORDING))
    assert problems == [
        "forbidden rendering 'FDA已批准': the FDA clears an IND (许可); it never 批准"
    ]


def test_xu_is_never_given_characters() -> None:
    problems = list(translation_problems("Dr. Xu founded it.", "徐博士创立了公司。", WORDING))
    assert problems[0].startswith("forbidden rendering '徐博士'")


def test_an_english_edit_makes_the_translation_fuzzy_and_the_check_names_the_page(
    variant,
) -> None:
    """`make translations` after an English edit: the entry keeps its old translation but is
    fuzzy, the update says which catalog changed, and the check says which page to redo."""
    edit = {"index.md": ("was cleared in 2023", "was cleared by the FDA in 2023")}
    gettext = variant("i18n", edit, builder="gettext")
    assert gettext.statuscode == 0, gettext.warnings
    locale = gettext.srcdir / "locale"
    changes = update_catalogs(gettext.outdir, locale, "zh_CN")
    assert changes == [f"{locale}/zh_CN/LC_MESSAGES/index.po: 0 new, 1 changed (fuzzy), 0 removed"]
    catalog = polib.pofile(str(locale / "zh_CN/LC_MESSAGES/index.po"))
    [changed] = catalog.fuzzy_entries()
    assert changed.msgid.startswith("The {term}`IND` was cleared by the FDA in 2023")
    assert changed.msgstr.startswith("{term}`新药临床试验申请 <IND>`于2023年获许可")
    check = build_copy(gettext.srcdir, gettext.outdir.parent.parent / "checked", "kbcheck")
    assert check.error is None, (check.error, check.warnings)
    failures = [f for f in check.failures() if "[catalogs]" in f]
    assert len(failures) == 1
    assert failures[0].endswith(
        "[catalogs] fuzzy: the English changed; re-translate this entry of page index"
    )


def check_copy(tmp_path: Path, change, kind: str | None = "catalogs") -> list[str]:
    """The check's failures (of one kind, or all) for a copy of the i18n root that
    `change(srcdir)` altered, each with the copy's folder left out of its file name."""
    srcdir = copy_root(tmp_path, "i18n")
    change(srcdir)
    build = build_copy(srcdir, tmp_path / "out", "kbcheck")
    assert build.error is None, build.error
    prefix = f"{srcdir}/"
    return [
        line.replace(prefix, "").replace(f"{tmp_path}/out/", "")
        for line in build.failures()
        if kind is None or f"[{kind}]" in line
    ]


def test_a_deleted_catalog_is_a_failure_naming_the_page(tmp_path: Path) -> None:
    def delete(srcdir: Path) -> None:
        (srcdir / "locale/zh_CN/LC_MESSAGES/glossary.po").unlink()

    failures = check_copy(tmp_path, delete, kind=None)
    assert [failure for failure in failures if "[catalogs]" in failure] == [
        "glossary.md:1: [catalogs] page glossary has no catalog "
        "(locale/zh_CN/LC_MESSAGES/glossary.po): the Chinese edition shows it in English; "
        "run `make translations` and translate it"
    ]
    # and what the reader sees proves it too: the page is in English
    heading = "[language] section#glossary > h1: English 'Glossary' in the 中文 edition"
    assert any(f.startswith("html/glossary.html:") and f.endswith(heading) for f in failures)


def test_english_edited_after_the_catalog_was_updated_names_the_line_and_the_stale_entry(
    tmp_path: Path,
) -> None:
    """The old English's translation stays in the catalog, unused: the page shows the new
    English, and the check says where, and which entry is left over."""

    def reword(srcdir: Path) -> None:
        edit(srcdir / "index.md", "was cleared in 2023", "was cleared by the FDA in 2023")

    failures = check_copy(tmp_path, reword)
    assert failures == [
        "index.md:3: [catalogs] the English 'The {term}`IND` was cleared by the FDA in 2023; "
        "see [the glossary](gl…' is not in locale/zh_CN/LC_MESSAGES/index.po: it is new or "
        "was edited after the catalog was updated; run `make translations` and translate it",
        f"{PO}:10: [catalogs] stale: page index no longer says 'The {{term}}`IND` was cleared "
        "in 2023; see [the glossary](glossary.md) …'; run `make translations` (a reworded "
        "sentence keeps its translation as a guide)",
    ]


@pytest.mark.parametrize(
    ("old", "new", "failure"),
    [
        ('msgstr "欢迎"', 'msgstr "欢迎', f"{PO}:9: [catalogs] end-of-line within string"),
        (
            "#: ../../index.md:3\n",
            '#: ../../index.md:1\nmsgid "Welcome"\nmsgstr "你好"\n\n#: ../../index.md:3\n',
            f"{PO}:11: [catalogs] duplicate message definition (first defined at line 8)",
        ),
    ],
    ids=["unterminated string", "duplicate message"],
)
def test_a_malformed_catalog_is_read_strictly_at_its_line(
    tmp_path: Path, old: str, new: str, failure: str
) -> None:
    """polib and Babel read both leniently (the heading silently loses its last character, or
    one of two translations silently wins); GNU msgfmt does not."""
    failures = check_copy(tmp_path, lambda srcdir: edit(srcdir / PO, old, new))
    assert failure in failures


def test_a_chinese_build_stops_at_a_broken_catalog_line_before_writing_a_page(variant) -> None:
    """Sphinx compiles the catalog leniently: two lines that name no file, and the page built
    with the damaged translation, even with -W."""
    build = variant("i18n", {PO: ('msgstr "欢迎"', 'msgstr "欢迎')})
    assert build.statuscode != 0
    assert strip_colors(build.warnings).strip().splitlines() == [
        f"{build.srcdir / PO}:8: ERROR: {UNCLOSED} [kb.catalog]"
    ]
    assert not (build.outdir / "index.html").exists()


def test_updating_the_catalogs_refuses_a_broken_one_and_writes_nothing(
    variant, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Babel would read `msgstr "欢迎` as "欢" and write it back so: the damage hidden."""
    gettext = variant("i18n", {PO: ('msgstr "欢迎"', 'msgstr "欢迎')}, builder="gettext")
    assert gettext.statuscode == 0, gettext.warnings  # the templates need no catalog
    catalog = gettext.srcdir / PO
    before = catalog.read_bytes()
    monkeypatch.chdir(gettext.srcdir)
    status = catalogs_command(["update", str(gettext.outdir), "locale", "zh_CN"])
    assert status == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{PO}:8: {UNCLOSED}; fix it, then run `make translations` again"
    ]
    assert catalog.read_bytes() == before


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('msgstr "欢迎', UNCLOSED),
        ('msgstr "欢迎 \\q"', UNCLOSED),
        ('msgtsr "欢迎"', NO_KEYWORD),
        ("欢迎", NO_KEYWORD),
    ],
    ids=["closing quote missing", "unknown escape", "mistyped keyword", "text outside a string"],
)
def test_a_catalog_line_that_is_not_gettext_syntax_is_named(
    tmp_path: Path, line: str, problem: str
) -> None:
    catalog = tmp_path / "index.po"
    text = (ROOTS_DIR / "test-i18n" / PO).read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "欢迎"', line), encoding="utf-8")
    assert [(p.line, p.message) for p in syntax_problems(catalog)] == [(8, problem)]


def test_a_catalog_not_saved_as_utf8_is_named_at_its_first_unreadable_byte(tmp_path: Path) -> None:
    catalog = tmp_path / "index.po"
    text = (ROOTS_DIR / "test-i18n" / PO).read_text(encoding="utf-8")
    catalog.write_bytes(
        text.replace('msgstr "欢迎"', 'msgstr "bienvenue, café"').encode("latin-1", "ignore")
    )
    assert [(p.line, p.message) for p in syntax_problems(catalog)] == [
        (8, "the catalog is not UTF-8: byte 0xe9 cannot be read (save the catalog as UTF-8)")
    ]


def test_every_catalog_of_the_site_and_the_test_roots_is_gettext_syntax() -> None:
    catalogs = [*DOCS_DIR.glob("locale/**/*.po"), *ROOTS_DIR.glob("**/*.po")]
    assert len(catalogs) > 20
    assert [str(p) for path in catalogs for p in syntax_problems(path)] == []


def test_the_public_edition_does_not_call_a_left_out_pages_catalog_an_orphan(
    tmp_path: Path,
) -> None:
    """The public edition leaves internal pages out (here the reading path's page): their
    catalogs stay, for the internal edition, and the public check reads them strictly but does
    not hold them to pages it does not have."""

    def publish_all_but_the_path(srcdir: Path) -> None:
        edit(srcdir / "index.md", "# Welcome", "---\naudience: public\n---\n\n# Welcome")
        edit(srcdir / "glossary.md", "summary:", "audience: public\nsummary:")

    srcdir = copy_root(tmp_path, "i18n")
    publish_all_but_the_path(srcdir)
    build = build_copy(srcdir, tmp_path / "out", "kbcheck", {"kb_edition": "public"})
    assert build.error is None, build.error
    assert not (tmp_path / "out" / "html" / "path.html").exists()
    assert [line for line in build.failures() if "[catalogs]" in line] == []
