"""Node helpers every part of the extension shares: the mark on generated blocks, links to
pages, and tests on a node's ancestors and kind."""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx import addnodes

#: Blocks drawn from the registry carry this class; the check reads their text as generated.
GENERATED_CLASS = "kb-generated"
#: A table cell's label, in the reader's language, for narrow screens where rows become cards:
#: the HTML writer writes it as `data-label` (`html/labels.py`).
CARD_LABEL = "kb_label"
#: A fact's source number for print, written as `data-number` and shown by CSS in print
#: only: not the element's text, which search, descriptions and copying read.
PRINT_NUMBER = "kb_print_number"


def generated_classes(*names: str) -> list[str]:
    """The classes of a block the extension draws: its own names, then the generated mark."""
    return [*names, GENERATED_CLASS]


def doc_link(docname: str, text: str) -> nodes.Node:
    """A cross-reference to a page, resolved (and checked) by Sphinx."""
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget=f"/{docname}", refexplicit=True
    )
    ref += nodes.inline(text=text)
    return ref


def inside(node: nodes.Node, test: Callable[[nodes.Node], bool]) -> bool:
    """Whether any ancestor of `node` passes `test`."""
    parent = node.parent
    while parent is not None:
        if test(parent):
            return True
        parent = parent.parent
    return False


def is_term_link(reference: nodes.Element) -> bool:
    """A resolved `{term}` link: Sphinx marks its inline child `std-term`."""
    return any(
        "std-term" in child.get("classes", [])
        for child in reference.children
        if isinstance(child, nodes.Element)
    )
