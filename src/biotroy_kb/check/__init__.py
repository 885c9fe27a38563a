"""The knowledge base check (`make check`): a builder in the style of `linkcheck`."""

from __future__ import annotations

from sphinx.application import Sphinx

from .builder import KnowledgeCheckBuilder


def setup_check(app: Sphinx) -> None:
    app.add_builder(KnowledgeCheckBuilder)
