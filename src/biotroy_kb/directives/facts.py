"""Facts on pages: the `fact` role, the `source-list` directive, and the links between them.

`{fact}`company.founded`` shows the registered value as a link to its source on the sources
page, with the source's title on hover. A page therefore never retypes a fact, and a reader can
always see where one comes from.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxRole

from ..core.collector import kb_data
from ..core.data import registry_of, use_registry
from ..core.lines import node_line
from ..core.messages import DATE_CLASS, _, rendered, shown_date
from ..core.nodes import PRINT_NUMBER, generated_classes
from ..core.problems import report
from ..core.visibility import visible
from ..registry.entries import FactEntry, Registry
from ..registry.files import Source
from .base import RegistryDirective

SOURCE_ANCHOR = "source-{id}"
#: How the to-do list names a fact's status.
STATUS_WORDS = {
    "confirmed": _("confirmed"),
    "not stated": _("not stated"),
    "unconfirmed": _("unconfirmed"),
}


class kb_fact_source_ref(nodes.reference):
    """A link to a source, whose address is known only once every page has been read."""


def provenance(env: BuildEnvironment, source: Source) -> str:
    """What a fact's tooltip says of its source: title, publisher and date."""
    return _("Source: {title} ({publisher}, {date})").format(
        title=rendered(env, source.title),
        publisher=rendered(env, source.publisher),
        date=source_date(env, source),
    )


def source_date(env: BuildEnvironment, source: Source) -> str:
    return shown_date(env.config, source.date) if source.date.is_stated else _("undated")


def fact_text(env: BuildEnvironment, entry: FactEntry) -> str:
    """A fact's value in the build's language: dates formatted, other values rendered."""
    if entry.date is not None:
        return shown_date(env.config, entry.date)
    return rendered(env, entry.text)


def fact_node(env: BuildEnvironment, entry: FactEntry, text: str | None = None) -> nodes.Node:
    """The inline node for a fact: its text, linked to its source."""
    classes = ["kb-fact"] if entry.is_confirmed else ["kb-fact", "kb-fact-not-stated"]
    if entry.date is not None:
        classes.append(DATE_CLASS)  # a date is read whole, never broken across lines
    title = provenance(env, entry.source)
    if entry.note:
        title += _(" — {note}").format(note=rendered(env, entry.note))
    return kb_fact_source_ref(
        "",
        "",
        nodes.Text(text if text is not None else fact_text(env, entry)),
        classes=classes,
        reftitle=title,
        kb_source=entry.source.id,
        kb_fact=entry.key,
        internal=True,
    )


def source_link(env: BuildEnvironment, source: Source) -> nodes.Node:
    """A link to a source's entry, its title as text."""
    return kb_fact_source_ref(
        "",
        "",
        nodes.Text(rendered(env, source.title)),
        classes=["kb-source"],
        reftitle=provenance(env, source),
        kb_source=source.id,
        internal=True,
    )


class FactRole(SphinxRole):
    """`{fact}`key`` or `{fact}`shown text <key>``."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        registry = use_registry(self)
        text, key = _split_title(self.text)
        if registry is None:
            message = f"fact {key!r} used, but this project has no knowledge registry"
            report(f"{message} ({self.config.kb_data_dir})", self.get_location(), "fact")
            return [nodes.inline(text=key)], []
        if key not in registry.facts:
            return [self.problem(unknown_fact_message(registry, key), "fact")], []
        entry = registry.facts[key]
        if not visible(self.config, entry.audience):
            message = f"internal fact {key!r} on a page of the public edition"
            return [self.problem(message, "edition")], []
        return [fact_node(self.env, entry, text)], []

    def problem(self, message: str, subtype: str) -> nodes.problematic:
        """Reported once the page is read, when the role's own line is known."""
        return nodes.problematic(self.rawtext, self.rawtext, kb_problem=message, kb_subtype=subtype)


def unknown_fact_message(registry: Registry, key: str) -> str:
    nearest = registry.nearest_fact_keys(key)
    hint = f"; nearest valid keys: {', '.join(nearest)}" if nearest else ""
    return f"unknown fact key {key!r}{hint}"


def _split_title(text: str) -> tuple[str | None, str]:
    text = text.strip()
    if text.endswith(">") and " <" in text:
        shown, _, key = text[:-1].rpartition(" <")
        return shown.strip(), key.strip()
    return None, text


class SourceListDirective(RegistryDirective):
    """Every registered source, each with an anchor facts link to, and the facts it supports."""

    has_content = False

    def run_with_registry(self, registry: Registry) -> list[nodes.Node]:
        kb_data(self.env).sources_page = self.env.docname
        return [
            self._source_section(registry, source)
            for source in registry.sources.values()
            if visible(self.config, source.audience)
        ]

    def _source_section(self, registry: Registry, source: Source) -> nodes.Node:
        anchor = SOURCE_ANCHOR.format(id=source.id)
        section = nodes.section(ids=[anchor], classes=generated_classes("kb-source-entry"))
        section += nodes.title(text=rendered(self.env, source.title))
        section += self._details(source)
        facts = [
            f
            for f in registry.facts.values()
            if f.source.id == source.id and visible(self.config, f.audience)
        ]
        if facts:
            section += nodes.paragraph(
                text=_("Facts on this site from this source ({count}):").format(count=len(facts))
            )
            section += _fact_list(self.env, facts)
        return section

    def _details(self, source: Source) -> nodes.Node:
        fields = nodes.field_list()
        env = self.env
        date = shown_date(self.config, source.date)
        if source.date_note:
            date += _(" — {note}").format(note=rendered(env, source.date_note))
        for name, value in (
            (_("Publisher"), rendered(env, source.publisher)),
            (_("Kind"), rendered(env, source.kind)),
            (_("Date"), date),
            (_("File"), None),
            (_("What it covers"), rendered(env, source.description)),
        ):
            body = nodes.literal(text=source.file) if value is None else nodes.Text(value)
            fields += nodes.field(
                "", nodes.field_name(text=name), nodes.field_body("", nodes.paragraph("", "", body))
            )
        return fields


