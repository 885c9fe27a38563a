"""Each thing said once: the same sentence on more than a few pages fails, naming every page
and line it is on.

A background paragraph pasted onto ten pages reads as filler, and ten copies drift apart when
one is corrected. Sentences are compared normalised (case, spacing and punctuation folded; a fact
drawn from the registry counts as one word, whatever its value), and only sentences long enough
to say something: short ones ("Source: the press release.") may repeat. The thresholds are data,
`repetition` in `docs/_data/rules.yaml`. Titles and the lists the extension draws from the
registry are left out: they repeat by design.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from ..registry.files import RepetitionRule
from .cases import Check, CheckedPage
from .report import Case
from .text import FACT_MARK, TextBlock

#: A sentence ends at . ! ? followed by a space (English), or at a full-width full stop,
#: exclamation or question mark (Chinese), closing quotes and brackets staying with it.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)）]*\s+|(?<=[。\uff01\uff1f])[”’）」]*")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
FACT_WORD = "⟨fact⟩"


@dataclass(frozen=True)
class Sentence:
    """One sentence as found: where it is and what it says."""

    docname: str
    line: int
    text: str


def sentences(block: TextBlock) -> Iterator[tuple[int, str]]:
    """Each sentence of a block and the offset where it starts."""
    start = 0
    for end in _SENTENCE_END.finditer(block.text):
        yield start, block.text[start : end.start()]
        start = end.end()
    if block.text[start:].strip():
        yield start, block.text[start:]


def normalised(text: str) -> str:
    """The words of a sentence, in lower case, one space apart; a fact is one word."""
    text = unicodedata.normalize("NFKC", text.replace(FACT_MARK, f" {FACT_WORD} "))
    words = []
    for token in text.casefold().split():
        if token == FACT_WORD:
            words.append(token)
            continue
        words.extend(_WORD.findall(token))
    return " ".join(words)


def is_long(words: str, rule: RepetitionRule) -> bool:
    """Long enough to count: `min_words` words, or `min_characters` Chinese characters, or as
    much made of both (a Chinese sentence often holds BT02 or IND)."""
    cjk = len(_CJK.findall(words))
    latin = len([w for w in words.split() if not _CJK.search(w)])
    return latin / rule.min_words + cjk / rule.min_characters >= 1


class RepetitionCheck(Check):
    """Collects every long sentence page by page; fails each said on too many pages."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        registry = self.context.registry
        self.rule = registry.repetition if registry is not None else RepetitionRule()
        self.found: dict[str, list[Sentence]] = {}
        self.pages: list[str] = []

    def page(self, page: CheckedPage) -> Iterator[Case]:
        self.pages.append(page.docname)
        for block in page.blocks:
            if block.is_title or block.is_generated:
                continue
            for offset, text in sentences(block):
                words = normalised(text)
                if words and is_long(words, self.rule):
                    where = Sentence(page.docname, block.line_at(offset), " ".join(text.split()))
                    self.found.setdefault(words, []).append(where)
        return iter(())

    def site(self) -> Iterator[Case]:
        repeated_on: set[str] = set()
        for places in self.found.values():
            pages = sorted({place.docname for place in places})
            if len(pages) <= self.rule.max_pages:
                continue
            repeated_on.update(pages)
            yield self.failure(places, len(pages))
        for docname in self.pages:
            if docname not in repeated_on:
                message = f"no sentence repeated on more than {self.rule.max_pages} pages"
                yield self.context.case("repetition", docname, 1, True, message)

    def failure(self, places: list[Sentence], count: int) -> Case:
        context = self.context
        ordered = sorted(places, key=lambda place: (context.filename(place.docname), place.line))
        first = ordered[0]
        shown = first.text.replace(FACT_MARK, "…")
        if len(shown) > 90:
            shown = shown[:87] + "…"
        where = ", ".join(f"{context.filename(p.docname)}:{p.line}" for p in ordered)
        message = (
            f"the same sentence on {count} pages (at most {self.rule.max_pages}): "
            f"{shown!r} at {where}; say it once and link to it"
        )
        return context.case("repetition", first.docname, first.line, False, message)
