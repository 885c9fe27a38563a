"""What a translated edition must never say, as data an editor keeps:
`_data/wording/<language>.yaml` lists forbidden renderings (a regular expression each) and why
each is wrong ("the FDA clears an IND; it never 批准"). The check applies them to the edition's
catalogs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import field_validator

from .fields import StrictModel
from .problems import Problem, RegistryError
from .validation import validation_problems
from .yamlsource import YamlSourceError, load_yaml_file


class ForbiddenWording(StrictModel):
    """A rendering the edition must never use."""

    pattern: str
    why: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            re.compile(pattern)
        except re.error as error:
            raise ValueError(f"not a valid regular expression ({error})") from None
        return pattern


class WordingFile(StrictModel):
    forbidden: list[ForbiddenWording] = []  # noqa: RUF012 - pydantic copies a default per model


@dataclass(frozen=True)
class ForbiddenRendering:
    pattern: re.Pattern[str]
    why: str


@dataclass(frozen=True)
class Wording:
    """A language's wording rules; none for a language without a file."""

    path: Path
    forbidden: list[ForbiddenRendering] = field(default_factory=list)

    def problems(self, text: str) -> list[str]:
        """What `text` says that it must not, with why."""
        found = []
        for rule in self.forbidden:
            match = rule.pattern.search(text)
            if match:
                found.append(f"forbidden rendering {match.group(0)!r}: {rule.why}")
        return found


def load_wording(path: Path) -> Wording:
    """Read `path`; raise `RegistryError` naming the file and line of every problem."""
    if not path.is_file():
        return Wording(path)
    try:
        document = load_yaml_file(path)
    except YamlSourceError as error:
        raise RegistryError([Problem(path, line, text) for line, text in error.problems]) from None
    problems = validation_problems(document, WordingFile)
    if problems:
        raise RegistryError([Problem(path, line, text) for line, text in problems])
    rules = WordingFile.model_validate(document.data).forbidden
    return Wording(path, [ForbiddenRendering(re.compile(r.pattern), r.why) for r in rules])
