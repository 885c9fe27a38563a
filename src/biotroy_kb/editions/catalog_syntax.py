"""A translation catalog with broken syntax stops the build that would compile it, at its file
and line. Sphinx compiles catalogs as leniently as Babel reads them: a string missing its
closing quote loses its last letter, a line that is no part of an entry prints two lines that
name no file ("WARNING: Unknown or misformatted keyword"), the build passes even with -W, and
the page shows the damaged translation. Each catalog is read line by line
(`catalogs.syntax_problems`); `make check` also runs GNU msgfmt on every one, but Read the Docs
runs no check."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.i18n import CatalogRepository

from ..core.data import stop_for_problems
from .catalogs import THEME_DOMAINS, syntax_problems


def catalogs_to_compile(app: Sphinx) -> list[Path]:
    """The catalogs this build compiles: those changed since they were last compiled, and the
    theme's words, which Sphinx compiles before any extension is set up."""
    if app.builder.name == "gettext":  # it writes the templates and compiles no catalog
        return []
    repository = CatalogRepository(
        app.srcdir, app.config.locale_dirs, app.config.language, app.config.source_encoding
    )
    compiles_changed = app.config.gettext_auto_build
    return [
        Path(catalog.po_path)
        for catalog in repository.catalogs
        if (compiles_changed and catalog.is_outdated()) or catalog.domain in THEME_DOMAINS
    ]


def refuse_broken_catalogs(app: Sphinx) -> None:
    """Stop the build at each broken line of a catalog it compiles; the check instead reports
    each as a failed case, with the rest of its report."""
    if getattr(app.builder, "reports_catalog_syntax", False):
        return
    problems = [problem for path in catalogs_to_compile(app) for problem in syntax_problems(path)]
    stop_for_problems(problems, "catalog", "broken line(s) in the translation catalogs")


def setup_catalog_syntax(app: Sphinx) -> None:
    app.connect("builder-inited", refuse_broken_catalogs)
