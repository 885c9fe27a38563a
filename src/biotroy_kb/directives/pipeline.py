"""The pipeline, drawn from `pipeline.yaml`: the `pipeline-chart` and `asset-summary` directives.

The chart is a real table (asset, target, modality, indication, stage, status by region), so a
screen reader reads it as one. The stage column also draws a bar through the stages reached;
the bar is decoration (`aria-hidden`) beside the stage's name, never colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxTranslator
from sphinx.util.typing import OptionSpec
from sphinx_design.shared import create_component

from ..core.messages import _, date_node, message_nodes, rendered
from ..core.nodes import CARD_LABEL, doc_link, generated_classes
from ..core.problems import report
from ..core.visibility import visible
from ..registry.entries import Registry
from ..registry.events import EVENT_KINDS
from ..registry.files import Asset, RegulatoryEvent
from .base import RegistryDirective, page_text
from .facts import fact_node, source_link

CARD_CLASSES = ("sd-card", "sd-sphinx-override", "sd-mb-3", "sd-shadow-sm")


class kb_stage_bar(nodes.General, nodes.Element):
    """The bar of an asset's progress: one segment per stage, filled through `reached`."""


class kb_stage_scale(nodes.General, nodes.Element):
    """The stage names above the bars, for sighted readers."""


def visit_stage_bar_html(translator: SphinxTranslator, node: kb_stage_bar) -> None:
    segments = "".join(
        f'<span class="kb-stage-segment{" kb-reached" if index <= node["reached"] else ""}"></span>'
        for index in range(len(node["stages"]))
    )
    translator.body.append(  # type: ignore[attr-defined]
        f'<span class="kb-stage-bar" aria-hidden="true" '
        f'style="--kb-stage-count: {len(node["stages"])}">{segments}</span>'
    )
    raise nodes.SkipNode


def visit_stage_scale_html(translator: SphinxTranslator, node: kb_stage_scale) -> None:
    labels = "".join(f"<span>{escape(stage)}</span>" for stage in node["stages"])
    translator.body.append(  # type: ignore[attr-defined]
        f'<span class="kb-stage-scale" aria-hidden="true" '
        f'style="--kb-stage-count: {len(node["stages"])}">{labels}</span>'
    )
    raise nodes.SkipNode


def skip_node(translator: SphinxTranslator, node: nodes.Element) -> None:
    """Builders without HTML (text, LaTeX, man) show the stage's name only."""
    raise nodes.SkipNode


def region_status(asset: Asset) -> list[tuple[str, RegulatoryEvent]]:
    """The latest decisive event in each region, regions in the order they first appear."""
    latest: dict[str, RegulatoryEvent] = {}
    for event in asset.events:
        current = latest.get(event.region)
        if current is None or EVENT_KINDS[event.kind].rank >= EVENT_KINDS[current.kind].rank:
            latest[event.region] = event
    return list(latest.items())


def decision_text(env: BuildEnvironment, event: RegulatoryEvent) -> str:
    """The event in the reader's language: the FDA clears, the NMPA/CDE approves."""
    return _(EVENT_KINDS[event.kind].decision).format(agency=rendered(env, event.agency))


def region_label(env: BuildEnvironment, region: str) -> str:
    return _("{region}: ").format(region=rendered(env, region))


def event_sentence(env: BuildEnvironment, event: RegulatoryEvent) -> list[nodes.Node]:
    """The decision and its date, the date kept whole on one line."""
    stated = event.date.is_stated
    when = date_node(env.config, event.date) if stated else _("date not stated")
    return message_nodes(_("{decision} ({when})"), decision=decision_text(env, event), when=when)


def _paragraph(*children: nodes.Node | str) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    for child in children:
        paragraph += nodes.Text(child) if isinstance(child, str) else child
    return paragraph


def _row(cells: Sequence[Sequence[nodes.Node]], labels: Sequence[str | None] = ()) -> nodes.row:
    """A table row; on narrow screens, where rows become cards, a cell with a label shows it
    before its value (`html/labels.py`)."""
    row = nodes.row()
    for index, content in enumerate(cells):
        entry = nodes.entry(classes=[f"kb-col-{index}"])
        label = labels[index] if index < len(labels) else None
        if label:
            entry[CARD_LABEL] = _("{label}: ").format(label=label)
        entry.extend(content)
        row += entry
    return row


