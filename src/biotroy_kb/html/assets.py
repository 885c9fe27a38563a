"""The extension's own CSS and JavaScript, added to every HTML page."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"


def add_static_files(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC_DIR))
        app.add_css_file("kb.css")
        app.add_js_file("kb.js", defer="defer")


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", add_static_files)
