"""Located problems: what is wrong with the registry or a page's front matter, and where.

Plain Python (no Sphinx): `core.data` logs each problem the way Sphinx reports a broken
reference, `file:line: ERROR: message`, and the tests read them directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def display_path(path: Path) -> str:
    """A path as a person would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Problem:
    """One mistake an author can fix: the file, the line (1-based, if known) and what is wrong."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = display_path(self.path) + (f":{self.line}" if self.line else "")
        return f"{where}: {self.message}."


class RegistryError(ValueError):
    """The registry is wrong: every problem found, each naming its file, line and field."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
