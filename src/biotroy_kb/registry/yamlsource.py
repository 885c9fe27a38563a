"""YAML that remembers where each value came from, so that errors can name the file and line.

Stricter than YAML itself where YAML would silently lose or multiply data: a key written twice
in one mapping is an error (YAML keeps the last value), and anchors and aliases (`&a`, `*a`) are
refused, so a few lines cannot expand into gigabytes ("billion laughs").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError

from .problems import undecodable

Location = tuple[str | int, ...]

#: Registry files and front matter are small; anything far larger is a mistake (a pasted export),
#: and refusing it keeps every build fast. The largest real file grows with the site: the Chinese
#: renderings of a 10,000-page site (every registry value and page summary) are 1.5 MB.
MAX_BYTES = 4 * 1024 * 1024


class YamlSourceError(ValueError):
    """YAML we cannot read: each (line, message) names a line of `path`."""

    def __init__(self, path: Path, problems: list[tuple[int, str]]) -> None:
        self.path, self.problems = path, problems
        self.line, self.problem = problems[0]
        super().__init__("; ".join(f"{path}:{line}: {message}" for line, message in problems))


class _Refused(ComposerError):
    """Valid YAML that we refuse (an anchor or alias)."""


class PlainDatesLoader(yaml.SafeLoader):
    """A safe loader that leaves `2023-09-15` as text, so that partial and impossible dates
    reach our own parser (which names the field) instead of failing inside PyYAML; and that
    refuses anchors and aliases."""

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(
                None,
                None,
                "anchors and aliases (&name, *name) are not allowed here: write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)


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
    node, data = _compose_and_construct(text, path, offset)
    lines: dict[Location, int] = {}
    duplicates: list[tuple[int, str]] = []
    if node is not None:
        _record_lines(node, (), lines, offset, duplicates)
    if duplicates:
        raise YamlSourceError(path, duplicates)
    return YamlDocument(path=path, data=data, lines=lines, first_line=first_line)


def _compose_and_construct(text: str, path: Path, offset: int) -> tuple[yaml.Node | None, Any]:
    loader = None
    try:
        loader = PlainDatesLoader(text)
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1 + offset
        problem = f"control character {error.character:#06x} is not allowed (delete it)"
        raise YamlSourceError(path, [(line, problem)]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + offset) if mark else offset + 1
        problem = error.problem or error.context or "unreadable YAML"
        if not isinstance(error, _Refused):
            problem = f"malformed YAML: {problem}"
        raise YamlSourceError(path, [(line, problem)]) from None
    except yaml.YAMLError as error:
        raise YamlSourceError(path, [(offset + 1, f"malformed YAML: {error}")]) from None
    except RecursionError:
        problem = "malformed YAML: values are nested too deeply"
        raise YamlSourceError(path, [(offset + 1, problem)]) from None
    finally:
        if loader is not None:
            loader.dispose()


def read_text(path: Path) -> str:
    """The file's text; a file that is too large or not UTF-8 is refused with the line of the
    first byte that cannot be read."""
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        problem = f"the file is larger than {MAX_BYTES // 1024} KB; is it the right file?"
        raise YamlSourceError(path, [(1, problem)])
    if (problem := undecodable(raw)) is not None:
        raise YamlSourceError(path, [problem])
    return raw.decode("utf-8-sig")


def load_yaml_file(path: Path) -> YamlDocument:
    return parse_yaml(read_text(path), path)


def _record_lines(
    node: yaml.Node,
    here: Location,
    lines: dict[Location, int],
    offset: int,
    duplicates: list[tuple[int, str]],
) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1 + offset
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value
                if key in seen:
                    message = (
                        f"duplicate key {key!r}, first on line {seen[key]} and again on line "
                        f"{line} (YAML would keep only the last)"
                    )
                    duplicates.append((line, message))
                seen.setdefault(key, line)
            location = (*here, key_node.value)
            lines[location] = line
            _record_lines(value_node, location, lines, offset, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            location = (*here, index)
            lines[location] = item.start_mark.line + 1 + offset
            _record_lines(item, location, lines, offset, duplicates)
