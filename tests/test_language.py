"""Each language of the site is one value with every name it goes by, found from any of them."""

from __future__ import annotations

import pytest

from biotroy_kb.core.language import (
    LANGUAGES,
    SOURCE_LANGUAGE,
    UnknownLanguage,
    language_named,
)
from biotroy_kb.registry.dates import PartialDate


@pytest.mark.parametrize("name", ["zh_CN", "zh-CN", "zh-cn", "ZH_cn", "zh"])
def test_every_name_of_chinese_finds_the_one_chinese_value(name: str) -> None:
    chinese = language_named(name)
    assert (chinese.code, chinese.tag, chinese.segment, chinese.pagefind) == (
        "zh_CN",
        "zh-CN",
        "zh-cn",
        "zh-cn",
    )
    assert (chinese.folder_suffix, chinese.endonym, chinese.cjk) == ("-zh", "中文", True)


@pytest.mark.parametrize("name", [None, "", "en"])
def test_no_language_is_the_source_language_english(name: str | None) -> None:
    assert language_named(name) is SOURCE_LANGUAGE
    assert SOURCE_LANGUAGE.code == "en" and not SOURCE_LANGUAGE.cjk


def test_a_language_the_site_is_not_written_in_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(UnknownLanguage, match="expected one of 'en', 'zh_CN'"):
        language_named("fr")


def test_exactly_one_language_is_the_source() -> None:
    assert [language.code for language in LANGUAGES if language.is_source] == ["en"]


@pytest.mark.parametrize(
    ("raw", "english", "chinese"),
    [
        (2020, "2020", "2020年"),
        ("2023-09", "September 2023", "2023年9月"),
        ("2023-09-15", "15 September 2023", "2023年9月15日"),
    ],
)
def test_dates_are_written_in_each_languages_cldr_format(
    raw: object, english: str, chinese: str
) -> None:
    date = PartialDate.parse(raw)
    assert date.display(language_named("en").cldr_locale) == english
    assert date.display(language_named("zh_CN").cldr_locale) == chinese
