"""A page's text as the check reads it: blocks of plain text with their file lines, where each
fact drawn from the registry, each glossary link and each other link is marked.

MyST turns each line break inside a paragraph into its own text node, so counting the line
breaks before a match gives the exact line of the source file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from docutils import nodes

from ..core.lines import node_line
from ..core.nodes import GENERATED_CLASS, inside, is_term_link

#: Stands in for a fact's value: it comes from the registry, so no rule needs to check it.
FACT_MARK = "\u2063"

#: Blocks whose text is code or markup, not prose.
_SKIPPED_BLOCKS = (
    nodes.literal_block,
    nodes.raw,
    nodes.comment,
    nodes.doctest_block,
    nodes.math_block,
)
QUOTATION_CLASS = "kb-quotation"
#: Lists and cards a directive draws from data: consistency rules apply, glossary first use not.
_TITLE_CLASSES = {"sd-card-title", "sd-card-header"}


@dataclass
class Span:
    start: int
    end: int
    kind: str  # "term", "link" or "code"
    target: str = ""


@dataclass
class TextBlock:
    """The text of one paragraph, title, table cell, term or caption."""

    text: str
    line: int
    is_title: bool
    is_quotation: bool
    is_generated: bool = False
    spans: list[Span] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        return self.line + self.text.count("\n", 0, offset)

    def span_at(self, offset: int) -> Span | None:
        return next((s for s in self.spans if s.start <= offset < s.end), None)


def is_fact(node: nodes.Node) -> bool:
    """A fact drawn from the registry: a link to its source (or plain text, if no sources page)."""
    return isinstance(node, (nodes.reference, nodes.inline)) and "kb-fact" in node.get(
        "classes", []
    )


def term_anchor(node: nodes.Node) -> str | None:
    """The glossary anchor a resolved `{term}` link points to, or None for any other node."""
    if not isinstance(node, nodes.reference) or not is_term_link(node):
        return None
    return node.get("refid") or node.get("refuri", "").rpartition("#")[2]


def _has_class(node: nodes.Node, names: set[str]) -> bool:
    return isinstance(node, nodes.Element) and bool(names & set(node.get("classes", [])))


def text_blocks(doctree: nodes.document) -> Iterator[TextBlock]:
    """Every block of prose in document order."""
    for element in doctree.findall(nodes.TextElement):
        if isinstance(element, _SKIPPED_BLOCKS) or inside(
            element, lambda n: isinstance(n, (nodes.TextElement, *_SKIPPED_BLOCKS))
        ):
            continue
        block = TextBlock(
            text="",
            line=node_line(element),
            is_title=isinstance(element, (nodes.title, nodes.rubric, nodes.caption))
            or inside(element, lambda n: _has_class(n, _TITLE_CLASSES)),
            is_quotation=inside(
                element,
                lambda n: isinstance(n, nodes.block_quote) and QUOTATION_CLASS in n["classes"],
            ),
            is_generated=inside(element, lambda n: _has_class(n, {GENERATED_CLASS})),
        )
        _flatten(element, block)
        if block.text.strip():
            yield block


def _flatten(node: nodes.Node, block: TextBlock) -> None:
    for child in node.children:
        if isinstance(child, nodes.Text):
            block.text += child.astext()
        elif is_fact(child):
            block.text += FACT_MARK
        elif isinstance(child, (nodes.literal, nodes.raw)):
            _marked(child, block, "code")
        elif term_anchor(child) is not None:
            _marked(child, block, "term", term_anchor(child) or "")
        elif isinstance(child, nodes.reference):
            _marked(child, block, "link")
        elif isinstance(child, (nodes.image, nodes.footnote_reference, nodes.target)):
            continue
        else:
            _flatten(child, block)


def _marked(node: nodes.Node, block: TextBlock, kind: str, target: str = "") -> None:
    start = len(block.text)
    if kind == "code":
        block.text += node.astext()
    else:
        _flatten(node, block)
    block.spans.append(Span(start, len(block.text), kind, target))
