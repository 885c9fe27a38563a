"""The check's cases for a translated edition: every catalog entry translated, current and
faithful (editions/catalogs.py says what each problem is)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sphinx.config import Config

from ..core.language import language_of
from ..core.messages import wording_of
from ..editions.catalogs import catalog_problems
from ..registry.problems import display_path
from ..registry.wording import Wording
from .cases import Check
from .report import Case


class CatalogCheck(Check):
    """A translated edition: every catalog entry translated, current and faithful."""

    def site(self) -> Iterator[Case]:
        context = self.context
        return catalog_cases(context.srcdir, context.config, wording_of(context.env))


def catalog_cases(srcdir: Path, config: Config, wording: Wording | None) -> Iterator[Case]:
    """Failed cases for each problem, then one passed case per catalog without any."""
    language = language_of(config)
    if language.is_source:
        return
    for folder in config.locale_dirs:
        locale_dir = Path(srcdir, folder)
        troubled = set()
        for problem in catalog_problems(locale_dir, language.code, wording):
            troubled.add(problem.path)
            yield Case(
                "catalogs", display_path(problem.path), problem.line, "failed", problem.message
            )
        for path in sorted((locale_dir / language.code / "LC_MESSAGES").rglob("*.po")):
            if path not in troubled:
                yield Case("catalogs", display_path(path), 1, "passed", "every entry translated")
