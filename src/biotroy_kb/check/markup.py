"""Markdown that reached the reader as text, proved on every built page: emphasis markers or a
backtick a reader sees where bold text or code was meant. A translation is where it happens:
CommonMark closes `**` only next to a letter or digit on its inside, so `**重点。**然后`
shows its asterisks where `**重点**。然后` is bold. Code is left out: there, they are meant."""

from __future__ import annotations

from collections.abc import Iterator

from ..registry.problems import display_path
from .cases import Check
from .reader_text import built_pages, parse, reader_texts
from .report import Case

#: What each marker shown as text means, and what renders instead.
MARKERS = {
    "**": "emphasis shown as text ('**'): a closing ** must follow a letter or digit, with "
    "punctuation outside it (**重点**。, not **重点。**)",
    "`": "a backtick shown as text: code is written between two backticks",
}


class MarkupCheck(Check):
    def site(self) -> Iterator[Case]:
        html_dir = self.context.html_dir
        if not html_dir.is_dir():
            return
        for path in built_pages(html_dir):
            page = path.relative_to(html_dir).with_suffix("").as_posix()
            filename = display_path(path)
            failed = False
            for text in reader_texts(page, parse(path)):
                for marker, problem in MARKERS.items():
                    if marker in text.text:
                        failed = True
                        yield Case(
                            "markup", filename, text.line, "failed", f"{text.element}: {problem}"
                        )
            if not failed:
                yield Case(
                    "markup", filename, 1, "passed", f"page {page} shows no Markdown as text"
                )
