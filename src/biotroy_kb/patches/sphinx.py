"""Sphinx internals, written against the releases in `SUPPORTED_MAJOR`:

- **A linear toctree purge.** Sphinx's toctree collector forgets what a page's toctrees said
  by visiting every entry of `env.files_to_rebuild` (`TocTreeCollector.clear_doc`), and Sphinx
  forgets each page just before reading it. A serial cold build fills that map as it reads, so
  the visits grow with the square of the pages: 0.07 s at 1,000 pages, 6.3 s at 10,000. The
  entries that name a page are exactly the pages its own toctrees include (Sphinx writes both
  sides together in `note_toctree` and `merge_other`), so Sphinx's own `clear_doc` is run on
  those entries alone.
- **The general index kept when nothing changed.** The HTML builder writes `genindex.html` at
  the end of every build, even one that read and wrote nothing: at a thousand pages that one
  template over every index entry is most of a no-op rebuild. The index changes only with what
  pages say, the templates or the configuration, and a change to either of the last two makes
  Sphinx write every page again; so when this build read no source, removed none and wrote no
  page, and the index is there, it is not written again (`StandaloneHTMLBuilder.write_genindex`).
- **Translated nodes tied to their page, not to a scratch document.** Sphinx's i18n transform
  parses each translated message into a scratch document made with the page's settings, whose
  `env` is the whole build environment (`sphinx.transforms.i18n._publish_msgstr`), and moves the
  parsed nodes into the page. Each node keeps docutils' `_document`, pointing at that scratch
  document, so pickling the page's doctree pickled the environment as it stood when the page was
  read (Sphinx clears `env` only on the page's own settings, `Builder.write_doctree`): a Chinese
  doctree weighed 23 times an English one at 300 pages and grew with every page read, a
  thousand-page Chinese build held 5.8 GB and did not finish. After the page's transforms, every
  node that names another document is given the page's, as a node parsed in the page has.
- **Our event handlers' bugs named as ours.** Every handler this package connected is wrapped
  in place in Sphinx's listener table (`EventManager.listeners`), so that an unexpected
  exception says whose bug it is (`core.bugs`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docutils import nodes
from sphinx import version_info
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors.toctree import TocTreeCollector

from ..core.bugs import PACKAGE, bug_noted
from ..core.changes import build_changes
from ..core.language import language_of

#: Sphinx major releases whose internals this module reaches into.
SUPPORTED_MAJOR = frozenset({8, 9})


def supported() -> bool:
    return version_info[0] in SUPPORTED_MAJOR


ClearDoc = Callable[[Sphinx, BuildEnvironment, str], None]


def on_own_entries(clear_doc: ClearDoc) -> ClearDoc:
    """`clear_doc`, shown only the entries of `files_to_rebuild` that can name the page."""

    def clear_own_entries(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        everything = env.files_to_rebuild
        own = {
            included: everything[included]
            for included in env.toctree_includes.get(docname, ())
            if included in everything
        }
        env.files_to_rebuild = dict(own)
        try:
            clear_doc(app, env, docname)
        finally:
            emptied = own.keys() - env.files_to_rebuild.keys()
            env.files_to_rebuild = everything
            for included in emptied:
                del everything[included]

    return clear_own_entries


def is_toctree_purge(handler: object) -> bool:
    return getattr(handler, "__func__", None) is TocTreeCollector.clear_doc


def purge_toctrees_linearly(app: Sphinx) -> None:
    """Put the linear purge in the place of Sphinx's own, in the same order among listeners."""
    listeners = app.events.listeners.get("env-purge-doc", [])
    app.events.listeners["env-purge-doc"] = [
        listener._replace(handler=on_own_entries(listener.handler))
        if is_toctree_purge(listener.handler)
        else listener
        for listener in listeners
    ]


def keep_unchanged_index(app: Sphinx) -> None:
    builder = app.builder
    if type(builder) is not StandaloneHTMLBuilder:
        return
    write_genindex = builder.write_genindex
    changes = build_changes(app)

    def write_unless_unchanged() -> None:
        if changes.anything or not Path(builder.outdir, "genindex.html").is_file():
            write_genindex()

    builder.write_genindex = write_unless_unchanged  # type: ignore[method-assign]


def tie_nodes_to_their_page(app: Sphinx, doctree: nodes.document) -> None:
    """Every node of the page names the page's document, none a translation's scratch one."""
    for node in doctree.findall():
        if node._document is not None and node._document is not doctree:
            node._document = doctree


def tie_translated_nodes(app: Sphinx, config: Config) -> None:
    """Only a translated build has scratch documents (an English one is left as it is)."""
    if not language_of(config).is_source:
        # late: after every other handler that might still parse a message
        app.connect("doctree-read", tie_nodes_to_their_page, priority=900)


def note_bugs_in_our_handlers(app: Sphinx) -> None:
    """Wrap every event handler this package connected (called once, at the end of setup);
    on another Sphinx, our bugs show as Sphinx's ordinary crash report."""
    if not supported():
        return
    for name, listeners in app.events.listeners.items():
        app.events.listeners[name] = [
            listener._replace(handler=bug_noted(listener.handler))
            if getattr(listener.handler, "__module__", "").startswith(f"{PACKAGE}.")
            else listener
            for listener in listeners
        ]


def setup_sphinx_patches(app: Sphinx) -> None:
    """The purge, the index and the translated nodes, on the supported releases (the bug note is
    applied last, by `setup()`, so that it sees every handler)."""
    if not supported():
        return
    purge_toctrees_linearly(app)
    app.connect("builder-inited", keep_unchanged_index)
    app.connect("config-inited", tie_translated_nodes)
