"""Other ways to write what the site writes, so that search finds a page whichever one is typed.

A reader types what they have seen elsewhere: a press release's "solid tumors" for the site's
"solid tumours", "Investigational New Drug" for "IND", "PDL1" for "PD-L1", the serial number
"2300740" of "CXSL2300740". None of these is listed by hand. They are generated from the
site's own vocabulary, the glossary and the registry:

- a glossary entry with several terms ("CDE" and "Center for Drug Evaluation") makes them
  variants of each other;
- British spellings in that vocabulary get their US forms by spelling rules (-our, -ise,
  -yse, -tre, -ogue, ae/oe), so a new glossary term brings its own;
- hyphenated terms get their run-together form, and identifiers (letters then digits) their
  digits alone.

The search index gets each variant written beside every occurrence of its other forms, in the
copy of the page that is indexed, never in the page a reader sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from docutils import nodes
from sphinx import addnodes

from ..registry.entries import Registry

_WORD = re.compile(r"[A-Za-z]+")
_COMPOUND = re.compile(r"\b[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+\b")
_IDENTIFIER = re.compile(r"\b([A-Z]{2,})(\d{4,})\b")
#: British spelling (as a regular expression over a lower-case word) and its US replacement.
#: Each rule is narrow on purpose: "hour" and "four" keep their -our, "advise" its -ise.
_SPELLING_RULES = [
    (re.compile(r"^(\w{3,}?)our(s|ed|ing)?$"), r"\1or\2"),
    (re.compile(r"^(\w*(?:al|og|an|im|il|er|or|ic))is(e|es|ed|ing|ation|ations)$"), r"\1iz\2"),
    (re.compile(r"^(\w+)ys(e|es|ed|ing)$"), r"\1yz\2"),
    (re.compile(r"^(\w{2,})tre(s)?$"), r"\1ter\2"),
    (re.compile(r"^(\w+)ogue(s)?$"), r"\1og\2"),
    (re.compile(r"^(\w*[^aeiou])ae([mdct]\w*)$"), r"\1e\2"),
    (re.compile(r"^oe([dst]\w*)$"), r"e\1"),
    (re.compile(r"^(\w+h)oea(\w*)$"), r"\1ea\2"),
]
#: Words the -our rule would turn into another word or a misspelling.
_NOT_BRITISH = {"contour", "detour", "devour", "paramour", "troubadour"}


def us_spelling(word: str) -> str | None:
    """The US spelling of a British-spelt word, or None when the word is spelt alike."""
    lower = word.lower()
    if lower.rstrip("s") in _NOT_BRITISH:
        return None
    for pattern, replacement in _SPELLING_RULES:
        if pattern.match(lower):
            return pattern.sub(replacement, lower)
    return None


def spelling_groups(texts: Iterable[str]) -> list[set[str]]:
    """{British, US} for each word of `texts` that is spelt differently in the US."""
    seen: dict[str, str] = {}
    for text in texts:
        for word in _WORD.findall(text):
            us = us_spelling(word)
            if us is not None:
                seen[word.lower()] = us
    return [{british, us} for british, us in sorted(seen.items())]


def written_forms(texts: Iterable[str]) -> list[set[str]]:
    """{PD-L1, PDL1} for hyphenated terms with a capital or a digit; {CXSL2300740, 2300740}."""
    groups: dict[str, set[str]] = {}
    for text in texts:
        for compound in _COMPOUND.findall(text):
            if any(c.isdigit() or c.isupper() for c in compound):
                groups.setdefault(compound, {compound, compound.replace("-", "")})
        for letters, digits in _IDENTIFIER.findall(text):
            groups.setdefault(letters + digits, {letters + digits, digits})
    return list(groups.values())


def glossary_entries(doctree: nodes.document) -> list[list[str]]:
    """The terms and definition of each glossary entry: [term, term…, definition]."""
    entries = []
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            terms = [term.astext().strip() for term in item.findall(nodes.term)]
            definition = item.next_node(nodes.definition)
            entries.append([*terms, definition.astext() if definition else ""])
    return entries


def registry_texts(registry: Registry) -> list[str]:
    """What the registry writes: asset codes, indications, event identifiers, platform names,
    fact values."""
    texts: list[str] = []
    for asset in registry.assets.values():
        texts += [asset.code, asset.summary, *asset.indications]
        texts += [event.identifier or "" for event in asset.events]
    texts += [platform.name for platform in registry.platforms]
    texts += [fact.text for fact in registry.facts.values()]
    return texts


@dataclass
class Variants:
    """Groups of forms that mean the same; each form found in a text gets the others beside it."""

    groups: list[set[str]] = field(default_factory=list)

    @classmethod
    def drawn_from(cls, entries: list[list[str]], registry: Registry | None) -> Variants:
        synonyms = [set(entry[:-1]) for entry in entries if len(entry) > 2]
        texts = [text for entry in entries for text in entry]
        texts += registry_texts(registry) if registry is not None else []
        return cls(merge(synonyms + spelling_groups(texts) + written_forms(texts)))

    # Both are asked for on every page indexed, and the groups grow with the site (each asset
    # brings its identifiers): made once, not once per page, they keep indexing linear.
    @cached_property
    def others(self) -> dict[str, list[str]]:
        """Each form (lower case) and the other forms of its group."""
        table: dict[str, list[str]] = {}
        for group in self.groups:
            for form in group:
                rest = sorted(g for g in group if g.lower() != form.lower())
                table.setdefault(form.lower(), []).extend(rest)
        return table

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        """Any form of any group, as written in a page's text."""
        forms = sorted({form for group in self.groups for form in group}, key=len, reverse=True)
        if not forms:
            return None
        alternatives = "|".join(_form_pattern(form) for form in forms)
        # a word keeps its endings (tumour, tumours); "IND-enabling" is another term
        return re.compile(rf"(?<!\w)({alternatives})(s|es|ed|ing)?(?![\w-])", re.IGNORECASE)


def _form_pattern(form: str) -> str:
    """A form as written across line breaks; an acronym ("IND") only in capitals, never "ind"."""
    pattern = r"\s+".join(re.escape(word) for word in form.split())
    return f"(?-i:{pattern})" if form.isupper() else pattern


def merge(groups: list[set[str]]) -> list[set[str]]:
    """Groups that share a form (case aside) become one."""
    merged: list[set[str]] = []
    for group in groups:
        keys = {form.lower() for form in group}
        joined = set(group)
        for other in [m for m in merged if keys & {form.lower() for form in m}]:
            joined |= other
            merged.remove(other)
        merged.append(joined)
    return merged
