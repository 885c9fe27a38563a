"""Markdown that reached the reader as text, proved on every built page: emphasis markers or a
backtick a reader sees where bold text or code was meant. A translation is where it happens:
CommonMark closes `**` only next to a letter or digit on its inside, so `**重点。**然后`
shows its asterisks where `**重点**。然后` is bold. Code is left out: there, they are meant."""

from __future__ import annotations

from collections.abc import Iterator

from .cases import Check
from .reader_text import BuiltPage, page_cases
from .report import Case

#: What each marker shown as text means, and what renders instead.
MARKERS = {
    "**": "emphasis shown as text ('**'): a closing ** must follow a letter or digit, with "
    "punctuation outside it (**重点**。, not **重点。**)",
    "`": "a backtick shown as text: code is written between two backticks",
}


class MarkupCheck(Check):
    def built_page(self, built: BuiltPage) -> Iterator[Case]:
        failures = (
            (text.line, f"{text.element}: {problem}")
            for text in built.texts
            for marker, problem in MARKERS.items()
            if marker in text.text
        )
        passed = f"page {built.page} shows no Markdown as text"
        yield from page_cases("markup", built, failures, passed)
