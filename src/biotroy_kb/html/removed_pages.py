"""A page whose source is gone leaves the built site too. Sphinx forgets the page but leaves its
HTML and its copy under `_sources/` in the output folder (sphinx-doc/sphinx#5908, #14327), where
a reader who follows an old link or bookmark still finds it, with the content it had, and a
site copied from that folder still serves it. The same goes for a public build made in a folder
that held the internal edition: every internal page would stay on disk beside it."""

from __future__ import annotations

import glob
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder


def outputs_of(builder: Builder, docname: str) -> list[Path]:
    """The files a build writes for a page: the page and the copy of its source."""
    sources = Path(builder.outdir, "_sources")
    copies = sources.glob(f"{glob.escape(docname)}.*.txt") if sources.is_dir() else []
    return [Path(builder.get_outfilename(docname)), *copies]


def remove_pages_of_removed_sources(app: Sphinx, exception: Exception | None) -> None:
    """After a build that ended well: the sources it found removed (`collector.py` notes them
    as Sphinx reports them) lose their pages."""
    if exception is not None or app.builder.format != "html":
        return
    for docname in sorted(getattr(app.env, "kb_docs_removed", ())):
        for path in outputs_of(app.builder, docname):
            path.unlink(missing_ok=True)


def setup_removed_pages(app: Sphinx) -> None:
    app.connect("build-finished", remove_pages_of_removed_sources)
