"""Dates, counts and small numbers as readers see them, in each language the site is built in.
The one place such words are defined: the directives format with it and the check parses with
it. No Sphinx imports: the registry uses it too."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .dates import PartialDate

ENGLISH = "en"
CHINESE = "zh_CN"

MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()
CHINESE_NUMBER_WORDS = "零 一 两 三 四 五 六 七 八 九 十 十一 十二".split()
NOT_STATED_TEXT = {ENGLISH: "Not stated", CHINESE: "未说明"}


def is_chinese(language: str | None) -> bool:
    return (language or ENGLISH).replace("-", "_").lower().startswith("zh")


def format_date(date: PartialDate, language: str | None = ENGLISH) -> str:
    """`2023`, `September 2023`, `15 September 2023` (or `2023年`, `2023年9月`, `2023年9月15日`),
    never padded with a month or day the registry does not give."""
    chinese = is_chinese(language)
    if date.year is None:
        return NOT_STATED_TEXT[CHINESE if chinese else ENGLISH]
    if chinese:
        parts = [f"{date.year}年"] + [
            f"{value}{unit}" for value, unit in ((date.month, "月"), (date.day, "日")) if value
        ]
        return "".join(parts)
    if date.month is None:
        return str(date.year)
    month = MONTH_NAMES[date.month - 1]
    return f"{date.day} {month} {date.year}" if date.day else f"{month} {date.year}"


def number_word(count: int, language: str | None = ENGLISH) -> str:
    """Small counts in words, as prose states them ("seven platforms", 七个平台)."""
    words = CHINESE_NUMBER_WORDS if is_chinese(language) else NUMBER_WORDS
    return words[count] if 0 <= count < len(words) else str(count)


def minutes_text(minutes: int, language: str | None = ENGLISH) -> str:
    """A page's reading time."""
    return f"约{minutes}分钟" if is_chinese(language) else f"{minutes} min read"


def month_number(name: str) -> int | None:
    """1–12 for an English month name in any case, else None."""
    lowered = [month.lower() for month in MONTH_NAMES]
    return lowered.index(name.lower()) + 1 if name.lower() in lowered else None


def word_number(word: str) -> int | None:
    """The value of a small number word ("seven" → 7), else None."""
    return NUMBER_WORDS.index(word.lower()) if word.lower() in NUMBER_WORDS else None
