"""The check reads what the reader sees: every built page of an edition in the edition's
language, its text and the attributes a reader sees or hears, and the Chinese edition's
spacing rule held on the output, and no Markdown shown as text; each failure names the page,
the element and the text.

One copy of the i18n root carries each kind of mistake (one build for all of them), and one
English build carries Chinese."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import html as lxml_html

from biotroy_kb.check import reader_text
from biotroy_kb.check.reader_text import built_pages, parse, reader_texts

from sitebuild import build_copy, copy_root, edit

PO = "locale/zh_CN/LC_MESSAGES/{}.po"


def checked(workdir: Path, change, language: str) -> tuple[Path, list[str]]:
    srcdir = copy_root(workdir, "i18n")
    change(srcdir)
    build = build_copy(srcdir, workdir / "out", "kbcheck", {"language": language})
    assert build.error is None, build.error
    return workdir / "out" / "html", build.failures()


def line_of(html: Path, text: str) -> int:
    lines = html.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def translator_mistakes(srcdir: Path) -> None:
    """A heading and a glossary definition left untranslated, a space before Latin, bold
    closed after a full stop (its asterisks shown)."""
    edit(srcdir / PO.format("index"), 'msgstr "欢迎"', 'msgstr ""')
    definition = 'msgstr "在美国开展临床研究的申请。在中国与之对应的是药物临床试验申请。"'
    edit(srcdir / PO.format("glossary"), definition, 'msgstr ""')
    edit(srcdir / PO.format("path"), 'msgstr "从这里开始"', 'msgstr "从这里开始 BT02"')
    edit(srcdir / PO.format("index"), "于2023年获许可；见", "于**2023年获许可。**见")


@pytest.fixture(scope="module")
def chinese(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    return checked(tmp_path_factory.mktemp("zh"), translator_mistakes, "zh_CN")


def test_an_untranslated_heading_fails_naming_page_element_and_text(chinese) -> None:
    html, failures = chinese
    page = html / "index.html"
    line = line_of(page, "<h1>Welcome")
    expected = (
        f"{page}:{line}: [language] section#welcome > h1: English 'Welcome' in the 中文 edition"
    )
    assert expected in failures


def test_english_in_an_attribute_a_reader_hears_fails_too(chinese) -> None:
    """A glossary tooltip (the link's title) left in English."""
    html, failures = chinese
    page = html / "index.html"
    assert any(
        failure.startswith(f"{page}:")
        and "a.kb-term[title]: English 'An application to start clinical studies in the United "
        "States' in the 中文 edition"
        in failure
        for failure in failures
    ), failures


def test_a_space_between_chinese_and_latin_fails_on_the_built_page(chinese) -> None:
    html, failures = chinese
    page = html / "path.html"
    line = line_of(page, "<h1>从这里开始 BT02")
    assert (
        f"{page}:{line}: [spacing] section#start-here > h1: spacing '始 B': the rule is no "
        "space between Chinese characters and Latin letters or digits"
    ) in failures


def test_markdown_shown_as_text_fails_on_the_built_page(chinese) -> None:
    """`**…。**见`: CommonMark does not close bold after punctuation followed by a letter."""
    html, failures = chinese
    page = html / "index.html"
    line = line_of(page, "**2023年获许可。**见")
    assert (
        f"{page}:{line}: [markup] section#welcome > p: emphasis shown as text ('**'): a closing ** must follow a "
        "letter or digit, with punctuation outside it (**重点**。, not **重点。**)"
    ) in failures


def test_chinese_in_the_english_edition_fails(tmp_path: Path) -> None:
    html, failures = checked(
        tmp_path, lambda src: edit(src / "index.md", "# Welcome", "# Welcome 欢迎"), "en"
    )
    page = html / "index.html"
    line = line_of(page, "<h1>Welcome 欢迎")
    assert (
        f"{page}:{line}: [language] section#welcome > h1: Chinese '欢迎' in the English edition"
    ) in failures
    assert all("Chinese '欢迎' in the English edition" in failure for failure in failures)


def test_text_in_the_pages_language_is_read_even_inside_code_or_foreign_text() -> None:
    """The nearest element that is code or names a language decides, on the way down."""
    page = lxml_html.fromstring(
        '<html lang="zh-CN"><body><p>正文</p>'
        '<pre>make html <span lang="zh-CN">注释</span></pre>'
        '<p lang="en">English <b>bold</b></p>'
        '<div lang="en"><p lang="zh-CN">又是中文</p></div></body></html>'
    )
    assert [text.text for text in reader_texts("index", page)] == ["正文", "注释", "又是中文"]


def test_the_check_parses_each_built_page_once_for_all_its_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Language, spacing and markup are checked in the Chinese edition: one reading each."""
    parsed: Counter[Path] = Counter()

    def counted(path: Path):
        parsed[path] += 1
        return parse(path)

    monkeypatch.setattr(reader_text, "parse", counted)
    html, failures = checked(tmp_path, lambda src: None, "zh_CN")
    assert failures == []
    assert sorted(parsed) == built_pages(html)
    assert set(parsed.values()) == {1}
