"""Per-language renderings of registry values: `_data/renderings/zh_CN.yaml` maps each English
value (a fact, a stage, an agency, a note) to its form in that language, so that a fact is
never retyped in a page's catalog and changes in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem, RegistryError
from .yamlsource import YamlSourceError, load_yaml_file


class RenderingsError(RegistryError):
    """The renderings file is wrong: each problem names the file and line."""


@dataclass
class Renderings:
    language: str
    path: Path
    values: dict[str, str]
    #: the line of each rendering (by its English), and of the `renderings:` table itself
    lines: dict[str, int] = field(default_factory=dict)
    table_line: int = 1
    #: values already warned about in this build, so each is reported once
    reported: set[str] = field(default_factory=set)

    def line_of(self, english: str) -> int:
        return self.lines.get(english, self.table_line)


def load_renderings(path: Path) -> Renderings:
    """Read `path`; a missing file is an empty table (every value will then be reported)."""
    language = path.stem
    if not path.is_file():
        return Renderings(language, path, {})
    try:
        document = load_yaml_file(path)
    except YamlSourceError as error:
        raise RenderingsError(
            [Problem(path, line, text) for line, text in error.problems]
        ) from None
    data = document.data
    table = data.get("renderings") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        expected = f"expected a mapping 'renderings: {{English: {language}}}'"
        raise RenderingsError([Problem(path, document.first_line, expected)])
    problems = [
        Problem(
            path,
            document.line_of(("renderings", english)),
            f"a rendering maps text to text, got {value!r}",
        )
        for english, value in table.items()
        if not isinstance(english, str) or not isinstance(value, str)
    ]
    if problems:
        raise RenderingsError(problems)
    lines = {english: document.line_of(("renderings", english)) for english in table}
    return Renderings(language, path, dict(table), lines, document.line_of(("renderings",)))
