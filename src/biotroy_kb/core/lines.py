"""Source lines of nodes. MyST gives every inline node the line of its paragraph; counting the
line breaks before a node inside the paragraph gives the line it is really on."""

from __future__ import annotations

from docutils import nodes


def node_line(node: nodes.Node) -> int:
    """The source line of a node. Inside a paragraph, the paragraph's first line plus the line
    breaks that come before the node."""
    block = node.parent
    while block is not None and not (isinstance(block, nodes.TextElement) and block.line):
        block = block.parent
    if block is None:
        return _known_line(node)
    breaks = 0
    for descendant in block.findall():
        if descendant is node:
            return block.line + breaks
        if isinstance(descendant, nodes.Text):
            breaks += descendant.astext().count("\n")
    return _known_line(node)


def _known_line(node: nodes.Node) -> int:
    """The line of a node, or of its nearest ancestor that knows it."""
    while node is not None:
        if getattr(node, "line", None):
            return node.line
        node = node.parent
    return 1
