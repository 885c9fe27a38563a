"""The check reads what the reader sees: every built page of an edition in the edition's
language, its text and the attributes a reader sees or hears, and the Chinese edition's
spacing rule held on the output; each failure names the page, the element and the text."""

from __future__ import annotations

from pathlib import Path

from sitebuild import build_copy, copy_root, edit

PO = "locale/zh_CN/LC_MESSAGES/index.po"


def checked(tmp_path: Path, change, language: str = "zh_CN") -> tuple[Path, list[str]]:
    """The check's failures for a copy of the i18n root altered by `change(srcdir)`, and the
    built HTML folder."""
    srcdir = copy_root(tmp_path, "i18n")
    change(srcdir)
    build = build_copy(srcdir, tmp_path / "out", "kbcheck", {"language": language})
    assert build.error is None, build.error
    return tmp_path / "out" / "html", build.failures()


def line_of(html: Path, text: str) -> int:
    lines = html.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_an_untranslated_heading_fails_naming_page_element_and_text(tmp_path: Path) -> None:
    html, failures = checked(tmp_path, lambda src: edit(src / PO, 'msgstr "欢迎"', 'msgstr ""'))
    page = html / "index.html"
    line = line_of(page, "<h1>Welcome")
    expected = (
        f"{page}:{line}: [language] section#welcome > h1: English 'Welcome' in the 中文 edition"
    )
    assert expected in failures


def test_english_in_an_attribute_a_reader_hears_fails_too(tmp_path: Path) -> None:
    """A glossary tooltip (the link's title) left in English."""
    glossary = "locale/zh_CN/LC_MESSAGES/glossary.po"
    html, failures = checked(
        tmp_path,
        lambda src: edit(
            src / glossary,
            'msgstr "在美国开展临床研究的申请。在中国与之对应的是药物临床试验申请。"',
            'msgstr ""',
        ),
    )
    page = html / "index.html"
    assert any(
        failure.startswith(f"{page}:")
        and "a.kb-term[title]: English 'An application to start clinical studies in the United "
        "States' in the 中文 edition"
        in failure
        for failure in failures
    ), failures


def test_a_space_between_chinese_and_latin_fails_on_the_built_page(tmp_path: Path) -> None:
    html, failures = checked(
        tmp_path, lambda src: edit(src / PO, 'msgstr "欢迎"', 'msgstr "欢迎 BT02"')
    )
    page = html / "index.html"
    line = line_of(page, "<h1>欢迎 BT02")
    assert (
        f"{page}:{line}: [spacing] section#welcome > h1: spacing '迎 B': the rule is no "
        "space between Chinese characters and Latin letters or digits"
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
