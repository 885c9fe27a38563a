"""The knowledge base check (`make check`): a builder in the style of `linkcheck`."""

from __future__ import annotations

from sphinx.application import Sphinx

from .builder import KnowledgeCheckBuilder


def setup_check(app: Sphinx) -> None:
    app.add_builder(KnowledgeCheckBuilder)
    app.add_config_value("kb_check_html_dir", "", "", types=frozenset({str}))
    app.add_config_value("kb_asset_dir", "pipeline", "env", types=frozenset({str}))
    app.add_config_value("kb_platform_dir", "platforms", "env", types=frozenset({str}))
