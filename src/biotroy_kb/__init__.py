"""BioTroy Knowledge Base: the Sphinx extension behind the company's docs site.

`setup()` only wires the parts together; each module holds one responsibility.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .accessibility import setup_accessibility
from .check import setup_check
from .collector import setup_collector
from .data import setup_data
from .edition import setup_edition
from .facts import setup_facts
from .glossary import setup_glossary
from .navigation import setup_navigation
from .news import setup_news
from .onboarding import setup_onboarding
from .pipeline import setup_pipeline
from .search import setup_search
from .timeline import setup_timeline

__version__ = "0.2.0"

STATIC_DIR = Path(__file__).parent / "static"


def add_static_files(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC_DIR))
        app.add_css_file("kb.css")
        app.add_js_file("kb.js", defer="defer")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension. Per-page data lives in the environment and is merged after a
    parallel read, so parallel reading and writing are both safe."""
    app.setup_extension("sphinx_design")
    setup_data(app)
    setup_edition(app)
    setup_collector(app)
    setup_facts(app)
    setup_pipeline(app)
    setup_timeline(app)
    setup_news(app)
    setup_onboarding(app)
    setup_glossary(app)
    setup_check(app)
    setup_search(app)
    setup_accessibility(app)
    setup_navigation(app)
    app.connect("builder-inited", add_static_files)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 4,
    }
