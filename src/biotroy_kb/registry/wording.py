"""How a translated edition must word things, as data an editor keeps:
`_data/wording/<language>.yaml`. The check applies the rules to every translation the edition
is made of (the pages' catalogs, the extension's catalog, the registry's renderings), each
problem at its file and line:

- `forbidden`: renderings never to use, a regular expression each, with why ("the FDA clears
  an IND; it never 批准");
- `terms`: one term per concept: the term to write and the other renderings of the same
  concept that must not appear (核心候选药物, never 先导候选药物);
- `names`: names that keep their Latin letters (BioTroy, Xu): wherever the English says one,
  its translation says it as often;
- `spacing`: between a Chinese character and a Latin letter or digit, `none` (no space; the
  browser draws the gap) or `space` (one space);
- `foreign`: text in another language this edition may show (the English term beside its
  Chinese one in the glossary, say), which the check of the built pages lets through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator

from .fields import StrictModel
from .problems import Problem, RegistryError
from .validation import validation_problems
from .yamlsource import YamlSourceError, load_yaml_file

_HAN = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_SPACED = re.compile(rf"{_HAN}[ \u00a0]+[A-Za-z0-9]|[A-Za-z0-9][ \u00a0]+{_HAN}")
_JOINED = re.compile(rf"{_HAN}[A-Za-z0-9]|[A-Za-z0-9]{_HAN}")


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"not a valid regular expression ({error})") from None
    return pattern


class ForbiddenWording(StrictModel):
    """A rendering the edition must never use."""

    pattern: str
    why: str

    @field_validator("pattern")
    @classmethod
    def _pattern_compiles(cls, pattern: str) -> str:
        return _compiles(pattern)


class Term(StrictModel):
    """One concept, one term: `term` is written, each of `variants` never."""

    concept: str
    term: str
    variants: Annotated[list[str], Field(min_length=1)]
    why: str | None = None


class KeptName(StrictModel):
    """A name that keeps its Latin letters in the translation."""

    name: str
    why: str


class ForeignText(StrictModel):
    """Text in another language that this edition may show: `text` (a regular expression),
    on every page or only on the pages in `pages` (page names, `*` for any part of one)."""

    text: str
    why: str
    pages: list[str] = []  # noqa: RUF012 - pydantic copies a default per model

    @field_validator("text")
    @classmethod
    def _text_compiles(cls, text: str) -> str:
        return _compiles(text)


class WordingFile(StrictModel):
    forbidden: list[ForbiddenWording] = []  # noqa: RUF012 - pydantic copies a default per model
    terms: list[Term] = []  # noqa: RUF012
    names: list[KeptName] = []  # noqa: RUF012
    spacing: Literal["none", "space"] | None = None
    foreign: list[ForeignText] = []  # noqa: RUF012


@dataclass(frozen=True)
class ForbiddenRendering:
    pattern: re.Pattern[str]
    why: str


@dataclass(frozen=True)
class AllowedForeign:
    pattern: re.Pattern[str]
    pages: tuple[str, ...]

    def allows(self, text: str, page: str) -> bool:
        on_page = not self.pages or any(fnmatchcase(page, pages) for pages in self.pages)
        return on_page and bool(self.pattern.fullmatch(text))


@dataclass(frozen=True)
class Wording:
    """A language's wording rules; none for a language without a file."""

    path: Path
    forbidden: list[ForbiddenRendering] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    names: list[KeptName] = field(default_factory=list)
    spacing: str | None = None
    foreign: list[AllowedForeign] = field(default_factory=list)

    def problems(self, text: str, english: str | None = None, prose: bool = True) -> list[str]:
        """What the translation `text` (of `english`, when known) says that it must not. The
        spacing rule is for `prose`; a drawing's or a code block's spaces set it in columns."""
        found = []
        for rule in self.forbidden:
            match = rule.pattern.search(text)
            if match:
                found.append(f"forbidden rendering {match.group(0)!r}: {rule.why}")
        found += self.term_problems(text)
        if english is not None:
            found += self.name_problems(text, english)
        if prose:
            found += self.spacing_problems(text)
        return found

    def term_problems(self, text: str) -> list[str]:
        found = []
        for term in self.terms:
            for variant in term.variants:
                if variant in text:
                    why = f"; {term.why}" if term.why else ""
                    found.append(
                        f"{variant!r} for {term.concept}: write {term.term} "
                        f"(one term per concept{why})"
                    )
        return found

    def name_problems(self, text: str, english: str) -> list[str]:
        found = []
        for kept in self.names:
            name = re.compile(rf"(?<![A-Za-z]){re.escape(kept.name)}(?![A-Za-z])")
            said, kept_times = len(name.findall(english)), len(name.findall(text))
            if kept_times < said:
                found.append(
                    f"the name {kept.name!r} is in the English {said} time(s) but in the "
                    f"translation {kept_times}: it keeps its Latin letters ({kept.why})"
                )
        return found

    def spacing_problems(self, text: str) -> list[str]:
        """A space where the rule says none, or none where it says one."""
        if self.spacing == "none":
            wrong = _SPACED.findall(text)
            rule = "no space between Chinese characters and Latin letters or digits"
        elif self.spacing == "space":
            wrong = _JOINED.findall(text)
            rule = "one space between Chinese characters and Latin letters or digits"
        else:
            return []
        return [f"spacing {shown!r}: the rule is {rule}" for shown in dict.fromkeys(wrong)]

    def allows_foreign(self, text: str, page: str) -> bool:
        return any(rule.allows(text, page) for rule in self.foreign)


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
    rules = WordingFile.model_validate(document.data)
    return Wording(
        path,
        [ForbiddenRendering(re.compile(r.pattern), r.why) for r in rules.forbidden],
        list(rules.terms),
        list(rules.names),
        rules.spacing,
        [AllowedForeign(re.compile(r.text), tuple(r.pages)) for r in rules.foreign],
    )
