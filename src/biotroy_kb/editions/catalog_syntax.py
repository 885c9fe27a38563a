"""A translation catalog with broken syntax stops the build that would compile it, at its file
and line. Sphinx compiles catalogs as leniently as Babel reads them: an unterminated string
prints two lines that name no file ("WARNING: Unknown or misformatted keyword"), the build
passes even with -W, and the page shows the damaged translation. `make check` reads every
catalog strictly too (`catalogs.strict_problems`), but Read the Docs runs no check."""

from __future__ import annotations

import shutil
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po
from sphinx.application import Sphinx
from sphinx.util.i18n import CatalogRepository

from ..core.data import BuildStopped
from ..core.problems import report_problem
from ..registry.problems import Problem
from .catalogs import THEME_DOMAINS, strict_problems


def syntax_problems(path: Path) -> list[Problem]:
    """What GNU gettext's `msgfmt` finds wrong in the catalog where it is installed (`make`
    installs it); elsewhere, what Babel refuses when it reads the catalog strictly: a mistyped
    keyword or a string broken over two lines, though not a string missing only its closing
    quote, which only msgfmt sees."""
    if shutil.which("msgfmt"):
        return strict_problems(path)
    try:
        with path.open("rb") as file:
            read_po(file, abort_invalid=True)
    except PoFileError as error:
        # Babel's message ends with " on <line>", counted from 0
        return [Problem(path, error.lineno + 1, str(error).rsplit(" on ", 1)[0])]
    return []


def catalogs_to_compile(app: Sphinx) -> list[Path]:
    """The catalogs this build compiles: those changed since they were last compiled, and the
    theme's words, which Sphinx compiles before any extension is set up."""
    repository = CatalogRepository(
        app.srcdir, app.config.locale_dirs, app.config.language, app.config.source_encoding
    )
    return [
        Path(catalog.po_path)
        for catalog in repository.catalogs
        if catalog.is_outdated() or catalog.domain in THEME_DOMAINS
    ]


def refuse_broken_catalogs(app: Sphinx) -> None:
    """Stop the build at each broken line of a catalog it compiles; the check instead reports
    each as a failed case, with the rest of its report."""
    if getattr(app.builder, "reports_catalog_syntax", False):
        return
    problems = [problem for path in catalogs_to_compile(app) for problem in syntax_problems(path)]
    for problem in problems:
        report_problem(problem, "catalog", error=True)
    if problems:
        raise BuildStopped(f"{len(problems)} broken line(s) in the translation catalogs")


def setup_catalog_syntax(app: Sphinx) -> None:
    app.connect("builder-inited", refuse_broken_catalogs)
