"""Per-language renderings of registry values: `_data/renderings/zh_CN.yaml` maps each English
value (a fact, a stage, an agency, a note) to its form in that language, so that a fact is
never retyped in a page's catalog and changes in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .yamlsource import load_yaml_file


class RenderingsError(ValueError):
    """The renderings file is wrong: the message names the file and line."""


@dataclass
class Renderings:
    language: str
    path: Path
    values: dict[str, str]
    #: values already warned about in this build, so each is reported once
    reported: set[str] = field(default_factory=set)


def load_renderings(path: Path) -> Renderings:
    """Read `path`; a missing file is an empty table (every value will then be reported)."""
    language = path.stem
    if not path.is_file():
        return Renderings(language, path, {})
    document = load_yaml_file(path)
    data = document.data
    table = data.get("renderings") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise RenderingsError(f"{path}:1: expected a mapping 'renderings: {{English: {language}}}'")
    for english, value in table.items():
        if not isinstance(english, str) or not isinstance(value, str):
            line = document.line_of(("renderings", english))
            raise RenderingsError(f"{path}:{line}: a rendering maps text to text, got {value!r}")
    return Renderings(language, path, dict(table))
