"""News front matter is valid, and a reading path lists each page once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..core.collector import kb_data
from ..directives.news import is_news_item, validate_news_page
from .cases import Check, CheckedPage
from .report import Case


class FrontMatterCheck(Check):
    def page(self, page: CheckedPage) -> Iterator[Case]:
        yield from self.news(page.docname)
        yield from self.reading_order(page.docname)

    def news(self, docname: str) -> Iterator[Case]:
        context = self.context
        if not is_news_item(context.config, docname):
            return
        path = Path(context.env.doc2path(docname))
        item, problems = validate_news_page(docname, path, context.registry)
        for line, message in problems:
            yield context.case("front matter", docname, line, False, message)
        if item is not None:
            precision = item.date.precision if item.date.is_stated else "not stated"
            message = f"news front matter valid (date: {precision})"
            yield context.case("front matter", docname, 2, True, message)

    def reading_order(self, docname: str) -> Iterator[Case]:
        path = kb_data(self.context.env).reading_paths.get(docname)
        if path is None:
            return
        line, pages = path
        repeated = sorted({page for page in pages if pages.count(page) > 1})
        message = (
            f"reading path lists {len(pages)} pages, each once"
            if not repeated
            else f"reading path lists {', '.join(repeated)} more than once"
        )
        yield self.context.case("front matter", docname, line, not repeated, message)
