"""A Chinese reader's alphabet is pinyin. In a CJK edition the general index files each entry
under the first letter of its pinyin (受理号 under S, BT02 under B) and orders the entries of a
letter by pinyin, where Sphinx would give every first character its own group in code-point
order; and the glossary, which the English sorts from A to Z, is sorted by its translated terms
the same way once Sphinx has put the translations in (`core.writing` does the collation)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.locale import _ as sphinx_
from sphinx.transforms import GlossarySorter, SphinxTransform

from ..core.language import language_of
from ..core.writing import collation_key, index_letter

#: Sphinx's general index: (letter, [(entry, (links, subentries, category))]).
IndexEntries = list[tuple[str, list[tuple[str, tuple[list[Any], list[Any], Any]]]]]


def by_pinyin(entries: IndexEntries, symbols: str) -> IndexEntries:
    """The same entries, grouped under pinyin letters A–Z (anything else under `symbols`,
    first, as Sphinx puts it), each group and each entry's subentries in pinyin order."""
    groups: dict[str, list[Any]] = {}
    for _, group in entries:
        for name, (links, subentries, category) in group:
            letter = index_letter(name, cjk=True)
            ordered_subentries = sorted(subentries, key=lambda sub: collation_key(sub[0], True))
            groups.setdefault(letter, []).append((name, (links, ordered_subentries, category)))
    letters = sorted(groups, key=lambda letter: (letter != "#", letter))
    return [
        (symbols if letter == "#" else letter, sorted(groups[letter], key=_entry_key))
        for letter in letters
    ]


def _entry_key(entry: tuple[str, Any]) -> tuple[tuple[str, ...], str]:
    return collation_key(entry[0], cjk=True)


def index_in_pinyin_order(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    entries = context.get("genindexentries")
    if not entries or not language_of(app.config).cjk:
        return
    regrouped = by_pinyin(entries, str(sphinx_("Symbols")))
    context["genindexentries"] = regrouped
    context["genindexcounts"] = [
        sum(1 + len(subentries) for _, (_, subentries, _) in group) for _, group in regrouped
    ]


class GlossaryInPinyinOrder(SphinxTransform):
    """A sorted glossary's entries in pinyin order of their first term, right after Sphinx
    sorts them by code point (`GlossarySorter`, which runs after the translations are in)."""

    default_priority = GlossarySorter.default_priority + 1

    def apply(self, **kwargs: Any) -> None:
        if not language_of(self.config).cjk:
            return
        for glossary in self.document.findall(addnodes.glossary):
            if glossary.get("sorted"):
                for listing in glossary.findall(nodes.definition_list):
                    listing.children.sort(key=first_term_key(listing))
                    file_under_pinyin_letters(listing)


def first_term_key(listing: nodes.definition_list) -> Callable[[nodes.Node], Any]:
    def key(item: nodes.Node) -> Any:
        term = item.next_node(nodes.term) if isinstance(item, nodes.Element) else None
        return collation_key(term.astext() if term is not None else "", cjk=True)

    return key


def file_under_pinyin_letters(listing: nodes.definition_list) -> None:
    """Each entry's letter for the glossary's A–Z bar (`directives/glossary.py`): the first
    letter of its term's pinyin."""
    for item in listing.children:
        term = item.next_node(nodes.term) if isinstance(item, nodes.Element) else None
        if term is not None:
            item["kb_letter"] = index_letter(term.astext(), cjk=True)


def setup_pinyin_order(app: Sphinx) -> None:
    app.add_transform(GlossaryInPinyinOrder)
    app.connect("html-page-context", index_in_pinyin_order)
