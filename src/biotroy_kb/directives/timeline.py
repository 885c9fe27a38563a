"""The company timeline: the `milestones` directive, drawn from `milestones.yaml` and the
regulatory events in `pipeline.yaml`, in date order at each date's own precision."""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..core.data import registry_of
from ..core.messages import _, phrase_gap, rendered, shown_date
from ..core.nodes import doc_link, generated_classes
from ..core.visibility import visible
from ..registry.entries import Registry, TimelineEntry
from .base import RegistryDirective
from .facts import fact_text, source_link
from .pipeline import decision_text

PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.-]+)\}")


def milestone_title(env: BuildEnvironment, entry: TimelineEntry) -> str:
    """The title in the reader's language: an event worded like the chart, a company milestone
    from its rendered template with each fact in the reader's language."""
    if entry.event is not None:
        region = rendered(env, entry.event.region)
        decision = decision_text(env, entry.event)
        return _("{asset}: {decision} ({region})").format(
            asset=entry.asset, decision=decision, region=region
        )
    registry = registry_of(env)
    if entry.template is None or registry is None:
        return rendered(env, entry.title)
    return PLACEHOLDER.sub(
        lambda match: fact_text(env, registry.fact(match.group(1))), rendered(env, entry.template)
    )


def milestone_item(env: BuildEnvironment, entry: TimelineEntry) -> nodes.list_item:
    stated = entry.date.is_stated
    item = nodes.list_item(classes=["kb-milestone"] + ([] if stated else ["kb-undated"]))
    heading = nodes.paragraph(classes=["kb-milestone-heading"])
    date = shown_date(env.config, entry.date) if stated else _("Date not stated")
    heading += nodes.inline(text=date, classes=["kb-milestone-date"])
    heading += nodes.Text(phrase_gap(env.config)) if phrase_gap(env.config) else []
    title = milestone_title(env, entry)
    heading += doc_link(entry.link, title) if entry.link else nodes.Text(title)
    item += heading
    detail = nodes.paragraph(classes=["kb-milestone-source"])
    if entry.note:
        detail += nodes.Text(rendered(env, entry.note) + phrase_gap(env.config))
    detail += nodes.Text(_("Source: "))
    detail += source_link(env, entry.source)
    item += detail
    return item


class MilestonesDirective(RegistryDirective):
    """Every milestone, oldest first; undated ones last, labelled as such."""

    has_content = False

    def run_with_registry(self, registry: Registry) -> list[nodes.Node]:
        timeline = nodes.bullet_list(classes=generated_classes("kb-timeline"))
        timeline.extend(
            milestone_item(self.env, entry)
            for entry in registry.milestones
            if visible(self.config, entry.audience)
        )
        return [timeline]


def setup_timeline(app: Sphinx) -> None:
    app.add_directive("milestones", MilestonesDirective)
