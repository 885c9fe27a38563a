"""The check's cases for a translated edition: every translation the edition is made of is
there, current, well-formed and worded by the language's rules, each problem at its file and
line. The pages' catalogs (editions/catalogs.py says what each problem is, and compares each
catalog with the messages its page asked for in the last translated build), the extension's
own catalog, and the registry's renderings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polib
from babel.messages.pofile import read_po
from sphinx.environment import BuildEnvironment

from ..core.collector import kb_data
from ..core.language import language_of
from ..core.messages import CATALOG_DIR, MESSAGE_CATALOG, drop_broken_placeholders, wording_of
from ..core.visibility import is_public_edition
from ..editions.catalogs import (
    PageMessages,
    catalog_problems,
    entry_problems,
    strict_problems,
)
from ..registry.problems import Problem, display_path
from ..registry.renderings import Renderings
from ..registry.wording import Wording
from .cases import Check
from .report import Case


class CatalogCheck(Check):
    """A translated edition: every catalog entry and rendering translated, current, faithful."""

    def site(self) -> Iterator[Case]:
        context = self.context
        language = language_of(context.config)
        if language.is_source:
            return
        wording = wording_of(context.env)
        # The public edition leaves internal pages, and internal parts of pages, out: its
        # pages cannot tell a stale entry from a left-out one. The internal edition, which
        # has every page whole, holds the catalogs to the pages.
        pages = None if is_public_edition(context.config) else recorded_pages(context.env)
        for folder in context.config.locale_dirs:
            locale_dir = Path(context.srcdir, folder)
            problems = catalog_problems(locale_dir, language.code, wording, pages)
            files = sorted((locale_dir / language.code / "LC_MESSAGES").rglob("*.po"))
            yield from cases(problems, files, "every entry translated and current")
        extension = CATALOG_DIR / language.code / "LC_MESSAGES" / f"{MESSAGE_CATALOG}.po"
        if extension.is_file():
            found = extension_catalog_problems(extension, wording)
            yield from cases(found, [extension], "every label translated")
        renderings: Renderings | None = getattr(context.env, "kb_renderings", None)
        if renderings is not None and renderings.path.is_file():
            found = rendering_problems(renderings, wording)
            yield from cases(found, [renderings.path], "every rendering worded by the rules")


def cases(problems: Iterator[Problem], files: list[Path], passed: str) -> Iterator[Case]:
    """A failed case per problem, then a passed case per file without any."""
    troubled = set()
    for problem in problems:
        troubled.add(problem.path)
        filename = display_path(problem.path)
        yield Case("catalogs", filename, problem.line or 1, "failed", problem.message)
    for path in files:
        if path not in troubled:
            yield Case("catalogs", display_path(path), 1, "passed", passed)


def recorded_pages(env: BuildEnvironment) -> list[PageMessages]:
    """What each page of the build asked its catalog for (read when it was last read)."""
    recorded = kb_data(env).page_messages
    return [
        PageMessages(docname, Path(env.doc2path(docname)), domain, messages)
        for docname, (domain, messages) in sorted(recorded.items())
        if docname in env.found_docs
    ]


def extension_catalog_problems(path: Path, wording: Wording | None) -> Iterator[Problem]:
    """The extension's catalog: well-formed, every label translated and worded by the rules,
    placeholders kept (the build shows a label in English rather than fail on one)."""
    yield from strict_problems(path)
    yield from entry_problems(path, MESSAGE_CATALOG, polib.pofile(str(path)), wording)
    with path.open("rb") as file:
        yield from drop_broken_placeholders(read_po(file), path)


def rendering_problems(renderings: Renderings, wording: Wording | None) -> Iterator[Problem]:
    """Each rendering worded by the language's rules, at its line of the renderings file."""
    if wording is None:
        return
    for english, value in renderings.values.items():
        for problem in wording.problems(value, english=english):
            yield Problem(renderings.path, renderings.line_of(english), problem)
