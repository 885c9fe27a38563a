"""The extension's wiring: `setup()` connects each part; each module holds one responsibility."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import __version__
from .core.changes import setup_changes
from .core.collector import setup_collector
from .core.config import setup_config
from .core.data import setup_data
from .core.garbage_collection import setup_garbage_collection
from .core.messages import setup_messages
from .core.page_encoding import setup_page_encoding
from .directives.facts import setup_facts
from .directives.glossary import setup_glossary
from .directives.news import setup_news
from .directives.onboarding import setup_onboarding
from .directives.pipeline import setup_pipeline
from .directives.timeline import setup_timeline
from .editions.catalog_syntax import setup_catalog_syntax
from .editions.edition import setup_edition
from .editions.languages import setup_languages
from .html.accessibility import setup_accessibility
from .html.assets import setup_assets
from .html.descriptions import setup_descriptions
from .html.epub import setup_epub
from .html.last_updated import setup_last_updated
from .html.navigation_changes import setup_navigation_changes
from .html.not_found import setup_not_found
from .html.reader_memory import setup_reader_memory
from .html.reading_order import setup_reading_order
from .html.removed_pages import setup_removed_pages
from .html.search import setup_search
from .html.theme_words import setup_theme_words
from .patches.docutils import setup_docutils_patches
from .patches.furo import setup_furo_patches
from .patches.myst_parser import setup_myst_parser_patches
from .patches.sphinx import note_bugs_in_our_handlers, setup_sphinx_patches
from .patches.sphinx_design import setup_sphinx_design_patches
from .patches.sphinx_sitemap import setup_sphinx_sitemap_patches


def setup_extension(app: Sphinx) -> dict[str, Any]:
    """Register the extension. Per-page data lives in the environment and is merged after a
    parallel read, so parallel reading and writing are both safe."""
    app.setup_extension("sphinx_design")
    setup_config(app)
    setup_messages(app)
    setup_changes(app)
    setup_garbage_collection(app)
    setup_sphinx_patches(app)
    setup_docutils_patches(app)
    setup_sphinx_design_patches(app)
    setup_data(app)
    setup_edition(app)
    setup_languages(app)
    setup_catalog_syntax(app)
    setup_collector(app)
    setup_page_encoding(app)
    setup_facts(app)
    setup_pipeline(app)
    setup_timeline(app)
    setup_news(app)
    setup_onboarding(app)
    setup_reading_order(app)
    setup_reader_memory(app)
    setup_removed_pages(app)
    setup_not_found(app)
    setup_glossary(app)
    setup_search(app)
    setup_accessibility(app)
    setup_theme_words(app)
    setup_descriptions(app)
    setup_navigation_changes(app)
    setup_furo_patches(app)
    setup_assets(app)
    setup_epub(app)
    setup_last_updated(app)
    setup_myst_parser_patches(app)
    setup_sphinx_sitemap_patches(app)
    # Last, so that it sees every handler connected above.
    note_bugs_in_our_handlers(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 8,
    }
