"""A page's description (`<meta name="description">`, `og:description`) is its summary, in the
reader's language. sphinxext-opengraph would otherwise join the page's first text nodes with
spaces: the step note, a fact's print-only source number and spaces between Chinese words
ended up in what search engines and link previews show. A page without a summary keeps
sphinxext-opengraph's description."""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from markdown_it import MarkdownIt
from sphinx.application import Sphinx

from ..core.collector import shown_front_matter

#: Before sphinxext-opengraph (500), which keeps a description already among the meta tags and
#: takes `og:` fields of the page's metadata as they are.
BEFORE_OPENGRAPH = 400
#: A summary is Markdown (`make check` is code on the pages that show it); a description is
#: plain text, which link previews show as it is.
_INLINE = MarkdownIt("commonmark")


def describe_with_summary(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.Node
) -> None:
    if doctree is None or pagename not in app.env.all_docs:
        return
    summary = plain_text(shown_front_matter(app.env, pagename, "summary") or "")
    if not summary:
        return
    # a copy: the page's metadata in the environment stays as the page wrote it
    context["meta"] = {**(context.get("meta") or {}), "og:description": summary}
    tag = f'<meta name="description" content="{escape(summary, quote=True)}" />'
    context["metatags"] = context.get("metatags", "") + "\n" + tag


def plain_text(markdown: str) -> str:
    """The words of inline Markdown, as its rendering shows them: code and emphasis without
    their markers."""
    words = {"text": None, "code_inline": None, "softbreak": " ", "hardbreak": " "}
    return "".join(
        child.content if words[child.type] is None else words[child.type]
        for token in _INLINE.parseInline(markdown)
        for child in token.children or []
        if child.type in words
    ).strip()


def setup_descriptions(app: Sphinx) -> None:
    app.connect("html-page-context", describe_with_summary, priority=BEFORE_OPENGRAPH)
