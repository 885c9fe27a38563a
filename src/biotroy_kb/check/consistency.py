"""Consistency rules: a page's text that states a registered kind of fact must agree with it.

Each rule's pattern finds the value a page states (its first group); `compare` says how it is
compared with the registered fact: as text, as a number, or as a date at the stated precision.

A rule names one fact (say BT02's FDA clearance date), but it stands for every registered value
of that kind (every asset's FDA clearance date), so that a second asset added by data alone is
checked against its own values. A statement is compared with the values of the assets it is
about: those named in its sentence, else the asset whose page it is on, else any asset.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..registry.entries import FactEntry, Registry
from ..registry.files import Rule
from ..registry.formatting import month_number, word_number

_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n\s*\n")


@dataclass(frozen=True)
class Statement:
    """A value a page states, where it starts in the text, whether it agrees, and the
    registered values it was compared with (the one it agrees with first, if any)."""

    text: str
    start: int
    agrees: bool
    facts: tuple[FactEntry, ...]

    def message(self, rule: Rule) -> str:
        if self.agrees:
            return f"{rule.id}: {self.text!r} agrees with {self.facts[0].key}"
        expected = " or ".join(
            f"{fact.text!r} ({fact.key}, source: {fact.source.title})" for fact in self.facts
        )
        return f"{rule.id}: found {self.text!r}, expected {expected}"


def statements(rule: Rule, registry: Registry, text: str, docname: str) -> Iterator[Statement]:
    """Each value in `text` that `rule` finds, compared with the registered values of the same
    kind for the assets the statement is about."""
    matches = list(re.finditer(rule.pattern, text))
    if not matches:  # most blocks: the candidates are not worth gathering
        return
    candidates = same_kind(registry, registry.fact(rule.fact))
    page_assets = {code for code, asset in registry.assets.items() if asset.page == docname}
    for match in matches:
        stated = match.group(1)
        facts = _about(candidates, _sentence(text, match.start(1)), page_assets)
        agreeing = [fact for fact in facts if agrees(rule.compare, stated, fact)]
        yield Statement(stated, match.start(1), bool(agreeing), tuple(agreeing or facts))


def same_kind(registry: Registry, fact: FactEntry) -> list[FactEntry]:
    """Every registered value of the kind `fact` is (each asset's), `fact` first."""
    if fact.kind is None:
        return [fact]
    others = [f for f in registry.facts.values() if f.kind == fact.kind and f.key != fact.key]
    return [fact, *others]


def _about(candidates: list[FactEntry], sentence: str, page_assets: set[str]) -> list[FactEntry]:
    """The candidates for the assets named in the sentence, else for the page's asset, else all
    (a statement about no asset in particular must agree with one of them)."""
    if len(candidates) == 1:
        return candidates
    for subjects in (_named(candidates, sentence), page_assets):
        chosen = [fact for fact in candidates if fact.asset in subjects]
        if chosen:
            return chosen
    return candidates


def _named(candidates: list[FactEntry], sentence: str) -> set[str]:
    codes = {fact.asset for fact in candidates if fact.asset}
    return {code for code in codes if re.search(rf"\b{re.escape(code)}\b", sentence)}


def _sentence(text: str, offset: int) -> str:
    """The sentence of `text` around `offset`."""
    start = 0
    for end in _SENTENCE_END.finditer(text):
        if end.end() > offset:
            return text[start : end.end()]
        start = end.end()
    return text[start:]


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
