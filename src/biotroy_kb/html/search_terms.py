"""Other ways to write what the site writes, so that search finds a page whichever one is typed.

A reader types what they have seen elsewhere: a press release's "solid tumors" for the site's
"solid tumours", "Investigational New Drug" for "IND", "PDL1" for "PD-L1", the serial number
"2300740" of "CXSL2300740", or the term in the other language (单克隆抗体 on the English site,
"monoclonal antibody" on the Chinese one). None of these is listed by hand. They are generated
from the site's own vocabulary, the glossary, its translation and the registry:

- a glossary entry with several terms ("CDE" and "Center for Drug Evaluation") makes them
  aliases of each other;
- each glossary term and its translation in the other edition's catalog are aliases (the
  terms are paired by their anchors, `term-monoclonal-antibody`, the same in both editions);
  a translated term's parts are aliases too: 国家药品监督管理局（国家药监局，NMPA）;
- British spellings get their US forms by spelling rules (-our, -ise, -yse, -tre, -ogue,
  ae/oe), wherever a page writes them, so a new word brings its own;
- hyphenated terms get their run-together form, identifiers (letters then digits) their
  digits alone, and terms ending in -y their plural in -ies.

The indexed copy of each page gets, after every form it writes, the other forms of its group
in a hidden span (`search_hidden`): found by search, never shown to the reader.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from ..registry.entries import Registry
from .search_hidden import CJK_CHARACTERS, CJK_RUN, hidden_words

_WORD = re.compile(r"[A-Za-z]+")
_COMPOUND = re.compile(r"\b[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+\b")
_IDENTIFIER = re.compile(r"\b([A-Z]{2,})(\d{4,})\b")
#: British spelling (as a regular expression over a lower-case word) and its US replacement.
#: Each rule is narrow on purpose: "hour" and "four" keep their -our, "advise" its -ise.
_SPELLING_RULES = [
    (re.compile(r"^(\w{3,}?)our(s|ed|ing)?$"), r"\1or\2"),
    (
        re.compile(
            r"^(\w*(?:al|og|an|im|il|er|or|ic|un|gn|rd|ar|it))is(e|es|ed|ing|ation|ations)$"
        ),
        r"\1iz\2",
    ),
    (re.compile(r"^(\w+)ys(e|es|ed|ing)$"), r"\1yz\2"),
    (re.compile(r"^(\w{2,})tre(s)?$"), r"\1ter\2"),
    (re.compile(r"^(\w+)ogue(s)?$"), r"\1og\2"),
    (re.compile(r"^(\w*[^aeiou])ae([mdct]\w*)$"), r"\1e\2"),
    (re.compile(r"^oe([dst]\w*)$"), r"e\1"),
    (re.compile(r"^(\w+h)oea(\w*)$"), r"\1ea\2"),
]
#: Words the rules would turn into another word or a misspelling.
_NOT_BRITISH = {"contour", "detour", "devour", "paramour", "troubadour", "surmise", "demise"}
_NOT_BRITISH_STEMS = {word.removesuffix("e") for word in _NOT_BRITISH}
#: Where a translated term's parts are split: 国家药品监督管理局（国家药监局，NMPA）.
_TERM_PARTS = re.compile(r"[（）()，,、；;]")
#: A Latin word of a page's text, as the spelling rules read it.
_TEXT_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{4,}(?![A-Za-z0-9])")
#: Endings a Latin form keeps when it is found ("tumours" is "tumour" + s).
_ENDINGS = ("s", "es", "ed", "ing")


def us_spelling(word: str) -> str | None:
    """The US spelling of a British-spelt word, or None when the word is spelt alike."""
    return _us_spelling(word.lower())


@lru_cache(maxsize=1 << 16)  # asked for every word of every page: a site has few distinct ones
def _us_spelling(lower: str) -> str | None:
    if lower.rstrip("sd").removesuffix("e") in _NOT_BRITISH_STEMS:
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


def plurals(groups: list[set[str]]) -> list[set[str]]:
    """Latin terms in -y get their plural in -ies (antibody, antibodies): the ending rule of
    the finder ("tumours" is "tumour" + s) cannot make it."""
    out = []
    for group in groups:
        extra = {
            form[:-1] + "ies"
            for form in group
            if form.endswith("y") and len(form) > 3 and not form.isupper() and not is_cjk(form)
        }
        out.append(group | extra)
    return out


def is_cjk(form: str) -> bool:
    return CJK_RUN.search(form) is not None


@dataclass(frozen=True)
class GlossaryTerm:
    """A term of the glossary as this edition writes it, and its anchor."""

    anchor: str
    text: str


def glossary_entries(doctree: nodes.document) -> list[list[str]]:
    """The terms and definition of each glossary entry: [term, term…, definition]."""
    entries = []
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            terms = [term.astext().strip() for term in item.findall(nodes.term)]
            definition = item.next_node(nodes.definition)
            entries.append([*terms, definition.astext() if definition else ""])
    return entries


def glossary_terms(doctree: nodes.document) -> Iterator[GlossaryTerm]:
    for term in doctree.findall(nodes.term):
        for anchor in term["ids"]:
            yield GlossaryTerm(anchor, " ".join(term.astext().split()))


def translated_parts(text: str) -> set[str]:
    """A translated term and the forms in its brackets: 单克隆抗体（monoclonal antibody）."""
    return {part.strip() for part in _TERM_PARTS.split(text) if part.strip()}


def cross_language_groups(
    terms: Iterable[GlossaryTerm], catalog: dict[str, str], is_source: bool
) -> list[set[str]]:
    """Each term with its form in the other language, from the glossary's catalog (English
    message → translation). In the source edition a term is a message; in a translated one,
    its text is the translation of one."""
    english_of = {translation: message for message, translation in catalog.items()}
    groups = []
    for term in terms:
        if is_source:
            english, translation = term.text, catalog.get(term.text)
        else:
            english, translation = english_of.get(term.text), term.text
        if english and translation:
            groups.append({english} | translated_parts(translation))
    return groups


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


def home_names(registry: Registry | None) -> dict[str, list[str]]:
    """The names each page is the home of, by docname: an asset's page, of its code and its
    events' identifiers (with their digits alone, as readers type them). A search for one of
    them ranks that page first, as a glossary term ranks the glossary."""
    names: dict[str, list[str]] = {}
    for asset in registry.assets.values() if registry is not None else []:
        own = [asset.code, *(event.identifier for event in asset.events if event.identifier)]
        for name in own:
            forms = [name, *(digits for _, digits in _IDENTIFIER.findall(name))]
            names.setdefault(asset.page, []).extend(forms)
    return names


def read_catalog(path: Path) -> dict[str, str]:
    """A .po file's translated messages (msgid → msgstr); {} when there is none."""
    if not path.is_file():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as file:
        catalog = read_po(file)
    return {
        str(message.id): str(message.string)
        for message in catalog
        if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
    }


