"""Accessibility fixes to the HTML Sphinx writes.

Sphinx marks the caption of a table of contents (the "The company" above a section of the
sidebar) as `role="heading"` but gives it no `aria-level`, which ARIA requires: screen readers
then cannot place it in the page's outline, and axe reports a critical violation. The
translator the builder uses is extended, whatever it is, to add the level where the tag's
attributes are made (its `starttag`, as pydata-sphinx-theme changes tags).

A code block wider than the page scrolls sideways; a keyboard reaches it only if it can take
focus (axe: `scrollable-region-focusable`), so each code block's `<pre>` and each of furo's
table wrappers (which scroll a wide table, as the Chinese edition's are at 375 px) gets
`tabindex="0"`.

The same translator writes the words the HTML writer adds in the reader's language
(`labels.py`): a narrow screen's card labels and a field list's colon.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from .labels import CardLabelMixin, LanguageColonMixin

_TABLE_WRAPPER = '<div class="table-wrapper'
#: Table-of-contents captions sit under the page's title, as second-level headings.
CAPTION_LEVEL = 2


class CaptionLevelMixin:
    """Adds `aria-level` to the `role="heading"` of table-of-contents captions."""

    def starttag(
        self,
        node: nodes.Element,
        tagname: str,
        suffix: str = "\n",
        empty: bool = False,
        **attributes: Any,
    ) -> str:
        if is_toctree_caption(node) and attributes.get("ROLE") == "heading":
            attributes["aria-level"] = str(CAPTION_LEVEL)
        return super().starttag(node, tagname, suffix, empty, **attributes)  # type: ignore[misc]


def is_toctree_caption(node: nodes.Element) -> bool:
    parent = node.parent
    return (
        isinstance(node, nodes.title)
        and isinstance(parent, addnodes.compact_paragraph)
        and bool(parent.get("toctree"))
    )


class FocusableCodeMixin:
    """Lets the keyboard scroll code blocks and wide tables: they take focus."""

    body: list[str]

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        size = len(self.body)
        try:
            super().visit_literal_block(node)  # type: ignore[misc]
        finally:
            for index in range(size, len(self.body)):
                # highlighted (`<pre>`) or, when translated, plain (`<pre class=…>`)
                self.body[index] = self.body[index].replace("<pre", '<pre tabindex="0"', 1)


def use_accessible_translator(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    base = app.builder.get_translator_class()
    if not issubclass(base, HTML5Translator) or issubclass(base, CaptionLevelMixin):
        return
    mixins = (CaptionLevelMixin, FocusableCodeMixin, CardLabelMixin, LanguageColonMixin)
    accessible = type(f"Accessible{base.__name__}", (*mixins, base), {})
    app.set_translator(app.builder.name, accessible, override=True)


def focusable_table_wrappers(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """furo's table wrappers: drawn by sphinx-design's container visitor, which replaces any
    translator's, so the tabindex is added to the page body instead."""
    body = context.get("body")
    if isinstance(body, str) and _TABLE_WRAPPER in body:
        context["body"] = body.replace(_TABLE_WRAPPER, f'<div tabindex="0" {_TABLE_WRAPPER[5:]}')


def setup_accessibility(app: Sphinx) -> None:
    app.connect("builder-inited", use_accessible_translator)
    app.connect("html-page-context", focusable_table_wrappers)
