"""A Markdown page's front matter, read with line numbers (for the collector, the editions and
the leak scan alike)."""

from __future__ import annotations

from pathlib import Path

from ..registry.yamlsource import YamlDocument, parse_yaml


def read_front_matter(path: Path) -> YamlDocument | None:
    """The front matter block of a Markdown file, with line numbers, or None if it has none."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 4)
    if end < 0:
        return None
    return parse_yaml(text[4 : end + 1], path, first_line=2)
