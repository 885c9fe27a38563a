"""Consistency rules: a page's text that states a registered kind of fact must agree with it.

Each rule's pattern finds the value a page states (its first group); `compare` says how it is
compared with the registered fact: as text, as a number, or as a date at the stated precision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..registry.formatting import month_number, word_number
from ..registry.models import FactEntry, Rule


@dataclass(frozen=True)
class Statement:
    """A value a page states, where it starts in the text, and whether it agrees."""

    text: str
    start: int
    agrees: bool


def statements(rule: Rule, fact: FactEntry, text: str) -> Iterator[Statement]:
    for match in re.finditer(rule.pattern, text):
        stated = match.group(1)
        yield Statement(stated, match.start(1), agrees(rule.compare, stated, fact))


def agrees(compare: str, stated: str, fact: FactEntry) -> bool:
    if compare == "number":
        return first_number(stated) == first_number(fact.text)
    if compare == "date":
        return _date_agrees(stated, fact)
    return _fold(stated) == _fold(fact.text)


def first_number(text: str) -> float | None:
    """The first number in `text`, written in digits (`1,500.5`) or as a small word (`seven`)."""
    for token in re.findall(r"\d[\d,]*(?:\.\d+)?|[A-Za-z]+", text):
        if token[0].isdigit():
            return float(token.replace(",", ""))
        if word_number(token) is not None:
            return float(word_number(token))
    return None


def _date_agrees(stated: str, fact: FactEntry) -> bool:
    date = fact.date
    if date is None or not date.is_stated:
        return False
    year = re.search(r"\d{4}", stated)
    month = re.search(r"[A-Za-z]+", stated)
    if not year or int(year.group(0)) != date.year:
        return False
    if month and month_number(month.group(0)) is not None:
        return date.month == month_number(month.group(0))
    return True


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
