"""The knowledge base check (`make check`): a builder in the style of `linkcheck`.

The builder itself is registered through the `sphinx.builders` entry point (`pyproject.toml`):
Sphinx imports `check/load.py`, and with it the checks, only when `-b kbcheck` asks for it, so
that every other build and every live reload is spared the import.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def setup_check(app: Sphinx) -> None:
    app.add_config_value("kb_check_html_dir", "", "", types=frozenset({str}))
    app.add_config_value("kb_asset_dir", "pipeline", "env", types=frozenset({str}))
    app.add_config_value("kb_platform_dir", "platforms", "env", types=frozenset({str}))
