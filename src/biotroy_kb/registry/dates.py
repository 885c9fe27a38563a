"""Partial dates: a year, a month or a day, shown at the precision the source gives.

A source may say "2020", "September 2023" or nothing at all. Padding such a date to a full day
would invent a fact, so a `PartialDate` keeps only what is known and says so when it is shown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import total_ordering
from typing import Any

from .formatting import ENGLISH_LOCALE, format_date

NOT_STATED = "not stated"
_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


class PartialDateError(ValueError):
    """A text that is neither `YYYY`, `YYYY-MM`, `YYYY-MM-DD` nor `not stated`."""


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day; or not stated at all (`year is None`)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Read a date as YAML gives it: `2023` (an int), a `date`, or a string of any precision."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            raise PartialDateError(f"expected a date without a time of day, found {value}")
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        text = str(value).strip()
        if text.lower() == NOT_STATED:
            return cls()
        match = _PATTERN.match(text)
        if not match:
            raise PartialDateError(
                f"expected YYYY, YYYY-MM, YYYY-MM-DD or 'not stated', found {text!r}"
            )
        year, month, day = (int(g) if g else None for g in match.group("year", "month", "day"))
        return cls._checked(year, month, day, text)

    @classmethod
    def _checked(cls, year: int, month: int | None, day: int | None, text: str) -> PartialDate:
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError as error:
            raise PartialDateError(f"{text!r} is not a real date ({error})") from None
        return cls(year, month, day)

    @property
    def is_stated(self) -> bool:
        return self.year is not None

    @property
    def precision(self) -> str:
        """`day`, `month`, `year` or `none`."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year" if self.year is not None else "none"

    def iso(self) -> str:
        """The date as written in the registry: `2023`, `2023-09`, `2023-09-15` or `not stated`."""
        if self.year is None:
            return NOT_STATED
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)

    def display(self, locale: str = ENGLISH_LOCALE) -> str:
        """For readers: `2023`, `September 2023`, `15 September 2023` or `Not stated`, in the
        CLDR locale's own format (`registry.formatting`)."""
        return format_date(self, locale)

    def sort_key(self) -> tuple[int, int, int, int]:
        """Chronological; a year sorts before the months in it, and unstated dates sort last."""
        if self.year is None:
            return (1, 0, 0, 0)
        return (0, self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        return self.iso()
