"""Every page's front matter is valid (news items' tags and assets known too), and the site's
one reading path lists each page once."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.collector import kb_data
from ..directives.news import is_news_item, reference_problems
from .cases import Check, CheckedPage
from .report import Case


class FrontMatterCheck(Check):
    def page(self, page: CheckedPage) -> Iterator[Case]:
        yield from self.front_matter(page.docname)
        yield from self.reading_order(page.docname)

    def front_matter(self, docname: str) -> Iterator[Case]:
        context = self.context
        front = kb_data(context.env).front_matter.get(docname)
        if front is None:
            return
        problems = [*front.problems, *reference_problems(front, context.registry)]
        for problem in sorted(problems, key=lambda problem: problem.line or 0):
            yield context.case("front matter", docname, problem.line or 1, False, problem.message)
        if problems or front.document is None:
            return
        news = front.model if is_news_item(context.config, docname) else None
        if news is not None:
            precision = news.date.precision if news.date.is_stated else "not stated"
            message = f"news front matter valid (date: {precision})"
        else:
            message = "front matter valid"
        yield context.case("front matter", docname, 2, True, message)

    def reading_order(self, docname: str) -> Iterator[Case]:
        paths = kb_data(self.context.env).reading_paths
        path = paths.get(docname)
        if path is None:
            return
        line, pages = path
        first = min(paths)
        if docname != first:
            where = f"{self.context.filename(first)}:{paths[first][0]}"
            message = f"a second reading path; the site has one, defined at {where}"
            yield self.context.case("front matter", docname, line, False, message)
            return
        repeated = sorted({page for page in pages if pages.count(page) > 1})
        message = (
            f"reading path lists {len(pages)} pages, each once"
            if not repeated
            else f"reading path lists {', '.join(repeated)} more than once"
        )
        yield self.context.case("front matter", docname, line, not repeated, message)
