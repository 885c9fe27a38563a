"""The company timeline: the `milestones` directive, drawn from `milestones.yaml` and the
regulatory events in `pipeline.yaml`, in date order at each date's own precision."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..core.data import use_registry
from ..core.nodes import doc_link, generated_classes
from ..editions.visibility import visible
from ..registry.models import TimelineEntry
from .facts import source_link


def milestone_item(entry: TimelineEntry) -> nodes.list_item:
    stated = entry.date.is_stated
    item = nodes.list_item(classes=["kb-milestone"] + ([] if stated else ["kb-undated"]))
    heading = nodes.paragraph(classes=["kb-milestone-heading"])
    heading += nodes.inline(
        text=entry.date.display() if stated else "Date not stated", classes=["kb-milestone-date"]
    )
    heading += nodes.Text(" ")
    heading += doc_link(entry.link, entry.title) if entry.link else nodes.Text(entry.title)
    item += heading
    detail = nodes.paragraph(classes=["kb-milestone-source"])
    if entry.note:
        detail += nodes.Text(f"{entry.note} ")
    detail += nodes.Text("Source: ")
    detail += source_link(entry.source)
    item += detail
    return item


class MilestonesDirective(SphinxDirective):
    """Every milestone, oldest first; undated ones last, labelled as such."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        registry = use_registry(self)
        if registry is None:
            return []
        timeline = nodes.bullet_list(classes=generated_classes("kb-timeline"))
        timeline.extend(
            milestone_item(entry)
            for entry in registry.milestones
            if visible(self.config, entry.audience)
        )
        return [timeline]


def setup_timeline(app: Sphinx) -> None:
    app.add_directive("milestones", MilestonesDirective)
