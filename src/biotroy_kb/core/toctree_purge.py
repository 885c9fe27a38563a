"""Forgetting a page's toctree in time that grows with the page, not with the site.

Sphinx's toctree collector forgets what a page's toctrees said by visiting every entry of
`env.files_to_rebuild` (`TocTreeCollector.clear_doc`), and Sphinx forgets each page just
before reading it. A serial cold build fills that map as it reads, so the visits grow with the
square of the pages: 0.07 s at 1,000 pages, 6.3 s at 10,000. The entries that name a page are
exactly the pages its own toctrees include (Sphinx writes both sides together in
`note_toctree` and `merge_other`), so Sphinx's own `clear_doc` is run on those entries alone.
"""

from __future__ import annotations

from collections.abc import Callable

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors.toctree import TocTreeCollector

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


def setup_toctree_purge(app: Sphinx) -> None:
    """Put the linear purge in the place of Sphinx's own, in the same order among listeners."""
    listeners = app.events.listeners.get("env-purge-doc", [])
    app.events.listeners["env-purge-doc"] = [
        listener._replace(handler=on_own_entries(listener.handler))
        if is_toctree_purge(listener.handler)
        else listener
        for listener in listeners
    ]
