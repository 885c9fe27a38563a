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


def undecodable(raw: bytes, what: str = "file") -> tuple[int, str] | None:
    """The line of the first byte of `raw` that is not UTF-8 and what to say of it, or None."""
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start]
        save = f"save the {what} as UTF-8"
        return line, f"the {what} is not UTF-8: byte {byte:#04x} cannot be read ({save})"
    return None


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
