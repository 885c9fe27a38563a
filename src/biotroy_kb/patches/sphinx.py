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
- **Our event handlers' bugs named as ours.** Every handler this package connected is wrapped
  in place in Sphinx's listener table (`EventManager.listeners`), so that an unexpected
  exception says whose bug it is (`core.bugs`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sphinx import version_info
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors.toctree import TocTreeCollector

from ..core.bugs import PACKAGE, bug_noted
from ..core.changes import build_changes

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


def build_info_as_configured(app: Sphinx) -> None:
    """The HTML builder records the configuration it starts with (`build_info`, written to
    `.buildinfo`) before extensions add their static folders at `builder-inited`; the next
    build, which has them from the start (`html/assets.py`), would see a mismatch and write
    every page again. Recorded again once the folders are in, the two agree."""
    if supported() and callable(getattr(app.builder, "create_build_info", None)):
        app.builder.build_info = app.builder.create_build_info()


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
    """The purge and the index, on the supported releases (the bug note is applied last, by
    `setup()`, so that it sees every handler)."""
    if not supported():
        return
    purge_toctrees_linearly(app)
    app.connect("builder-inited", keep_unchanged_index)
