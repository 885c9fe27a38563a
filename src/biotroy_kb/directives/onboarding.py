"""The onboarding reading path: the `reading-path` directive lists pages in order, each with its
title, one-line summary and a reading time computed from its words, then the total."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..core.collector import PageInfo, kb_data, note_listing, shown_front_matter
from ..core.messages import _, phrase_gap
from ..core.nodes import generated_classes
from ..core.problems import report


class kb_reading_path(nodes.General, nodes.Element):
    """Where a reading path goes; filled in once every page has been read."""


class ReadingPathDirective(SphinxDirective):
    """One page name per line (as in a toctree), in reading order."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        pages: list[str] = []
        for offset, line in enumerate(self.content):
            docname = line.strip().lstrip("/")
            if not docname:
                continue
            problem = self.problem_with(docname, pages)
            if problem:
                report(problem, (self.env.docname, self.content_line(offset)), "reading-path")
            if docname in self.env.found_docs:
                pages.append(docname)
        kb_data(self.env).reading_paths[self.env.docname] = (self.lineno, pages)
        note_listing(self.env, set(pages))
        return [kb_reading_path(pages=list(dict.fromkeys(pages)))]

    def problem_with(self, docname: str, earlier: list[str]) -> str | None:
        if docname not in self.env.found_docs:
            return f"reading-path: no page {docname!r}"
        if docname in earlier:
            return f"reading-path: {docname!r} is listed twice; a page has one place in the order"
        return None

    def content_line(self, offset: int) -> int:
        """The file line of content line `offset`: MyST counts `content_offset` from the
        directive's own line (the fence), not from the top of the file."""
        return self.lineno + self.content_offset + offset + 1


def render_reading_paths(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    pages = kb_data(app.env).pages
    for placeholder in list(doctree.findall(kb_reading_path)):
        listing = nodes.enumerated_list(classes=generated_classes("kb-reading-path"))
        total = 0
        for page in placeholder["pages"]:
            info = pages.get(page, PageInfo(words=0, characters=0))
            total += info.minutes
            listing += _step(app, docname, page, info)
        summary = nodes.paragraph(classes=["kb-reading-total"])
        summary += nodes.strong(text=_("Total: about {minutes} minutes").format(minutes=total))
        count = len(placeholder["pages"])
        summary += nodes.Text(_(" for {count} pages.").format(count=count))
        placeholder.replace_self([listing, summary])


def _step(app: Sphinx, fromdoc: str, page: str, info: PageInfo) -> nodes.list_item:
    item = nodes.list_item(classes=["kb-reading-step"])
    heading = nodes.paragraph()
    uri = app.builder.get_relative_uri(fromdoc, page)
    title = app.env.titles[page].astext()
    heading += nodes.reference("", "", nodes.strong(text=title), internal=True, refuri=uri)
    heading += nodes.Text(phrase_gap(app.config)) if phrase_gap(app.config) else []
    reading_time = _("{minutes} min read").format(minutes=info.minutes)
    heading += nodes.inline(text=reading_time, classes=["kb-reading-time"])
    item += heading
    summary = shown_front_matter(app.env, page, "summary")
    if summary:
        item += nodes.paragraph(text=summary, classes=["kb-reading-summary"])
    return item


def setup_onboarding(app: Sphinx) -> None:
    app.add_node(kb_reading_path)
    app.add_directive("reading-path", ReadingPathDirective)
    app.connect("doctree-resolved", render_reading_paths)