class PipelineChartDirective(RegistryDirective):
    """One row per asset, its stage drawn as a bar across the pipeline's stages."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {"caption": directives.unchanged}

    def run_with_registry(self, registry: Registry) -> list[nodes.Node]:
        headings = [
            _("Asset"),
            _("Target"),
            _("Modality"),
            _("Indication"),
            _("Stage"),
            _("Status by region"),
        ]
        table = nodes.table(classes=["kb-pipeline"])
        table += self._caption()
        tgroup = nodes.tgroup(cols=len(headings))
        table += tgroup
        tgroup.extend(nodes.colspec(colwidth=1) for _ in headings)
        head = [[_paragraph(text)] for text in headings]
        head[4].append(kb_stage_scale(stages=[rendered(self.env, s) for s in registry.stages]))
        tgroup += nodes.thead("", _row(head))
        tbody = nodes.tbody()
        assets = [a for a in registry.assets.values() if visible(self.config, a.audience)]
        labels = [None, *headings[1:5], None]  # the asset and its regions label themselves
        tbody.extend(self._asset_row(registry, asset, labels) for asset in assets)
        tgroup += tbody
        sources = {asset.source: registry.source_of(asset.source) for asset in assets}
        links = [source_link(self.env, s) for s in sources.values()]
        note = _paragraph(_("Source: "), *_joined(links))
        note["classes"].append("kb-pipeline-source")
        return [nodes.container("", table, note, classes=generated_classes("kb-pipeline-chart"))]

    def _caption(self) -> nodes.title:
        """The author's caption is the page's text, translated with the page; without one,
        the extension's word for a pipeline."""
        caption = self.options.get("caption")
        if not caption:
            return nodes.title(text=_("Pipeline"))
        title = nodes.title(caption, caption)
        self.set_source_info(title)
        return page_text(title)

    def _asset_row(
        self, registry: Registry, asset: Asset, labels: Sequence[str | None]
    ) -> nodes.row:
        stage = kb_stage_bar(stages=registry.stages, reached=registry.stage_index(asset.stage))
        env = self.env
        statuses = [
            _paragraph(nodes.strong(text=region_label(env, region)), *event_sentence(env, event))
            for region, event in region_status(asset)
            if visible(self.config, event.audience)
        ] or [_paragraph(_("No regulatory events yet"))]
        stage_name = nodes.inline(text=rendered(env, asset.stage), classes=["kb-stage-name"])
        return _row(
            [
                [_paragraph(doc_link(asset.page, asset.code))],
                [_paragraph(fact_node(env, registry.fact(f"{asset.code}.target")))],
                [_paragraph(fact_node(env, registry.fact(f"{asset.code}.modality")))],
                [_paragraph(fact_node(env, registry.fact(f"{asset.code}.indication")))],
                [stage, _paragraph(stage_name)],
                statuses,
            ],
            labels,
        )


def _joined(items: list[nodes.Node], separator: str = "; ") -> list[nodes.Node | str]:
    joined: list[nodes.Node | str] = []
    for index, item in enumerate(items):
        if index:
            joined.append(separator)
        joined.append(item)
    return joined


class AssetSummaryDirective(RegistryDirective):
    """A card of an asset's key facts and regulatory events, each with its source."""

    required_arguments = 1
    has_content = False

    def run_with_registry(self, registry: Registry) -> list[nodes.Node]:
        code = self.arguments[0]
        if code not in registry.assets:
            known = ", ".join(registry.assets) or "none"
            message = f"unknown asset {code!r} in asset-summary (registered assets: {known})"
            report(message, self.get_location(), "asset")
            return []
        asset = registry.assets[code]
        if not visible(self.config, asset.audience):
            message = f"internal asset {code!r} on a page of the public edition"
            report(message, self.get_location(), "edition")
            return []
        header = create_component(
            "card-header",
            ["sd-card-header"],
            children=[_paragraph(nodes.strong(text=_("{code} at a glance").format(code=code)))],
        )
        body = create_component(
            "card-body",
            ["sd-card-body"],
            children=[self._key_facts(registry, asset), self._events(registry, asset)],
        )
        card = create_component(
            "card",
            [*CARD_CLASSES, *generated_classes("kb-asset-summary")],
            children=[header, body],
        )
        return [card]

    def _key_facts(self, registry: Registry, asset: Asset) -> nodes.Node:
        fields = nodes.field_list(classes=["kb-key-facts"])
        for label, key in (
            (_("Modality"), "modality"),
            (_("Target"), "target"),
            (_("Indication"), "indication"),
            (_("Stage"), "stage"),
        ):
            entry = registry.fact(f"{asset.code}.{key}")
            body = _paragraph(fact_node(self.env, entry))
            if entry.note:
                body += nodes.Text(_(" — {note}").format(note=rendered(self.env, entry.note)))
            fields += nodes.field("", nodes.field_name(text=label), nodes.field_body("", body))
        return fields

    def _events(self, registry: Registry, asset: Asset) -> nodes.Node:
        env = self.env
        headings = [_("Date"), _("Region"), _("Decision"), _("Identifier")]
        table = nodes.table(classes=["kb-events"])
        table += nodes.title(text=_("Regulatory events"))
        tgroup = nodes.tgroup(cols=len(headings))
        table += tgroup
        tgroup.extend(nodes.colspec(colwidth=1) for _ in headings)
        tgroup += nodes.thead("", _row([[_paragraph(h)] for h in headings]))
        tbody = nodes.tbody()
        events = [e for e in asset.events if visible(self.config, e.audience)]
        for event in sorted(events, key=lambda e: e.date.sort_key()):
            key = f"{asset.code}.{event.id}"
            identifier = (
                _paragraph(
                    fact_node(env, registry.fact(f"{key}.identifier")),
                    _(" ({note})").format(note=rendered(env, event.identifier_kind or "")),
                )
                if event.identifier
                else _paragraph("—")
            )
            decision = _paragraph(decision_text(env, event))
            if event.news:
                decision += nodes.Text(_(" — "))
                decision += doc_link(event.news, _("news"))
            tbody += _row(
                [
                    [_paragraph(fact_node(env, registry.fact(f"{key}.date")))],
                    [_paragraph(rendered(env, event.region))],
                    [decision],
                    [identifier],
                ],
                [None, *headings[1:]],  # the date labels itself
            )
        tgroup += tbody
        return table


def setup_pipeline(app: Sphinx) -> None:
    skip = (skip_node, None)
    for node, visit in (
        (kb_stage_bar, visit_stage_bar_html),
        (kb_stage_scale, visit_stage_scale_html),
    ):
        app.add_node(node, html=(visit, None), latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_directive("pipeline-chart", PipelineChartDirective)
    app.add_directive("asset-summary", AssetSummaryDirective)
