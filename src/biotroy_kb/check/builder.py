"""The `kbcheck` builder: proves that links resolve and facts agree everywhere.

Shaped like Sphinx's own `linkcheck` and `doctest` builders: it visits every page's resolved
doctree (and the built HTML beside it), hands each page to every kind of check (one module
each, behind the small interface in cases.py), counts every case, and writes `output.txt` and
`output.json`. Each failure is also a warning located at its file and line, like linkcheck's,
so that `-W` fails the run and `suppress_warnings` (type `kb`, subtype `check`) can reach it.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.builders import Builder
from sphinx.locale import __
from sphinx.util import logging
from sphinx.util.console import green, red

from ..core.problems import report
from .cases import Check, CheckContext, CheckedPage
from .catalogs import CatalogCheck
from .content import ContentCheck
from .facts import FactCheck
from .front_matter import FrontMatterCheck
from .glossary import GlossaryCheck
from .leaks import LeakCheck
from .links import HtmlSite
from .local_links import LocalLinkCheck
from .markup import MarkupCheck
from .reader_language import LanguageCheck
from .reader_text import read_built_pages
from .registry_pages import FactsToConfirm, RegistryPagesCheck
from .repetition import RepetitionCheck
from .report import Report
from .reviews import ReviewCheck
from .spacing import SpacingCheck
from .text import text_blocks

logger = logging.getLogger(__name__)

#: Every kind of check, in the order the report lists cases of equal place.
CHECKS: tuple[type[Check], ...] = (
    LocalLinkCheck,
    FactCheck,
    FrontMatterCheck,
    GlossaryCheck,
    ContentCheck,
    RepetitionCheck,
    ReviewCheck,
    CatalogCheck,
    LeakCheck,
    LanguageCheck,
    SpacingCheck,
    MarkupCheck,
    RegistryPagesCheck,
    FactsToConfirm,
)


class KnowledgeCheckBuilder(Builder):
    """Checks every page: local links, facts, front matter, registry pages, glossary use,
    images, external links, raw HTML, sentences said on too many pages, translations and
    leaks. The report is in
    `<outdir>/output.txt`."""

    name = "kbcheck"
    epilog = __("The check's report is in %(outdir)s/output.txt and output.json.")
    allow_parallel = False
    #: a broken catalog is one of the check's failures, not a reason to stop the check
    reports_catalog_syntax = True

    def init(self) -> None:
        self.report = Report()
        html_dir = self.config.kb_check_html_dir or str(Path(self.outdir).parent / "html")
        self.html_dir = Path(self.srcdir, html_dir).resolve()
        self.checks: list[Check] = []

    def get_outdated_docs(self) -> set[str]:
        return set(self.env.found_docs)

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return f"{docname}.html"

    def prepare_writing(self, docnames: set[str]) -> None:
        context = CheckContext(
            self.env, self.config, Path(self.srcdir), self.html_dir, HtmlSite(self.html_dir)
        )
        self.checks = [check(context) for check in CHECKS]

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        page = CheckedPage(docname, doctree, list(text_blocks(doctree)))
        for check in self.checks:
            self.report.extend(list(check.page(page)))

    def finish(self) -> None:
        for check in self.checks:
            self.report.extend(list(check.site()))
        self._check_built_pages()
        self.report.write(Path(self.outdir))
        for case in self.report.with_status("failed"):
            report(f"[{case.kind}] {case.message}", f"{case.filename}:{case.lineno}", "check")
        summary = self.report.summary()
        logger.info("")
        logger.info(red(summary) if self.report.failed else green(summary))
        if self.report.failed:
            self._app.statuscode = 1

    def _check_built_pages(self) -> None:
        """Every page of the built HTML, parsed once and handed to every check: the checks of
        what a reader sees each read it on their own before, parsing and walking every page
        of 1,000 two and three times."""
        if not self.html_dir.is_dir():
            return
        for built in read_built_pages(self.html_dir):
            for check in self.checks:
                self.report.extend(list(check.built_page(built)))
