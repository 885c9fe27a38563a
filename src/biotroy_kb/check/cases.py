"""The one small interface every kind of check implements. The builder hands each check every
page, then asks it once for the cases about the whole site; a check only yields `Case`s."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ..core.data import registry_of
from ..registry.entries import Registry
from ..registry.problems import display_path
from .links import HtmlSite
from .reader_text import BuiltPage
from .report import Case, Status
from .text import TextBlock


@dataclass
class CheckContext:
    """What every check may read: the build environment, the settings, the registry and the
    built HTML beside the check's output."""

    env: BuildEnvironment
    config: Config
    srcdir: Path
    html_dir: Path
    site: HtmlSite
    #: each page's file as a case names it, worked out once (it resolves the path)
    filenames: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def registry(self) -> Registry | None:
        return registry_of(self.env)

    def filename(self, docname: str) -> str:
        if docname not in self.filenames:
            self.filenames[docname] = display_path(Path(self.env.doc2path(docname)))
        return self.filenames[docname]

    def case(self, kind: str, docname: str, line: int, ok: bool, message: str) -> Case:
        status: Status = "passed" if ok else "failed"
        return Case(kind, self.filename(docname), line, status, message)


@dataclass
class CheckedPage:
    """One page as the checks see it: its resolved doctree and its blocks of prose."""

    docname: str
    doctree: nodes.document
    blocks: list[TextBlock]


class Check:
    """One kind of check. Override `page` for what is checked page by page in its doctree,
    `built_page` for what is checked on each page as built (its HTML, read once for all the
    checks), and `site` for what is checked once, after every page."""

    def __init__(self, context: CheckContext) -> None:
        self.context = context

    def page(self, page: CheckedPage) -> Iterator[Case]:
        return iter(())

    def built_page(self, built: BuiltPage) -> Iterator[Case]:
        return iter(())

    def site(self) -> Iterator[Case]:
        return iter(())
