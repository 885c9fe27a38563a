"""The languages the knowledge base is written in, each as one value that every part reads.

A language has many names: gettext's `zh_CN` (Sphinx's `language`, the catalogs' folders),
the BCP 47 tag `zh-CN` (`<html lang>`, `hreflang`, EPUB, the feed's `xml:lang`, Pagefind),
Read the Docs' path segment `zh-cn`, the suffix of its output folder (`_build/html-zh`), and
the name readers look for it by, in itself (中文). Each is written once, in `LANGUAGES`; a
further language is one more row there, plus its catalogs. Nothing here imports Sphinx.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


class UnknownLanguage(ValueError):
    """A language the knowledge base is not written in."""


@dataclass(frozen=True)
class Language:
    """One language of the site and every name it goes by."""

    #: gettext's code: Sphinx's `language`, the catalogs' folder (`en`, `zh_CN`)
    code: str
    #: the BCP 47 tag (`en`, `zh-CN`)
    tag: str
    #: the segment of the project's URL on Read the Docs (`en`, `zh-cn`)
    segment: str
    #: what a build's output folder adds to its name (`html` → `html-zh`)
    folder_suffix: str
    #: the language's name in itself, as the switcher shows it
    endonym: str
    #: the CLDR locale dates are written in (British English, as the site is)
    cldr_locale: str
    #: written in Chinese, Japanese or Korean characters: no spaces between words
    cjk: bool
    #: the language the pages are written in; the others are translations of it
    is_source: bool

    @property
    def pagefind(self) -> str:
        """Pagefind's name for it (`zh-cn`)."""
        return self.tag.lower()


LANGUAGES: tuple[Language, ...] = (
    Language("en", "en", "en", "", "English", "en_GB", cjk=False, is_source=True),
    Language("zh_CN", "zh-CN", "zh-cn", "-zh", "中文", "zh_Hans_CN", cjk=True, is_source=False),
)
SOURCE_LANGUAGE = next(language for language in LANGUAGES if language.is_source)
CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)


@cache
def language_named(name: str | None) -> Language:
    """The language any of its names stands for, in any case and with `-` or `_`: `zh_CN`,
    `zh-cn`, `zh-CN`, or the bare `zh`. No name (Sphinx's default) is the source language."""
    if not name:
        return SOURCE_LANGUAGE
    wanted = name.replace("-", "_").lower()
    for language in LANGUAGES:
        names = {language.code, language.tag, language.segment}
        if wanted in {n.replace("-", "_").lower() for n in names}:
            return language
    primary = [lang for lang in LANGUAGES if lang.code.split("_")[0].lower() == wanted]
    if len(primary) == 1:
        return primary[0]
    known = ", ".join(repr(code) for code in CODES)
    raise UnknownLanguage(f"expected one of {known}, the languages the site is written in")


def language_of(config: object) -> Language:
    """The language a build is in: Sphinx's `language` setting (validated when the build
    starts, `core.config`), looked up once per name."""
    return language_named(getattr(config, "language", None))
