"""Dates and small numbers as readers see them. Dates are written by CLDR's formats for the
reader's locale (Babel, as Sphinx writes its own dates), so that no language's words for a
year, a month or a day live in our code. No Sphinx imports: the registry uses it too."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from babel.dates import format_date as cldr_date
from babel.dates import format_skeleton, get_month_names

if TYPE_CHECKING:
    from .dates import PartialDate

#: The site's English is British: "15 September 2023", never "September 15, 2023".
ENGLISH_LOCALE = "en_GB"
NOT_STATED_TEXT = "Not stated"
NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()


def format_date(date: PartialDate, locale: str = ENGLISH_LOCALE) -> str:
    """`2023`, `September 2023`, `15 September 2023` in British English (`2023年`, `2023年9月`,
    `2023年9月15日` in Chinese), never padded with a month or day the registry does not give.
    An unstated date is "Not stated" in English; the reader's language says it through the
    extension's message catalog."""
    if date.year is None:
        return NOT_STATED_TEXT
    day = dt.date(date.year, date.month or 1, date.day or 1)
    if date.day is not None:
        return cldr_date(day, "long", locale=locale)
    return format_skeleton("yMMMM" if date.month is not None else "y", day, locale=locale)


def number_word(count: int) -> str:
    """Small counts in words, as English prose states them ("seven platforms"); a translated
    edition renders the word like any other registry value."""
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else str(count)


def month_number(name: str) -> int | None:
    """1–12 for an English month name in any case, else None."""
    months = {month.lower(): number for number, month in get_month_names(locale="en").items()}
    return months.get(name.lower())


def word_number(word: str) -> int | None:
    """The value of a small number word ("seven" → 7), else None."""
    return NUMBER_WORDS.index(word.lower()) if word.lower() in NUMBER_WORDS else None
