"""The edition's one spacing rule between Chinese characters and Latin letters or digits
(`spacing` in `_data/wording/<language>.yaml`), proved on every built page: each block's text
as the reader sees it, across its links, code and emphasis."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.messages import wording_of
from ..registry.problems import display_path
from .cases import Check
from .reader_text import block_texts, built_pages, parse
from .report import Case


class SpacingCheck(Check):
    def site(self) -> Iterator[Case]:
        wording = wording_of(self.context.env)
        html_dir = self.context.html_dir
        if wording is None or wording.spacing is None or not html_dir.is_dir():
            return
        for path in built_pages(html_dir):
            page = path.relative_to(html_dir).with_suffix("").as_posix()
            filename = display_path(path)
            failed = False
            for block in block_texts(page, parse(path)):
                for problem in wording.spacing_problems(block.text):
                    failed = True
                    yield Case(
                        "spacing", filename, block.line, "failed", f"{block.element}: {problem}"
                    )
            if not failed:
                message = f"page {page} keeps the spacing rule ({wording.spacing})"
                yield Case("spacing", filename, 1, "passed", message)
