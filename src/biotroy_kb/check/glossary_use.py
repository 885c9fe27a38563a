"""Glossary use: each term is defined once and used outside the glossary, and on every page the
first mention of a term (or of one of its aliases) is a `{term}` link."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from ..core.lines import node_line
from .text import TextBlock


@dataclass
class GlossaryEntry:
    """One glossary item: its names (the term and any aliases) and the anchors Sphinx gave it."""

    names: list[str]
    anchors: set[str]
    docname: str
    line: int
    patterns: list[re.Pattern[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.patterns = [mention_pattern(name) for name in self.names]

    @property
    def name(self) -> str:
        return self.names[0]


def mention_pattern(name: str) -> re.Pattern[str]:
    """A whole-word match of `name`, with a plural ending and either kind of dash. Acronyms and
    names with capitals (IND, PD-1) match only as written; other names in any case."""
    body = re.escape(name).replace(r"\-", "[-\u2013]")
    flags = 0 if any(c.isupper() for c in name) else re.IGNORECASE
    return re.compile(rf"(?<![\w\-\u2013]){body}(?:s|es)?(?![\w\-\u2013])", flags)


def glossary_entries(doctree: nodes.document, docname: str, source: Path) -> list[GlossaryEntry]:
    lines = _term_lines(source)
    entries = []
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            terms = list(item.findall(nodes.term))
            anchors = {anchor for term in terms for anchor in term["ids"]}
            names = [term.astext().strip() for term in terms]
            written = lines.get(names[0])
            line = written.pop(0) if written else node_line(terms[0])
            entries.append(GlossaryEntry(names, anchors, docname, line))
    return entries


def _term_lines(source: Path) -> dict[str, list[int]]:
    """The lines where each term is written: unindented lines of the glossary's block, in order.
    (With MyST, Sphinx numbers glossary terms from the directive, not from the file's top.)"""
    found: dict[str, list[int]] = {}
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if line and not line[0].isspace():
            found.setdefault(line.strip(), []).append(number)
    return found


@dataclass(frozen=True)
class FirstUse:
    """How a page first mentions a term: linked or not, and where."""

    entry: GlossaryEntry
    linked: bool
    line: int
    text: str


def first_uses(blocks: Iterable[TextBlock], entries: list[GlossaryEntry]) -> Iterator[FirstUse]:
    by_anchor = {anchor: entry for entry in entries for anchor in entry.anchors}
    any_mention = _any_of(entries)
    seen: set[int] = set()
    for block in blocks:
        if block.is_title or block.is_quotation or block.is_generated:
            continue
        mentioned = any_mention.search(block.text) is not None
        for offset, entry, linked, text in sorted(
            _events(block, entries if mentioned else [], by_anchor), key=lambda e: e[0]
        ):
            if id(entry) in seen:
                continue
            seen.add(id(entry))
            yield FirstUse(entry, linked, block.line_at(offset), text)


def _any_of(entries: list[GlossaryEntry]) -> re.Pattern[str]:
    """One pattern that finds a mention of any term: a block that mentions none is searched
    once, not once for each name of each term."""
    alternatives = [
        f"(?i:{pattern.pattern})" if pattern.flags & re.IGNORECASE else f"(?:{pattern.pattern})"
        for entry in entries
        for pattern in entry.patterns
    ]
    return re.compile("|".join(alternatives) or r"(?!)")


def _events(
    block: TextBlock, entries: list[GlossaryEntry], by_anchor: dict[str, GlossaryEntry]
) -> Iterator[tuple[int, GlossaryEntry, bool, str]]:
    for span in block.spans:
        if span.kind == "term" and span.target in by_anchor:
            yield span.start, by_anchor[span.target], True, block.text[span.start : span.end]
    mentions = [
        (match.start(), match.end(), entry, match.group(0))
        for entry in entries
        for pattern in entry.patterns
        for match in pattern.finditer(block.text)
        if block.span_at(match.start()) is None
    ]
    for start, end, entry, text in mentions:
        # "solid tumours" inside "advanced solid tumours" is part of the longer term
        if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _, _ in mentions):
            yield start, entry, False, text
