"""YAML that remembers where each value came from, so that errors can name the file and line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Location = tuple[str | int, ...]


class YamlSourceError(ValueError):
    """Malformed YAML: the message names the file and line."""

    def __init__(self, path: Path, line: int, problem: str) -> None:
        self.path, self.line, self.problem = path, line, problem
        super().__init__(f"{path}:{line}: malformed YAML: {problem}.")


class PlainDatesLoader(yaml.SafeLoader):
    """A safe loader that leaves `2023-09-15` as text, so that partial and impossible dates
    reach our own parser (which names the field) instead of failing inside PyYAML."""


PlainDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlDocument:
    """Parsed YAML data with the line (1-based) of every mapping key and sequence item."""

    path: Path
    data: Any
    lines: dict[Location, int] = field(default_factory=dict)
    first_line: int = 1

    def line_of(self, location: Sequence[str | int]) -> int:
        """The line of the deepest part of `location` that exists in the file."""
        loc = tuple(location)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.first_line


def parse_yaml(text: str, path: Path, first_line: int = 1) -> YamlDocument:
    """Parse `text` (which starts at `first_line` of `path`) keeping each value's line."""
    offset = first_line - 1
    try:
        node = yaml.compose(text, Loader=PlainDatesLoader)
        data = yaml.load(text, Loader=PlainDatesLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        problem = error.problem or error.context or "unreadable YAML"
        raise YamlSourceError(path, line, problem) from None
    except yaml.YAMLError as error:
        raise YamlSourceError(path, first_line, str(error)) from None
    lines: dict[Location, int] = {}
    if node is not None:
        _record_lines(node, (), lines, offset)
    return YamlDocument(path=path, data=data, lines=lines, first_line=first_line)


def load_yaml_file(path: Path) -> YamlDocument:
    return parse_yaml(path.read_text(encoding="utf-8"), path)


def _record_lines(node: yaml.Node, here: Location, lines: dict[Location, int], offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            location = (*here, key_node.value)
            lines[location] = key_node.start_mark.line + 1 + offset
            _record_lines(value_node, location, lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            location = (*here, index)
            lines[location] = item.start_mark.line + 1 + offset
            _record_lines(item, location, lines, offset)
