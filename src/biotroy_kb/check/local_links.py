"""Every local link and anchor in the built HTML resolves."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils import nodes

from ..core.lines import node_line
from .cases import Check, CheckedPage
from .report import Case


class LocalLinkCheck(Check):
    def page(self, page: CheckedPage) -> Iterator[Case]:
        context = self.context
        html = context.html_dir / f"{page.docname}.html"
        if not html.is_file():
            message = f"no built page {html} (run `make html` first)"
            yield context.case("links", page.docname, 1, False, message)
            return
        lines = link_lines(page.doctree)
        urls = list(dict.fromkeys(context.site.page(html).links))
        broken = 0
        for url in urls:
            problem = context.site.problem(html, url)
            if problem is not None:
                broken += 1
                where = "" if url in lines else " (in the page template)"
                yield context.case("links", page.docname, lines.get(url, 1), False, problem + where)
        # One case for the links that resolve: at scale every page repeats the whole sidebar,
        # and a case for each would fill the report with a million identical lines.
        if broken < len(urls):
            resolved = f"{len(urls) - broken} local links resolve"
            yield context.case("links", page.docname, 1, True, resolved)


def link_lines(doctree: nodes.document) -> dict[str, int]:
    """The source line of each link a page's own content makes, by the URL written in the HTML."""
    lines: dict[str, int] = {}
    for node in doctree.findall(nodes.reference):
        url = node.get("refuri") or (f"#{node['refid']}" if node.get("refid") else "")
        if url:
            lines.setdefault(url, node_line(node))
    for node in doctree.findall(nodes.image):
        lines.setdefault(node.get("uri", ""), node_line(node))
    for node in doctree.findall(nodes.raw):
        for url in re.findall(r"""(?:href|src)\s*=\s*["']([^"']+)""", node.astext()):
            lines.setdefault(url, node_line(node))
    return lines
