"""What the current build changed: whether it read or removed any source, wrote any page.

Sphinx re-reads a source when it, a file it depends on, or the configuration that the
environment depends on changed; so a build that read and removed nothing has the same
environment as the last one: the same toctree, the same index entries, the same news. Work
derived only from the environment can then be kept from the last build.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


class BuildChanges:
    def __init__(self) -> None:
        self.sources_changed = False
        self.pages_written = False

    def sources_read(self, app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        self.sources_changed = self.sources_changed or bool(docnames)

    def source_removed(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.sources_changed = True

    def page_written(
        self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        self.pages_written = self.pages_written or doctree is not None

    @property
    def anything(self) -> bool:
        return self.sources_changed or self.pages_written


_CHANGES: WeakKeyDictionary[Sphinx, BuildChanges] = WeakKeyDictionary()


def build_changes(app: Sphinx) -> BuildChanges:
    return _CHANGES[app]


def setup_changes(app: Sphinx) -> None:
    changes = _CHANGES[app] = BuildChanges()
    # late, so that it sees the pages other handlers add to the list
    app.connect("env-before-read-docs", changes.sources_read, priority=900)
    app.connect("env-purge-doc", changes.source_removed)
    app.connect("html-page-context", changes.page_written)
