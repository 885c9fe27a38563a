"""The edition's one spacing rule between Chinese characters and Latin letters or digits
(`spacing` in `_data/wording/<language>.yaml`), proved on every built page: each block's text
as the reader sees it, across its links, code and emphasis."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.messages import wording_of
from .cases import Check
from .reader_text import BuiltPage, page_cases
from .report import Case


class SpacingCheck(Check):
    def built_page(self, built: BuiltPage) -> Iterator[Case]:
        wording = wording_of(self.context.env)
        if wording is None or wording.spacing is None:
            return
        failures = (
            (block.line, f"{block.element}: {problem}")
            for block in built.blocks
            for problem in wording.spacing_problems(block.text)
        )
        passed = f"page {built.page} keeps the spacing rule ({wording.spacing})"
        yield from page_cases("spacing", built, failures, passed)
