"""Glossary hover text: every `{term}` link carries the first sentence of its term's definition.

The definition goes into the link's `title` (so it shows on hover everywhere), and a small
self-hosted script turns it into a tooltip that also shows on keyboard focus.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from ..core.collector import kb_data, note_listing, tooltip_text
from ..core.nodes import is_term_link


def note_term_users(app: Sphinx, doctree: nodes.document) -> None:
    """A page that links terms must be written again when the glossary changes."""
    if any(ref.get("reftype") == "term" for ref in doctree.findall(addnodes.pending_xref)):
        note_listing(app.env, {"glossary"})


def add_definitions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    definitions = kb_data(app.env).definitions
    for reference in doctree.findall(nodes.reference):
        if not is_term_link(reference):
            continue
        anchor = reference.get("refid") or reference.get("refuri", "").rpartition("#")[2]
        if anchor in definitions:
            reference["reftitle"] = tooltip_text(app.env, definitions[anchor][1])
            reference["classes"].append("kb-term")


def setup_glossary(app: Sphinx) -> None:
    app.connect("doctree-read", note_term_users)
    app.connect("doctree-resolved", add_definitions)
