"""A rebuild that changed nothing leaves the general index alone.

Sphinx's HTML builder writes `genindex.html` again at the end of every build, even when no page
was read or written: at a thousand pages that one template over every index entry is most of a
no-op rebuild. The index changes only with what pages say (their entries, read from sources),
the templates, or the configuration; a change to either of the last two makes Sphinx write every
page again. So when this build read no source, removed none and wrote no page, and the index is
there from the last build, it is still right and is not written again.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from ..core.changes import build_changes


def guard_index(app: Sphinx) -> None:
    builder = app.builder
    if type(builder) is not StandaloneHTMLBuilder:
        return
    write_genindex = builder.write_genindex
    changes = build_changes(app)

    def write_unless_unchanged() -> None:
        if changes.anything or not Path(builder.outdir, "genindex.html").is_file():
            write_genindex()

    builder.write_genindex = write_unless_unchanged  # type: ignore[method-assign]


def setup_genindex(app: Sphinx) -> None:
    app.connect("builder-inited", guard_index)
