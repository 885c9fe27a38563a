"""Babel's catalog compiling, written against Babel 2 (`SUPPORTED_MAJOR`):

- **A catalog compiled without a Babel catalog.** Sphinx compiles each translation catalog
  (`.po` to `.mo`) with Babel: `read_po` builds a `Catalog` of `Message` objects, parsing the
  catalog's locale again for each (`Locale.parse`, a look at the disk every time), and
  `write_mo` writes the messages out. A Chinese build of a thousand pages compiles a thousand
  catalogs before it reads a page, in the main process even with `-j`: 1.3 s of it. A catalog
  of plain entries (`msgid` and `msgstr`, comments, flags, obsolete `#~` entries) is compiled
  here line by line, reading it as Babel's parser does (the same stripped lines, Babel's own
  `unescape`, the same entries skipped), and Babel's own `write_mo` writes it out; its header is
  Babel's own, from a catalog of the header alone, made once per header and locale. Any other
  catalog (contexts, plurals, an entry twice, a line Babel would warn about, a header without
  its creation date) goes to Babel.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator

from babel.messages.catalog import Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import escape, read_po, unescape

from . import installed_version

#: Babel major releases whose reading and writing this module repeats.
SUPPORTED_MAJOR = frozenset({2})


def supported() -> bool:
    release = installed_version("babel")
    return release is not None and release[0] in SUPPORTED_MAJOR


class NotPlain(Exception):
    """The catalog holds something only Babel's own parser reads as Babel does."""


class Entry:
    """One entry being read: its `msgid` and `msgstr` lines, still quoted."""

    def __init__(self, msgid: str, fuzzy: bool) -> None:
        self.msgid = [msgid]
        self.msgstr: list[str] | None = None
        self.fuzzy = fuzzy

    def add_line(self, line: str) -> None:
        (self.msgid if self.msgstr is None else self.msgstr).append(line)

    def text(self) -> tuple[str, str]:
        if self.msgstr is None:
            raise NotPlain("an msgid without its msgstr")
        return "".join(map(unescape, self.msgid)), "".join(map(unescape, self.msgstr))


def plain_entries(text: str) -> Iterator[tuple[str, str, bool]]:
    """Each entry's (msgid, msgstr, fuzzy), as Babel's `PoFileParser` reads them; obsolete
    entries are skipped, as `write_mo` skips them."""
    entry: Entry | None = None
    flags: list[str] = []
    obsolete = False
    for line in (raw.strip() for raw in text.split("\n")):
        if not line:
            continue
        if line.startswith("#~"):
            keyword = line[2:].lstrip().partition(" ")[0]
            if keyword == "msgid":
                obsolete = True
            elif not obsolete:
                raise NotPlain("an obsolete line outside an obsolete entry")
            if entry is not None:
                yield (*entry.text(), entry.fuzzy)
            entry, flags = None, []
            continue
        if line[0] == "#":
            if entry is not None:
                yield (*entry.text(), entry.fuzzy)
            entry, obsolete = None, False
            if line.startswith("#,"):
                flags.extend(flag.strip() for flag in line[2:].lstrip().split(","))
            continue
        if obsolete:
            raise NotPlain("an entry's line after an obsolete one")
        keyword, _, argument = line.partition(" ")
        if line[0] == '"':
            if entry is None:
                raise NotPlain("a string outside any entry")
            entry.add_line(line)
        elif keyword == "msgid":
            if entry is not None:
                yield (*entry.text(), entry.fuzzy)
            entry, flags = Entry(argument.strip(), "fuzzy" in flags), []
        elif keyword == "msgstr" and entry is not None and entry.msgstr is None:
            entry.msgstr = [] if argument == '""' else [argument.strip()]
        else:
            raise NotPlain(f"the keyword {keyword!r}")
    if entry is not None:
        yield (*entry.text(), entry.fuzzy)


def dated(header: str) -> bool:
    """Whether a header entry gives the catalog's creation date, which Babel would otherwise
    set to the moment it compiles: a header kept for the build would then say another time."""
    return any(line.lower().startswith("pot-creation-date:") for line in header.split("\n"))


@functools.lru_cache(maxsize=64)
def babel_header(header: str, locale: str) -> tuple[str, str]:
    """The header `write_mo` writes for a catalog whose header entry says `header`, and the
    charset it encodes the catalog in: Babel's own, from a catalog of that entry alone."""
    catalog = read_po(io.StringIO(f'msgid ""\nmsgstr {escape(header)}\n'), locale)
    return next(iter(catalog)).string, catalog.charset


class PlainCatalog(list):
    """What Babel's `write_mo` reads of a catalog: its messages, header first, and its charset."""

    def __init__(self, messages: list[Message], charset: str) -> None:
        super().__init__(messages)
        self.charset = charset


def compiled(text: str, locale: str, use_fuzzy: bool = False) -> bytes:
    """The `.mo` that Babel's `read_po(text, locale)` and `write_mo(…, use_fuzzy)` write: Babel's
    `write_mo` itself, given the plain entries without a `Catalog` made of them."""
    header: str | None = None
    messages: dict[str, Message] = {}
    for msgid, msgstr, fuzzy in plain_entries(text):
        if msgid in messages or (msgid == "" and header is not None):
            raise NotPlain(f"the msgid {msgid!r} twice")
        if msgid == "":
            header = msgstr
        else:
            messages[msgid] = Message(msgid, msgstr, flags=("fuzzy",) if fuzzy else ())
    if header is None or not dated(header):
        raise NotPlain("no creation date in a header (Babel dates the catalog as it compiles it)")
    header_string, charset = babel_header(header, locale)
    return mo_written([Message("", header_string), *messages.values()], charset, use_fuzzy)


def mo_written(messages: list[Message], charset: str, use_fuzzy: bool) -> bytes:
    """What Babel's `write_mo` writes of these messages, header first."""
    out = io.BytesIO()
    write_mo(out, PlainCatalog(messages, charset), use_fuzzy)
    return out.getvalue()
