"""Glossary hover text, and the glossary's A–Z bar.

Every `{term}` link carries its term's short definition in its `title` (so it shows on hover
everywhere), and a small self-hosted script turns it into a tooltip that also shows on keyboard
focus and on a tap.

Above each glossary, a bar of letters leads to the first entry filed under each. The letters
come from the glossary itself, in its own order: each run of entries filed under one letter is
one link. An entry is filed under the letter its sorter gave it (a `kb_letter` attribute on the
list item, which a language's collation may set, as pinyin does for Chinese), else under the
first letter of its term, else (a translated term that begins with a character of another
script) under the first letter of the anchor its source term was given. A glossary whose
entries are not grouped by letter gets no bar.
"""

from __future__ import annotations

import html
import unicodedata

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from ..core.collector import kb_data, note_listing, tooltip_text
from ..core.messages import _
from ..core.nodes import is_term_link

#: The anchor of the first entry under a letter.
LETTER_ANCHOR = "glossary-letter-{letter}"
OTHER = "#"


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


def latin_letter(text: str) -> str | None:
    """The first letter of `text`, accents dropped, upper-cased, if it is one of A to Z."""
    for character in unicodedata.normalize("NFKD", text.strip()):
        if unicodedata.combining(character):
            continue
        letter = character.upper()
        return letter if "A" <= letter <= "Z" else None
    return None


def entry_letter(item: nodes.definition_list_item) -> str:
    """The letter a glossary entry is filed under (see the module's docstring)."""
    if item.get("kb_letter"):
        return str(item["kb_letter"])
    term = item.next_node(nodes.term)
    if term is None:
        return OTHER
    shown = latin_letter(term.astext())
    if shown is not None or not term["ids"]:
        return shown or OTHER
    return latin_letter(term["ids"][0].removeprefix("term-")) or OTHER


def letter_runs(glossary: nodes.Element) -> list[tuple[str, nodes.term]]:
    """Each letter in the glossary's own order, with the first term of its run."""
    runs: list[tuple[str, nodes.term]] = []
    for item in glossary.findall(nodes.definition_list_item):
        letter = entry_letter(item)
        term = item.next_node(nodes.term)
        if term is not None and (not runs or runs[-1][0] != letter):
            runs.append((letter, term))
    return runs


def add_letter_bars(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The A–Z bar above each glossary of an HTML page (not in a book, which has no anchors to
    jump about in): a letter per run, linked to its first term."""
    if app.builder.format != "html" or getattr(app.builder, "embedded", False):
        return
    for number, glossary in enumerate(list(doctree.findall(addnodes.glossary))):
        runs = letter_runs(glossary)
        letters = [letter for letter, _ in runs]
        # a bar needs the entries grouped by letter: a glossary in another order (a Chinese one
        # sorted by characters, not yet by pinyin) would give a letter several places
        if len(runs) < 2 or len(set(letters)) < len(letters):
            continue
        links = []
        for letter, term in runs:
            slug = "other" if letter == OTHER else letter.lower()
            anchor = LETTER_ANCHOR.format(letter=slug) + (f"-{number}" if number else "")
            if anchor not in term["ids"]:
                term["ids"].append(anchor)
            term["classes"].append("kb-letter-start")
            links.append(f'<a href="#{anchor}">{html.escape(letter)}</a>')
        label = html.escape(_("Glossary entries by letter"), quote=True)
        bar = f'<nav class="kb-letters" aria-label="{label}">{"".join(links)}</nav>'
        glossary.parent.insert(glossary.parent.index(glossary), nodes.raw("", bar, format="html"))


def setup_glossary(app: Sphinx) -> None:
    app.connect("doctree-read", note_term_users)
    app.connect("doctree-resolved", add_definitions)
    app.connect("doctree-resolved", add_letter_bars)
