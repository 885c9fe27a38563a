"""Reporting an author's mistake: one located warning line, of type `kb`, so that `-W` fails
the build and `suppress_warnings` can name it (`kb.<subtype>`). Every part of the extension
reports through here; a problem found outside a build (in the registry, a catalog, front
matter) is a `registry.problems.Problem` until it is reported."""

from __future__ import annotations

from pathlib import Path

from sphinx.util import logging

from ..registry.problems import Problem, display_path

logger = logging.getLogger("biotroy_kb")

Location = str | tuple[str | None, int | None] | None


def report(message: str, location: Location, subtype: str, *, error: bool = False) -> None:
    """A warning at `location`: a page and line (`(docname, line)`), or `file:line` text. An
    `error` is one under any settings (the build stops for it)."""
    log = logger.error if error else logger.warning
    log(message, location=location, type="kb", subtype=subtype)


def report_problem(problem: Problem, subtype: str, *, error: bool = False) -> None:
    """A problem found in a file, at its file and line."""
    report(problem.message, where(problem.path, problem.line), subtype, error=error)


def where(path: Path, line: int | None) -> str:
    return display_path(path) + (f":{line}" if line else "")
