"""Every built page of an edition is in the edition's language, proved on the output: its
visible text and the attributes a reader sees or hears (`check/reader_text.py`). In the Chinese
edition, English words fail; in the English edition, Chinese characters fail. Each failure names
the page, the element and the text. Allowed: code, text an element marks as another language
(`lang`), codes and abbreviations (BT02, IND), the names kept in Latin letters, and what the
language's wording rules list as `foreign` (`_data/wording/<language>.yaml`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from sphinx.environment import BuildEnvironment

from ..core.collector import kb_data
from ..core.language import Language, language_of
from ..core.messages import wording_of
from ..registry.wording import Wording
from .cases import Check
from .reader_text import BuiltPage, ReaderText
from .report import Case

#: A run of Latin words, separated by spaces (a phrase, a name, a code, a file's path).
LATIN_RUN = re.compile(
    r"[A-Za-z@][A-Za-z0-9'’.&_/@-]*(?:[ \u00a0]+[A-Za-z0-9@][A-Za-z0-9'’.&_/@-]*)*"
)
#: A code or abbreviation: no lower-case letter (BT02, PD-L1, CXSL2300740, III).
CODE_WORD = re.compile(r"[A-Z0-9][A-Z0-9./+-]*")
#: An identifier, a file's name or path, a version: no word of any language (`facts.yaml`,
#: `company.financing`, `docs/_data`, `x86-64`).
IDENTIFIER = re.compile(r"\S*(?:[A-Za-z0-9_][._/][A-Za-z0-9_]|[A-Za-z]\d|\d[A-Za-z])\S*")
HAN_RUN = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff][\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]*"
)


class LanguageCheck(Check):
    """Each page: nothing in the other language outside what the rules allow."""

    def built_page(self, built: BuiltPage) -> Iterator[Case]:
        language, wording = self._language, wording_of(self.context.env)
        terms = self._english_terms if built.page in self._term_pages else set()
        found = [
            (text, foreign)
            for text in built.texts
            for foreign in foreign_parts(text, language, wording)
            if foreign.lower() not in terms
        ]
        for text, foreign in found:
            other = "English" if language.cjk else "Chinese"
            message = f"{text.element}: {other} {foreign!r} in the {language.endonym} edition"
            yield Case("language", built.filename, text.line, "failed", message)
        if not found:
            message = f"every text of page {built.page} is in {language.endonym}"
            yield Case("language", built.filename, 1, "passed", message)

    @cached_property
    def _language(self) -> Language:
        return language_of(self.context.config)

    @cached_property
    def _english_terms(self) -> set[str]:
        return english_terms(self.context.env)

    @cached_property
    def _term_pages(self) -> set[str]:
        """Where the glossary's English terms stand beside their translations."""
        return kb_data(self.context.env).glossary_pages() | {"genindex"}


def english_terms(env: BuildEnvironment) -> set[str]:
    """The glossary's terms in English: a translated glossary (and the index of its terms)
    gives each beside its translation, which is what a bilingual glossary is for."""
    objects = env.domaindata.get("std", {}).get("objects", {})
    return {name.lower() for kind, name in objects if kind == "term" and name.isascii()}


def foreign_parts(text: ReaderText, language: Language, wording: Wording | None) -> list[str]:
    """The parts of `text` in the other language that no rule allows."""
    if language.cjk:
        return english_parts(text, wording)
    return [run for run in HAN_RUN.findall(text.text) if not _allowed(run, text, wording)]


def english_parts(text: ReaderText, wording: Wording | None) -> list[str]:
    names = {kept.name for kept in wording.names} if wording else set()
    found = []
    for run in LATIN_RUN.findall(text.text):
        run = run.rstrip(".")
        if _allowed(run, text, wording):
            continue
        words = [word.strip(".'’") for word in run.split()]
        if all(is_no_english(word, names) for word in words if word):
            continue
        found.append(run)
    return found


def is_no_english(word: str, names: set[str]) -> bool:
    """A code, an identifier or a name kept in Latin letters (a possessive too: BioTroy's)."""
    name = word.removesuffix("'s").removesuffix("’s")
    return bool(CODE_WORD.fullmatch(word) or IDENTIFIER.fullmatch(word) or name in names)


def _allowed(run: str, text: ReaderText, wording: Wording | None) -> bool:
    return wording is not None and wording.allows_foreign(run, text.page)