class FactsToConfirmDirective(RegistryDirective):
    """The content owner's to-do list: every fact not stated or unconfirmed in its source,
    with the source and the team that owns it."""

    has_content = False

    def run_with_registry(self, registry: Registry) -> list[nodes.Node]:
        open_facts = [f for f in registry.facts.values() if not f.is_confirmed]
        if not open_facts:
            return [nodes.paragraph(text=_("Every registered fact is confirmed by its source."))]
        items = nodes.bullet_list(classes=generated_classes("kb-to-confirm"))
        for fact in open_facts:
            paragraph = nodes.paragraph()
            paragraph += nodes.literal(text=fact.key)
            note = rendered(self.env, fact.note) if fact.note else _("no note")
            status = STATUS_WORDS[fact.status]
            paragraph += nodes.Text(
                _(" ({status}): {note} Source: ").format(status=status, note=note)
            )
            paragraph += source_link(self.env, fact.source)
            owner = rendered(self.env, fact.owner) if fact.owner else _("not named")
            paragraph += nodes.Text(_(". Owner: {owner}.").format(owner=owner))
            items += nodes.list_item("", paragraph)
        return [items]


def _fact_list(env: BuildEnvironment, facts: list[FactEntry]) -> nodes.Node:
    items = nodes.bullet_list(classes=["kb-fact-list"])
    for fact in facts:
        paragraph = nodes.paragraph()
        paragraph += nodes.literal(text=fact.key)
        paragraph += nodes.Text(_(": {value}").format(value=fact_text(env, fact)))
        if fact.note:
            paragraph += nodes.Text(_(" ({note})").format(note=rendered(env, fact.note)))
        paragraph += nodes.Text(
            _(" — registered in {file}, line {line}").format(
                file=fact.origin.path.name, line=fact.origin.line
            )
        )
        items += nodes.list_item("", paragraph)
    return items


def report_fact_problems(app: Sphinx, doctree: nodes.document) -> None:
    for node in doctree.findall(nodes.problematic):
        if "kb_problem" in node:
            report(node["kb_problem"], (app.env.docname, node_line(node)), node["kb_subtype"])


def resolve_source_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Point each fact at its source's entry on the sources page; without a sources page, the
    fact keeps its hover text and loses only the link. On a site's page, each fact also carries
    its source's number for print, where hover and links are gone (see `print_sources`)."""
    sources_page = kb_data(app.env).sources_page
    numbers = print_sources(app, doctree) if prints_sources(app) else {}
    for node in list(doctree.findall(kb_fact_source_ref)):
        if node["kb_source"] in numbers:
            mark = nodes.superscript("", "", classes=[PRINT_ONLY])
            mark[PRINT_NUMBER] = str(numbers[node["kb_source"]])
            node += mark
        if sources_page is None:
            plain = nodes.inline("", "", *node.children, classes=node["classes"])
            plain["kb_fact"] = node.get("kb_fact", "")
            node.replace_self(plain)
            continue
        anchor = SOURCE_ANCHOR.format(id=node["kb_source"])
        uri = app.builder.get_relative_uri(docname, sources_page)
        link = nodes.reference("", "", *node.children, internal=True, classes=node["classes"])
        link["refuri"] = f"{uri}#{anchor}" if uri else f"#{anchor}"
        link["reftitle"] = node["reftitle"]
        link["kb_fact"] = node.get("kb_fact", "")
        node.replace_self(link)


#: Shown only in print (kb.css).
PRINT_ONLY = "kb-print-only"


def prints_sources(app: Sphinx) -> bool:
    return app.builder.format == "html" and not getattr(app.builder, "embedded", False)


def print_sources(app: Sphinx, doctree: nodes.document) -> dict[str, int]:
    """A printed page keeps its facts' sources: each source the page's facts cite, numbered in
    the order of first use, listed at the end of the page for print only. Returns the numbers."""
    numbers: dict[str, int] = {}
    for node in doctree.findall(kb_fact_source_ref):
        if "kb_fact" in node and node["kb_source"] not in numbers:
            numbers[node["kb_source"]] = len(numbers) + 1
    registry = registry_of(app.env)
    if not numbers or registry is None:
        return {}
    box = nodes.container(classes=generated_classes(PRINT_ONLY, "kb-print-sources"))
    box += nodes.rubric(text=_("Sources of the facts on this page"))
    listing = nodes.enumerated_list()
    for source_id in numbers:
        source = registry.source_of(source_id)
        text = _("{title}, {publisher}, {date}").format(
            title=rendered(app.env, source.title),
            publisher=rendered(app.env, source.publisher),
            date=source_date(app.env, source),
        )
        listing += nodes.list_item("", nodes.paragraph(text=text))
    box += listing
    doctree += box
    return numbers


def setup_facts(app: Sphinx) -> None:
    app.add_role("fact", FactRole())
    app.add_directive("source-list", SourceListDirective)
    app.add_directive("facts-to-confirm", FactsToConfirmDirective)
    app.connect("doctree-read", report_fact_problems)
    app.connect("doctree-resolved", resolve_source_links)
