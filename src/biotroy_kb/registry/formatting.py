"""Dates and small numbers as readers see them. Dates are written by CLDR's formats for the
reader's locale (Babel, as Sphinx writes its own dates), so that no language's words for a
year, a month or a day live in our code. No Sphinx imports: the registry uses it too."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from babel.dates import format_date as cldr_date
from babel.dates import format_skeleton, get_date_format, get_month_names

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


#: CLDR date fields and the strftime directives Sphinx's date formatting maps back to them.
_STRFTIME = {"y": "%Y", "yyyy": "%Y", "M": "%-m", "MM": "%m", "MMM": "%b", "MMMM": "%B"}
_STRFTIME |= {"d": "%-d", "dd": "%d"}


def long_date_strftime(locale: str) -> str:
    """CLDR's long date format of `locale` as the strftime format Sphinx's dates take
    (`html_last_updated_fmt`): `%Y年%-m月%-d日` in Chinese, so that "last updated" and the
    dates in the page read alike."""
    pattern = get_date_format("long", locale=locale).pattern
    out = []
    for match in re.finditer(r"'([^']*)'|(([A-Za-z])\3*)|([^A-Za-z']+)", pattern):
        literal, field, _, other = match.groups()
        if field is not None:
            out.append(_STRFTIME.get(field, field))
        else:
            out.append((literal if literal is not None else other).replace("%", "%%"))
    return "".join(out)


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