@dataclass
class Variants:
    """Groups of forms that mean the same; each form found in a text gets the others beside it."""

    groups: list[set[str]] = field(default_factory=list)

    @classmethod
    def drawn_from(
        cls,
        entries: list[list[str]],
        registry: Registry | None,
        other_language: list[set[str]] | None = None,
    ) -> Variants:
        synonyms = [set(entry[:-1]) for entry in entries if len(entry) > 2]
        texts = [text for entry in entries for text in entry]
        texts += registry_texts(registry) if registry is not None else []
        groups = synonyms + spelling_groups(texts) + written_forms(texts) + (other_language or [])
        return cls(merge(plurals(merge(groups))))

    # Both are asked for on every page indexed, and the groups grow with the site (each asset
    # brings its identifiers): made once, not once per page, they keep indexing linear.
    @cached_property
    def others(self) -> dict[str, list[str]]:
        """Each form (lower case, spaces collapsed) and the other forms of its group."""
        table: dict[str, list[str]] = {}
        for group in self.groups:
            for form in group:
                key = " ".join(form.split()).lower()
                rest = sorted(g for g in group if " ".join(g.split()).lower() != key)
                known = table.setdefault(key, [])
                known += [other for other in rest if other not in known]
        return table

    @cached_property
    def finder(self) -> AliasFinder:
        return AliasFinder(self.groups, self.others)

    def fingerprint(self) -> str:
        """The same for the same groups, whatever their order: a change means every page's
        indexed copy may change."""
        return repr(sorted(sorted(group) for group in self.groups))


@dataclass(frozen=True)
class Alias:
    """Other forms (as hidden words) of the `length` characters of text ending at `end`."""

    end: int
    length: int
    words: list[str]


