"""furo internals: the sidebar tree rendered once per build instead of once per page.

Stock furo asks Sphinx for the whole global table of contents on every page, renders it to
HTML and parses it again with BeautifulSoup, so a site of N pages does N times work that grows
with N. Here furo's own code renders the tree once, for a page that is in no branch (through
`furo.navigation.get_navigation_tree` and Sphinx's private `_get_local_toctree`), and each page
gets that HTML with only its own branch marked (`html.navigation.NavigationTemplate`). To do
so, the page's `toctree()` is swapped for one that returns a placeholder for furo's sidebar call
just before furo's `html-page-context` handler runs, and the placeholder is replaced just after.

Only the furo releases in `SUPPORTED_FURO` are sped up (a test compares every page, byte for
byte, with stock furo's); any other theme or furo version keeps its stock behaviour, and so
does `kb_fast_navigation = False`.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ..core.messages import _
from ..html.navigation import PLACEHOLDER, NavigationTemplate, without_unread_classes
from ..html.navigation_changes import current_digest
from ..html.navigation_file import SCRIPT, SharedNavigation
from ..html.theme_words import translated_navigation

#: furo releases whose `get_navigation_tree` and toctree call this module reproduces exactly.
SUPPORTED_FURO = frozenset({"2024.8.6", "2025.7.19", "2025.9.25", "2025.12.19"})
#: The arguments furo passes to Sphinx's `toctree()` for the sidebar.
FURO_NAVIGATION_CALL = {
    "collapse": False,
    "titles_only": True,
    "maxdepth": -1,
    "includehidden": True,
}
#: A page name no project has: the tree rendered for it marks no branch as current.
NEUTRAL_PAGE = "_kb_navigation_"
#: In the doctree folder: the neutral tree of the last build, for a build that read no source.
CACHE_FILE = "kb-navigation.pickle"


class FastNavigation:
    """Per build: the template, made on first use, and the page-context hooks around furo's."""

    def __init__(self) -> None:
        self.template: NavigationTemplate | None = None
        self.shared: SharedNavigation | None = None
        self.builder_id: int | None = None

    def before_furo(
        self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        """Let furo's sidebar call through `toctree()` return a placeholder instead of the tree."""
        toctree = context.get("toctree")
        # Only the builder's own toctree() is replaced; a page whose toctree another extension
        # supplies (sphinx-notfound-page's 404 page, with absolute links) keeps it.
        if not is_builders_toctree(app, toctree) or not is_active(app):
            return

        def sidebar_or_stock(**kwargs: Any) -> str:
            return PLACEHOLDER if kwargs == FURO_NAVIGATION_CALL else toctree(**kwargs)

        context["toctree"] = sidebar_or_stock

    def after_furo(
        self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        if context.get("furo_navigation_tree") != PLACEHOLDER:
            return
        template = self.template_for(app)
        page_uri = app.builder.get_target_uri(pagename)
        prune = app.config.kb_navigation_prune
        context["furo_navigation_tree"] = template.render(page_uri, prune=prune)
        if prune:
            shared = self.shared_for(app)
            context["metatags"] = context.get("metatags", "") + shared.meta_tag(page_uri)

    def template_for(self, app: Sphinx) -> NavigationTemplate:
        if self.template is None or self.builder_id != id(app.builder):
            tree = neutral_tree(app)
            if app.config.kb_navigation_prune:
                tree = without_unread_classes(tree)
            self.template = NavigationTemplate.parse(tree)
            self.shared = None
            self.builder_id = id(app.builder)
        return self.template

    def shared_for(self, app: Sphinx) -> SharedNavigation:
        if self.shared is None:
            self.shared = SharedNavigation.of(self.template_for(app).branches())
        return self.shared

    def write_shared(self, app: Sphinx, exception: BaseException | None) -> None:
        """Once per build, in the main process: the file that the pages written now name."""
        if exception is None and self.shared is not None and self.builder_id == id(app.builder):
            self.shared.write(app.outdir)


def neutral_tree(app: Sphinx) -> str:
    """Furo's tree for the neutral page: kept from the last build while every page's title and
    table of contents are what they were (making it took 1.1 s of a one-page edit at a
    thousand pages, where only that page's text had changed)."""
    cache = Path(app.doctreedir, CACHE_FILE)
    key = cache_key(app)
    if key is not None:
        try:
            stored_key, html = pickle.loads(cache.read_bytes())
        except (OSError, EOFError, ValueError, pickle.UnpicklingError):
            stored_key = html = None
        if stored_key == key and isinstance(html, str):
            return html
    from furo.navigation import get_navigation_tree

    neutral = app.builder._get_local_toctree(NEUTRAL_PAGE, **FURO_NAVIGATION_CALL)
    html = translated_navigation(get_navigation_tree(neutral))
    if key is not None:
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps((key, html)))
        partial.replace(cache)
    return html


def cache_key(app: Sphinx) -> tuple[str, ...] | None:
    """What the tree depends on besides the sources: the HTML settings, furo and this module."""
    import furo

    from .. import __version__

    build_info = getattr(app.builder, "build_info", None)
    config_hash = getattr(build_info, "config_hash", None)
    if not config_hash:
        return None
    return (
        config_hash,
        furo.__version__,
        __version__,
        app.builder.name,
        current_digest(app.env),
    )


def is_builders_toctree(app: Sphinx, toctree: object) -> bool:
    """Sphinx's own `toctree()` for a page closes over the builder; another extension's does not."""
    closure = getattr(toctree, "__closure__", None) or ()
    return any(cell.cell_contents is app.builder for cell in closure)


def is_active(app: Sphinx) -> bool:
    # Under `dirhtml` the neutral page would sit in its own folder; its links would not be
    # relative to the site root, so only the `html` builder is sped up.
    if not app.config.kb_fast_navigation or app.builder.name != "html":
        return False
    return app.config.html_theme == "furo" and supported()


def supported() -> bool:
    """Whether the installed furo is one whose navigation this module reproduces."""
    try:
        import furo
    except ImportError:
        return False
    return furo.__version__ in SUPPORTED_FURO


def add_expanding_script(app: Sphinx) -> None:
    """Pruned pages load the script that fills a branch in when a reader expands it, and the
    words it labels a toggle with, in the reader's language."""
    if app.config.kb_navigation_prune and is_active(app):
        words = {"toggle": _("Toggle navigation of {title}")}
        app.add_js_file(None, body=f"window.KB_NAVIGATION_WORDS = {json.dumps(words)};")
        app.add_js_file(SCRIPT, defer="defer")


#: The builders that use `html_theme` (an EPUB has its own theme; furo refuses the others).
THEMED_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


def remember_builder_name(app: Sphinx) -> None:
    """Sphinx names the builder to its registry (`preload_builder`) after the extensions are set
    up and before the configuration is read, but keeps the name nowhere an extension can see
    until the builder exists: remembered here, for `load_furo_early`."""
    registry = app.registry
    preload = registry.preload_builder

    def preload_and_remember(application: Sphinx, name: str) -> None:
        application._kb_builder_name = name  # type: ignore[attr-defined]
        preload(application, name)

    registry.preload_builder = preload_and_remember  # type: ignore[method-assign]


def load_furo_early(app: Sphinx, config: Config) -> None:
    """Sphinx loads a theme's Python package only when the builder starts, after it compared
    the configuration with the last build's: furo's own setting `pygments_dark_style`, present
    then and absent now, made every rebuild say "The configuration has changed". Loaded as
    the configuration is read, furo registers it in time, for an HTML build (furo refuses any
    other builder, and to be listed in `extensions`, which this does not do)."""
    themed = getattr(app, "_kb_builder_name", None) in THEMED_BUILDERS
    if themed and config.html_theme == "furo" and supported():
        app.setup_extension("furo")


def setup_furo_patches(app: Sphinx) -> None:
    navigation = FastNavigation()
    remember_builder_name(app)
    app.connect("config-inited", load_furo_early)
    app.connect("builder-inited", add_expanding_script)
    app.connect("html-page-context", navigation.before_furo, priority=400)
    app.connect("html-page-context", navigation.after_furo, priority=600)
    app.connect("build-finished", navigation.write_shared)
