"""The reading path: one order through the site for a new colleague, written once.

One page (Start here) defines it: the `reading-path` directive with one page name per line.
Everything else follows that list: the same directive with `:steps: 4-5` lists a stretch of it
(Your first week, day by day), every page on it says "step n of N" and what comes next, and the
Next/Previous links at the foot of reader pages walk it (`html/reading_order.py`). A listing
gives each step its title, one-line summary and a reading time computed from its words, then
the total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ..core.collector import PageInfo, kb_data, note_listing, shown_front_matter
from ..core.messages import _, phrase_gap
from ..core.nodes import generated_classes
from ..core.parts import in_handbook
from ..core.problems import report

#: The token a stretch of the path is listed under: rewritten when the path changes.
PATH_LISTING = "reading-path"
_STEPS = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")


@dataclass(frozen=True)
class ReadingPath:
    """The site's reading path: the page that defines it, where, and its steps in order."""

    page: str
    line: int
    steps: list[str]

    def step_of(self, docname: str) -> int | None:
        """The step number (from 1) of a page on the path."""
        return self.steps.index(docname) + 1 if docname in self.steps else None


def reading_path(env: BuildEnvironment) -> ReadingPath | None:
    """The path of the site: defined on one page (the check fails a second definition; the
    first by name is used meanwhile), each page once, pages the build has."""
    paths = kb_data(env).reading_paths
    if not paths:
        return None
    page = min(paths)
    line, pages = paths[page]
    steps = [docname for docname in dict.fromkeys(pages) if docname in env.all_docs]
    return ReadingPath(page, line, steps)


class kb_reading_path(nodes.General, nodes.Element):
    """Where a reading path's listing goes; filled in once every page has been read."""


def steps_option(argument: str | None) -> tuple[int, int]:
    match = _STEPS.match(argument or "")
    if match is None:
        raise ValueError("expected a step number or a range of steps, such as 4 or 4-5")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if first < 1 or last < first:
        raise ValueError("expected steps counted from 1, the first no greater than the last")
    return first, last


class ReadingPathDirective(SphinxDirective):
    """With content, one page name per line (as in a toctree), in reading order: the site's
    path. Without content and with `:steps:`, a stretch of that path."""

    has_content = True
    option_spec = {"steps": steps_option}  # noqa: RUF012 - docutils reads it from the class

    def run(self) -> list[nodes.Node]:
        if "steps" in self.options:
            return self.stretch()
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
        return [kb_reading_path(pages=list(dict.fromkeys(pages)), lineno=self.lineno)]

    def stretch(self) -> list[nodes.Node]:
        if self.content:
            message = "reading-path: a stretch (:steps:) lists the path's pages, not its own"
            report(message, (self.env.docname, self.lineno), "reading-path")
        note_listing(self.env, {PATH_LISTING})
        first, last = self.options["steps"]
        return [kb_reading_path(steps=(first, last), lineno=self.lineno)]

    def problem_with(self, docname: str, earlier: list[str]) -> str | None:
        if docname not in self.env.found_docs:
            return f"reading-path: no page {docname!r}"
        if docname in earlier:
            return f"reading-path: {docname!r} is listed twice; a page has one place in the order"
        if in_handbook(self.config, docname):
            return (
                f"reading-path: {docname!r} is in the maintainers' handbook, which stays "
                "outside the reading path"
            )
        return None

    def content_line(self, offset: int) -> int:
        """The file line of content line `offset`: MyST counts `content_offset` from the
        directive's own line (the fence), not from the top of the file."""
        return self.lineno + self.content_offset + offset + 1


def render_reading_paths(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(kb_reading_path)):
        pages, first = placeholder.get("pages"), 1
        if pages is None:
            pages, first = stretch_of(app.env, docname, placeholder)
        whole = placeholder.get("pages") is not None
        placeholder.replace_self(listing(app, docname, pages, first, whole))