class AliasFinder:
    """Finds, in a text, every form of every group (nested ones too, "tumours" in "solid
    tumours"), and every British spelling; with what to write after each."""

    def __init__(self, groups: list[set[str]], others: dict[str, list[str]]) -> None:
        self.others = others
        forms = sorted({form for group in groups for form in group})
        latin = [form for form in forms if not is_cjk(form)]
        endings = "(?:" + "|".join(_ENDINGS) + ")?"
        latin_branch = "(?<![A-Za-z0-9])(?:{}){}(?![A-Za-z0-9-])"
        branches = []
        # an acronym ("IND") only as written, in capitals, never the "ind" of "index"
        if plain := [form for form in latin if not form.isupper()]:
            branches.append(latin_branch.format(_trie(plain), endings))
        if capitals := [form for form in latin if form.isupper()]:
            branches.append(latin_branch.format(f"(?-i:{_trie(capitals)})", endings))
        if cjk := [form for form in forms if is_cjk(form)]:
            branches.append(_trie(cjk))
        # a look-ahead at every place: forms inside others are found too
        alternatives = "|".join(branches)
        self.pattern = re.compile(f"(?=({alternatives}))", re.I) if branches else None

    def find(self, text: str) -> list[Alias]:
        """Every alias of `text` (HTML-escaped text of one run of a page), in order: the
        longest form starting at each place, then each word inside a longer form ("haematology"
        of "haematology lab" has its own US spelling), and each British spelling."""
        found: list[Alias] = []
        seen: set[tuple[int, int]] = set()
        if self.pattern is not None:
            for match in self.pattern.finditer(text):
                written = match.group(1)
                words = self.words_for(written)
                if words:
                    end = match.start() + len(written)
                    seen.add((match.start(), end))
                    found.append(Alias(end, shown_length(written), words))
        for match in _TEXT_WORD.finditer(text):
            if match.span() in seen:
                continue
            words = self.words_for(match.group())
            us = us_spelling(match.group())
            if not words and us:
                words = [us]
            if words:
                found.append(Alias(match.end(), len(match.group()), words))
        found.sort(key=lambda alias: alias.end)
        return found

    def words_for(self, written: str) -> list[str]:
        """The hidden words for a form as written, its ending kept on the other forms."""
        key = " ".join(html.unescape(written).split()).lower()
        ending = ""
        others = self.others.get(key)
        if others is None:
            for suffix in _ENDINGS:
                if key.endswith(suffix) and key[: -len(suffix)] in self.others:
                    ending, others = suffix, self.others[key[: -len(suffix)]]
                    break
        if not others:
            return []
        words: list[str] = []
        for other in others:
            keeps_ending = ending and not is_cjk(other) and other.upper() != other
            words += hidden_words(other + ending if keeps_ending else other)
        return [html.escape(word, quote=False) for word in words]


def shown_length(written: str) -> int:
    """How many characters of the page's text (as search reads it) a form covers."""
    return len(" ".join(html.unescape(written).split()))


def _trie(forms: list[str]) -> str:
    """One regular expression for many literal forms, as a trie: matching it costs about the
    length of the text, not the number of forms. At each branch the longer form is tried first;
    a space matches any white space (a form broken across lines)."""
    root: dict[str, dict] = {}
    for form in forms:
        node = root
        for char in " ".join(form.split()):
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + pattern(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(root)


def merge(groups: list[set[str]]) -> list[set[str]]:
    """Groups that share a form (case aside) become one."""
    merged: list[set[str]] = []
    owner: dict[str, int] = {}
    for group in groups:
        keys = {" ".join(form.split()).lower() for form in group}
        joined = set(group)
        hits = sorted({owner[key] for key in keys if key in owner}, reverse=True)
        for index in hits:
            joined |= merged[index]
            merged[index] = set()
        merged.append(joined)
        for form in joined:
            owner[" ".join(form.split()).lower()] = len(merged) - 1
    return [group for group in merged if group]


__all__ = [
    "CJK_CHARACTERS",
    "Alias",
    "AliasFinder",
    "GlossaryTerm",
    "Variants",
    "cross_language_groups",
    "glossary_entries",
    "glossary_terms",
    "home_names",
    "merge",
    "read_catalog",
    "spelling_groups",
    "us_spelling",
    "written_forms",
]
