"""Glossary use: each term defined once and linked from some page outside the glossary, and
the first mention of a term on every page is a link (glossary_use.py finds the mentions)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from docutils import nodes

from ..core.collector import kb_data
from .cases import Check, CheckContext, CheckedPage
from .glossary_use import GlossaryEntry, first_uses, glossary_entries
from .report import Case
from .text import term_anchor


class GlossaryCheck(Check):
    def __init__(self, context: CheckContext) -> None:
        super().__init__(context)
        env = context.env
        self.entries: list[GlossaryEntry] = []
        for docname in sorted(kb_data(env).glossary_pages()):
            source = Path(env.doc2path(docname))
            self.entries.extend(glossary_entries(env.get_doctree(docname), docname, source))
        self.glossary_pages = {entry.docname for entry in self.entries}
        self.linked_outside: set[str] = set()

    def page(self, page: CheckedPage) -> Iterator[Case]:
        if page.docname in self.glossary_pages:
            return
        for node in page.doctree.findall(nodes.reference):
            anchor = term_anchor(node)
            if anchor:
                self.linked_outside.add(anchor)
        for use in first_uses(page.blocks, self.entries):
            message = (
                f"first mention of {use.entry.name!r} is a glossary link"
                if use.linked
                else f"first mention of glossary term {use.entry.name!r} ({use.text!r}) "
                "is not a {term} link"
            )
            yield self.context.case("glossary", page.docname, use.line, use.linked, message)

    def site(self) -> Iterator[Case]:
        seen: dict[str, GlossaryEntry] = {}
        for entry in self.entries:
            for name in entry.names:
                earlier = seen.get(name.casefold())
                ok = earlier is None
                message = (
                    f"term {name!r} is defined once"
                    if ok
                    else f"term {name!r} is defined again (first at line {earlier.line})"
                )
                yield self.context.case("glossary", entry.docname, entry.line, ok, message)
                seen.setdefault(name.casefold(), entry)
            used = bool(entry.anchors & self.linked_outside)
            message = (
                f"term {entry.name!r} is linked from other pages"
                if used
                else f"term {entry.name!r} is never linked from a page outside the glossary"
            )
            yield self.context.case("glossary", entry.docname, entry.line, used, message)
