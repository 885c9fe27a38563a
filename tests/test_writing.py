"""How the languages are written: reading time counted in words and Chinese characters, pinyin
order and letters, and the one spacing rule between Chinese and Latin letters or digits."""

from __future__ import annotations

import pytest

from biotroy_kb.core.writing import (
    collation_key,
    han_characters,
    index_letter,
    latin_words,
    reading_minutes,
    spacing_problems,
)


def test_chinese_is_counted_in_characters_and_latin_in_words() -> None:
    text = "继BT02的IND获FDA许可之后，中国批准了药物临床试验申请。"
    assert han_characters(text) == 20
    assert latin_words(text) == 3


@pytest.mark.parametrize(
    ("words", "characters", "minutes"),
    [(0, 0, 1), (200, 0, 1), (201, 0, 2), (0, 255, 1), (0, 2550, 10), (200, 255, 2)],
)
def test_reading_time_is_200_words_or_255_characters_a_minute(
    words: int, characters: int, minutes: int
) -> None:
    assert reading_minutes(words, characters) == minutes


def test_chinese_sorts_by_pinyin_not_by_code_point() -> None:
    terms = ["药审中心", "受理号", "靶点", "BT02", "表位", "单克隆抗体"]
    ordered = sorted(terms, key=lambda term: collation_key(term, cjk=True))
    assert ordered == ["靶点", "表位", "BT02", "单克隆抗体", "受理号", "药审中心"]


@pytest.mark.parametrize(
    ("term", "letter"), [("受理号", "S"), ("BT02", "B"), ("靶点", "B"), ("2023年", "#")]
)
def test_an_entry_is_filed_under_its_first_pinyin_letter(term: str, letter: str) -> None:
    assert index_letter(term, cjk=True) == letter


def test_a_space_between_chinese_and_latin_or_digits_is_found_either_way_round() -> None:
    assert spacing_problems("获FDA许可，2023年9月") == []
    assert spacing_problems("获 FDA许可") == ["获 FDA许可"]
    assert spacing_problems("创始人是Xu 博士") == ["创始人是Xu 博士"]
    assert spacing_problems("Xu 博士，BioTroy Therapeutics") == ["Xu 博士，BioT"]