def stretch_of(
    env: BuildEnvironment, docname: str, placeholder: kb_reading_path
) -> tuple[list[str], int]:
    """The pages of a `:steps:` stretch, and the number of its first step."""
    first, last = placeholder["steps"]
    path = reading_path(env)
    location = (docname, placeholder.get("lineno"))
    if path is None:
        message = "reading-path: :steps: given, but no page defines the path"
        report(message, location, "reading-path")
        return [], first
    if last > len(path.steps):
        count = len(path.steps)
        message = f"reading-path: steps {first}-{last} asked for; the path has {count} steps"
        report(message, location, "reading-path")
    return path.steps[first - 1 : last], first


def listing(
    app: Sphinx, fromdoc: str, pages: list[str], first: int, whole: bool
) -> list[nodes.Node]:
    """The steps, numbered from `first`, each with its reading time; then the total. The whole
    path (on the page that defines it) is marked so, for the reader's progress."""
    infos = kb_data(app.env).pages
    names = ["kb-reading-path", *(["kb-path-whole"] if whole else [])]
    steps = nodes.enumerated_list(classes=generated_classes(*names))
    if first != 1:
        steps["start"] = first
    total = 0
    for page in pages:
        info = infos.get(page, PageInfo(words=0, characters=0))
        total += info.minutes
        steps += _step(app, fromdoc, page, info)
    summary = nodes.paragraph(classes=["kb-reading-total"])
    summary += nodes.strong(text=_("Total: about {minutes} minutes").format(minutes=total))
    summary += nodes.Text(_(" for {count} pages.").format(count=len(pages)))
    return [steps, summary]


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


def shows_steps(app: Sphinx) -> bool:
    """Pages say where they are on the path on a site read page by page, not in a book."""
    return app.builder.format == "html" and not getattr(app.builder, "embedded", False)


def add_step_notes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Under the title of each page on the path: "Reading path: step 3 of 17 · Next: Pipeline"."""
    path = reading_path(app.env)
    if path is None or not shows_steps(app):
        return
    number = path.step_of(docname)
    section = next(iter(doctree.findall(nodes.section)), None)
    if number is None or section is None:
        return
    note = nodes.paragraph()
    uri = app.builder.get_relative_uri(docname, path.page)
    note += nodes.reference("", _("Reading path"), internal=True, refuri=uri)
    count = len(path.steps)
    note += nodes.Text(_(": step {number} of {count}").format(number=number, count=count))
    if number < count:
        following = path.steps[number]
        note += nodes.Text(" · " + _("Next:") + " ")
        link = app.builder.get_relative_uri(docname, following)
        title = app.env.titles[following].astext()
        note += nodes.reference("", title, internal=True, refuri=link, classes=["kb-path-next"])
    else:
        note += nodes.Text(" · " + _("the end of the path"))
    box = nodes.container(classes=generated_classes("kb-path-step"))
    box += note
    title_index = section.first_child_matching_class(nodes.title)
    section.insert((title_index or 0) + 1, box)


def remember_path(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """The path before this build reads anything: pages that leave it must be written again."""
    path = reading_path(env)
    env.kb_path_before = (path.page, list(path.steps)) if path else (None, [])


def path_pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose step note shows what changed: every page on the path (before or after) when
    the path itself changed, else the neighbours of a page that was read again (its title is in
    their notes and Next/Previous links)."""
    read = getattr(env, "kb_docs_read", set())
    before_page, before = getattr(env, "kb_path_before", (None, []))
    path = reading_path(env)
    page, steps = (path.page, path.steps) if path else (None, [])
    if (before_page, before) != (page, steps):
        pages = {*before, *steps, *([page] if page else [])}
        return sorted(pages & set(env.all_docs) - read)
    neighbours: set[str] = set()
    for number, docname in enumerate(steps):
        if docname in read:
            neighbours.update(steps[max(0, number - 1) : number + 2])
    return sorted(neighbours - read)


def setup_onboarding(app: Sphinx) -> None:
    app.add_node(kb_reading_path)
    app.add_directive("reading-path", ReadingPathDirective)
    app.connect("doctree-resolved", render_reading_paths)
    app.connect("doctree-resolved", add_step_notes)
    app.connect("env-before-read-docs", remember_path)
    app.connect("env-get-updated", path_pages_to_rewrite)
