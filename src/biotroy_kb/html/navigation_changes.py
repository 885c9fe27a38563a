"""Every HTML page carries furo's sidebar, the whole site's tree: when a page's title or a
toctree changes, every page is written again.

Sphinx rewrites, after such an edit, only the edited page and the pages whose toctree names it,
so the other pages kept the old title in their sidebars until a full build. A digest of what
the tree is made from (each page's title and table of contents, with the toctrees in it) is kept
in the environment; a build that changes it writes every page, and one that leaves it alone
reuses the tree rendered by the last build (`patches/furo.py`).
"""

from __future__ import annotations

import hashlib

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


def navigation_digest(env: BuildEnvironment) -> str:
    """What Sphinx makes the tree from: each page's title and table of contents, with the
    toctrees in it (their entries, captions and options)."""
    hashed = hashlib.sha256()
    for docname in sorted(env.all_docs):
        title = env.titles.get(docname)
        toc = env.tocs.get(docname)
        hashed.update(f"{docname}\0{title.astext() if title else ''}\0".encode())
        if toc is not None:
            hashed.update(toc.astext().encode())
            for toctree in toc.findall(addnodes.toctree):
                hashed.update(repr(sorted(toctree.attributes.items())).encode())
    return hashed.hexdigest()


def current_digest(env: BuildEnvironment) -> str:
    """This build's digest: noted once the pages are read, or worked out now."""
    return getattr(env, "kb_navigation_digest", None) or navigation_digest(env)


def rewrite_when_navigation_changes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    if app.builder.format != "html" or getattr(app.builder, "embedded", False):
        return []
    before = getattr(env, "kb_navigation_digest", None)
    env.kb_navigation_digest = navigation_digest(env)
    changed = before is not None and before != env.kb_navigation_digest
    return sorted(env.all_docs) if changed else []


def setup_navigation_changes(app: Sphinx) -> None:
    app.connect("env-get-updated", rewrite_when_navigation_changes)
