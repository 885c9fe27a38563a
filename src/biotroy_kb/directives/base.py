"""The one opening every registry-drawn directive shares, as sphinx-design's `SdDirective`
shares its own: `run()` is final, finds the registry (and notes that the page must be read
again when any registry file changes), says once and in one place that a project without a
registry cannot use the directive, and hands the registry to `run_with_registry`. What it
draws is already in the reader's language (labels through `_()`, values through renderings),
so none of it is a message for the page's catalog."""

from __future__ import annotations

from typing import final

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..core.data import use_registry
from ..core.problems import report
from ..registry.entries import Registry


class RegistryDirective(SphinxDirective):
    """A directive drawn from the knowledge registry."""

    @final
    def run(self) -> list[nodes.Node]:
        registry = use_registry(self)
        if registry is None:
            message = f"{self.name} needs a knowledge registry ({self.config.kb_data_dir})"
            report(message, self.get_location(), "registry")
            return []
        drawn = self.run_with_registry(registry)
        for node in drawn:
            not_for_translators(node)
        return drawn

    def run_with_registry(self, registry: Registry) -> list[nodes.Node]:
        raise NotImplementedError


#: Marks text a directive took from the page (an author's caption): the page's to translate.
PAGE_TEXT = "kb_page_text"


def page_text(node: nodes.TextElement) -> nodes.TextElement:
    node[PAGE_TEXT] = True
    return node


def not_for_translators(node: nodes.Node) -> None:
    """Keep Sphinx's gettext builder and i18n transform away from what a directive drew: an
    English build would put its labels into the page's catalog, where they do not belong.
    Text the author wrote into the directive (`page_text`) stays a message of the page."""
    for element in node.findall(nodes.TextElement):
        # inline nodes are never messages of their own; and Sphinx unwraps (and moves to the
        # end of their parent) every inline node that carries the attribute at all
        if not isinstance(element, nodes.Inline) and not element.get(PAGE_TEXT):
            element["translatable"] = False
