"""The `kbcheck` builder, loaded by Sphinx through the `sphinx.builders` entry point only for a
build that asks for it (`-b kbcheck`)."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .builder import KnowledgeCheckBuilder


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_builder(KnowledgeCheckBuilder)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
