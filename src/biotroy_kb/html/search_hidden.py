"""Searchable, never shown: how the indexed copy of a page writes what search must find but a
reader must never see in an excerpt, and how Chinese is written so that it is found.

Pagefind keeps the indexed text of a page as its `content`, splits it at white space into
words, indexes each word, and answers a query with the places (word numbers) of the words it
matched. `kb-search.js` never shows Pagefind's own excerpt: it reads the content back into the
page's own text (`decode` here is the same reading, for the tests and the leak check) and
builds excerpts and highlights from that text alone. Two kinds of span are set off in the
content by private-use characters, which are neither letters nor digits, so Pagefind indexes
none of them:

- an *alias span*, `ALIAS FLAG N  word…  CLOSE`: other names of the N characters of the page's
  text just before it ("tumours" ⟶ tumors; 单克隆抗体 ⟶ monoclonal antibody), or, with N = 0,
  an index entry of the page. Found by search, never shown; a match on one of its words
  highlights the page's text it stands after.
- a *Chinese span*, `CJK FLAG  code…  CLOSE FLAG`: a run of Chinese characters, written only
  as codes, one per character.

FLAG says whether the text on that side of the span was joined to it (JOINED: the span sits
inside a run of text, as a Chinese word does in its sentence) or apart (APART: white space).

Chinese has no spaces between words, and the browser's word segmenter, which Pagefind runs
over every query on a page in Chinese, does not cut a query where the index was cut. So each
character is written as the code of the two characters starting there (its *bigram*, as
Lucene's CJK analyzer indexes Chinese), the last of a run as the code of itself alone: 单克隆抗体
is indexed as 单克 克隆 隆抗 抗体 体. A code is `zq`, three base-36 digits for the character, three
for the next (none for the last) and `0`: letters and digits only, which no segmenter cuts and
no stemmer shortens. The first three digits are the character, so the text reads back exactly.
A query asks for the codes of bigrams that cover it (kb-search.js); a single character is the
prefix of the codes of every bigram it starts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import pairwise

ALIAS = "\ue000"
CLOSE = "\ue001"
CJK = "\ue004"
JOINED = "\ue010"
APART = "\ue011"
#: N of an alias span: two characters from this one up, a digit of base 256 each.
DIGIT0 = 0xE100
MARKS = frozenset((ALIAS, CLOSE, CJK, JOINED, APART))

#: The characters written as codes: the CJK Unified Ideographs and Extension A (compatibility
#: ideographs are NFKC-normalised into them first).
CJK_CHARACTERS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RUN = re.compile(f"[{CJK_CHARACTERS}]+")
_CODE_BASE = 0x3400
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_CODE = re.compile(r"zq([0-9a-z]{3})(?:[0-9a-z]{3})?0")
_LONGEST_ALIAS = 256 * 256 - 1


@cache
def char_code(char: str) -> str:
    """Three base-36 digits for a Chinese character (its code point above U+3400)."""
    number = ord(unicodedata.normalize("NFKC", char)[0]) - _CODE_BASE
    if not 0 <= number < 36**3:
        number = 0
    digits = ""
    for _ in range(3):
        number, digit = divmod(number, 36)
        digits = _DIGITS[digit] + digits
    return digits


def cjk_codes(run: str) -> list[str]:
    """One code per character of a run of Chinese: the bigram it starts, or itself (the last)."""
    chars = [char_code(char) for char in run]
    if not chars:
        return []
    return [f"zq{a}{b}0" for a, b in pairwise(chars)] + [f"zq{chars[-1]}0"]


def number(length: int) -> str:
    length = min(length, _LONGEST_ALIAS)
    return chr(DIGIT0 + length // 256) + chr(DIGIT0 + length % 256)


def flag(joined: bool) -> str:
    return JOINED if joined else APART


def alias_span(words: list[str], length: int, joined: bool) -> str:
    """Other names of the `length` characters of text before it, or (0) of the page."""
    return f" {ALIAS}{flag(joined)}{number(length)} {' '.join(words)} {CLOSE} "


def cjk_span(codes: list[str], joined_before: bool, joined_after: bool) -> str:
    """A run of Chinese text written as its codes (`cjk_codes`)."""
    return f" {CJK}{flag(joined_before)} {' '.join(codes)} {CLOSE}{flag(joined_after)} "


def hidden_words(form: str) -> list[str]:
    """A form as the words of an alias span: Latin words as written, Chinese as codes."""
    words: list[str] = []
    for piece in re.split(f"([{CJK_CHARACTERS}]+)", form):
        if CJK_RUN.fullmatch(piece):
            words += cjk_codes(piece)
        else:
            words += piece.split()
    return words


def read_codes(codes: list[str]) -> str:
    """The Chinese text a sequence of codes was made from."""
    chars = []
    for code in codes:
        match = _CODE.fullmatch(code)
        if match:
            chars.append(chr(int(match.group(1), 36) + _CODE_BASE))
    return "".join(chars)


def decode(content: str) -> str:
    """The page's own text out of indexed content: alias spans left out, Chinese read back,
    the text the spans split joined again (kb-search.js `decode` does the same)."""
    text: list[str] = []
    gap = " "  # what goes between the text so far and the next word
    words = content.split()
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if word[0] not in (ALIAS, CJK):
            text += [gap, word] if text else [word]
            gap = " "
            continue
        closing = index
        while closing < len(words) and words[closing][0] != CLOSE:
            closing += 1
        inside, close = words[index:closing], words[closing] if closing < len(words) else CLOSE
        index = closing + 1
        if word[0] == ALIAS:
            gap = "" if word[1:2] == JOINED else " "
            continue
        run = read_codes(inside)
        before = "" if word[1:2] == JOINED else gap
        text += [before, run] if text else [run]
        gap = "" if close[1:2] == JOINED else " "
    return "".join(text)
