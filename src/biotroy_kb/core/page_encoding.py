"""A page that is not UTF-8 stops the build with one line at the first byte that cannot be read.
Sphinx decodes each source as it reads it and, at such a byte, ends the build with its crash
report ("Encoding error!", the versions, a traceback, "please open an issue")."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..registry.problems import Problem, undecodable
from .data import stop_for_problems


def undecodable_pages(env: BuildEnvironment, docnames: list[str]) -> list[Problem]:
    problems = []
    for docname in docnames:
        path = Path(env.doc2path(docname))
        if (found := undecodable(path.read_bytes(), "page")) is not None:
            problems.append(Problem(path, *found))
    return problems


def refuse_undecodable_pages(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before Sphinx reads the pages it is about to read."""
    stop_for_problems(undecodable_pages(env, docnames), "source", "page(s) not saved as UTF-8")


def setup_page_encoding(app: Sphinx) -> None:
    app.connect("env-before-read-docs", refuse_undecodable_pages)
