"""How the site's languages are written, where the reader notices it: Chinese has no spaces
between words, so its length is counted in characters; it is ordered and grouped by pinyin,
not by code point; and Chinese characters meet Latin letters and digits without a space (the
browser draws the gap: CSS `text-autospace`). Plain Python, no Sphinx.

The reading rates: English at 200 words a minute, below the 238 a minute that Brysbaert's
meta-analysis found for silent reading of English non-fiction (Journal of Memory and
Language 109, 2019); Chinese at 255 characters a minute, the mean of native Chinese readers
in the International Reading Speed Texts study (Trauzettel-Klosinski and Dietz, Investigative
Ophthalmology & Visual Science 53(9), 2012: 255 ± 29 characters a minute, read aloud by
adults aged 18 to 35). Both are about reading-aloud pace, so a reader reading silently
finishes early rather than late.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

WORDS_PER_MINUTE = 200
CHARACTERS_PER_MINUTE = 255

#: Chinese characters (CJK Unified Ideographs, extension A, compatibility ideographs).
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: Punctuation of Chinese text: full-width forms, CJK symbols and the ideographic space.
CJK_PUNCTUATION = re.compile(r"[\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019]")
#: A word of Latin letters or digits.
WORD = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")
#: A space between a Chinese character and a Latin letter or digit, either way round: the one
#: spacing rule of the Chinese edition is that there is none (see `spacing_problems`).
SPACE_AT_SCRIPT_CHANGE = re.compile(
    r"(?P<han>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])(?P<space>[ \u00a0]+)(?=[A-Za-z0-9])"
    r"|(?<=[A-Za-z0-9])(?P<space2>[ \u00a0]+)(?P<han2>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])"
)


def han_characters(text: str) -> int:
    return len(HAN.findall(text))


def latin_words(text: str) -> int:
    """Words written in Latin letters or digits (in Chinese text too: BT02, FDA, 2023)."""
    return len(WORD.findall(text))


def reading_minutes(words: int, characters: int) -> int:
    """Whole minutes, at least one: Latin words at the word rate, Chinese characters at the
    character rate (a Chinese page that names BT02 and the FDA is counted in both)."""
    minutes = words / WORDS_PER_MINUTE + characters / CHARACTERS_PER_MINUTE
    return max(1, math.ceil(minutes))


def spacing_problems(text: str) -> list[str]:
    """Each place in `text` where a space separates a Chinese character from a Latin letter or
    digit, shown with a few characters around it."""
    found = []
    for match in SPACE_AT_SCRIPT_CHANGE.finditer(text):
        start, end = max(0, match.start() - 6), min(len(text), match.end() + 6)
        found.append(text[start:end].strip())
    return found


@lru_cache(maxsize=8192)
def pinyin_of(text: str) -> tuple[str, ...]:
    """`text` as pinyin syllables with tone numbers (`受理号` → shou4 li3 hao4); Latin letters
    and digits as they are, lower-cased."""
    from pypinyin import Style, lazy_pinyin

    return tuple(
        part.strip().lower()
        for part in lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)
        if part.strip()
    )


def collation_key(text: str, cjk: bool) -> tuple[tuple[str, ...], str]:
    """How a language orders entries: Chinese by pinyin (tone breaking ties, then the
    characters themselves), any other language by the case-folded text."""
    if not cjk:
        return ((text.casefold(),), text)
    return (pinyin_of(text), text)


def index_letter(text: str, cjk: bool) -> str:
    """The letter an entry is filed under: its first letter, for Chinese the first letter of
    its pinyin (受理号 under S, BT02 under B); anything else under `#`."""
    stripped = text.lstrip()
    if not stripped:
        return "#"
    first = stripped[0]
    if cjk and HAN.match(first):
        first = pinyin_of(first)[0][:1]
    first = first.upper()
    return first if "A" <= first <= "Z" else "#"
