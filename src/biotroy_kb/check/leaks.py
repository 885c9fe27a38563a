"""The leak check for the public edition: no output file may hold the title or distinctive text
of an internal page, or the value of an internal fact.

Every content file is searched (HTML, the Pagefind search index, sitemap, feed, `objects.inv`,
`_sources`, the shared navigation file; not the theme's other `_static` files), after
undoing what output formats do to text: HTML entities, typographic quotes, line wrapping and
the compression of `objects.inv` and of the search index's gzip-compressed files.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib
from sphinx.config import Config

from ..core.collector import front_matter_on_disk
from ..core.frontmatter import front_matter_of_file
from ..core.language import language_of
from ..core.visibility import is_public, is_public_edition
from ..html.navigation_file import SHARED_FILE_NAME
from ..html.search_hidden import decode
from ..registry.entries import Registry
from ..registry.problems import display_path
from .cases import Check
from .report import Case

#: A prose line this long is distinctive enough that finding it elsewhere means a leak.
DISTINCTIVE_LENGTH = 40
TRANSLATED_DISTINCTIVE_LENGTH = 12  # Chinese characters
CJK = re.compile(r"[\u3400-\u9fff]")
_MARKUP = re.compile(r"[{}`\[\]<>|*:#=]")
_FENCE = re.compile(r"^(`{3,}|~{3,}|:{3,})(.*)$")
_BINARY_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".ico", ".woff", ".woff2", ".ttf", ".epub"}
_GZIP_MAGIC = b"\x1f\x8b"
#: What a page's record in Pagefind's index (a fragment, JSON) starts with, once decompressed;
#: its index chunks and metadata start with the same signature, then CBOR.
_FRAGMENT_SIGNATURE = b"pagefind_dcd{"
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True)
class Marker:
    """A string that must not appear in the public edition, and where it comes from."""

    text: str
    origin: str


def normalise(text: str) -> str:
    return " ".join(html.unescape(text).translate(_QUOTES).split()).casefold()


def internal_markers(
    srcdir: Path, config: Config, registry: Registry | None, catalogs: Path | None = None
) -> list[Marker]:
    """What would prove a leak: internal pages' titles and sentences, internal facts' values
    and, for a translated edition (`catalogs` is its LC_MESSAGES folder), their translations."""
    markers: list[Marker] = []
    for path in sorted(srcdir.rglob("*.md")):
        relpath = path.relative_to(srcdir)
        if "_build" in relpath.parts:
            continue
        if is_public(front_matter_on_disk(config, srcdir, path).page.audience):
            continue
        markers.extend(_page_markers(path, str(relpath)))
        if catalogs is not None:
            markers.extend(_translated_markers(catalogs / relpath.with_suffix(".po"), relpath))
    if registry is not None:
        # a value that a public fact also has ("Antibody") proves nothing when found
        public_values = {
            normalise(f.text) for f in registry.facts.values() if is_public(f.audience)
        }
        public_values |= {normalise(stage) for stage in registry.stages}  # every chart shows them
        markers.extend(
            Marker(fact.text, f"value of internal fact {fact.key}")
            for fact in registry.facts.values()
            if not is_public(fact.audience)
            and fact.is_confirmed
            and len(fact.text) >= 6
            and normalise(fact.text) not in public_values
        )
    return markers


def _page_markers(path: Path, relpath: str) -> list[Marker]:
    markers = []
    summary = front_matter_of_file(path).data.get("summary")
    if summary:
        markers.append(Marker(str(summary), f"summary of internal page {relpath}"))
    body = path.read_text(encoding="utf-8").split("\n---", 1)[-1]
    fences: list[tuple[str, bool]] = []  # open fences: (the fence, whether it holds code)
    for line in body.splitlines():
        text = line.strip()
        fence = _FENCE.match(text)
        if fence:
            run, info = fence.groups()
            if fences and not info.strip() and run.startswith(fences[-1][0]):
                fences.pop()
            else:
                fences.append((run, not info.strip().startswith("{")))
            continue
        if any(is_code for _, is_code in fences):
            continue  # examples quote other files; only the page's own prose is its own
        if text.startswith("# ") and len(text[2:].split()) > 1:
            # a one-word title ("Performance") is no proof of a leak; the page's sentences are
            markers.append(Marker(text[2:], f"title of internal page {relpath}"))
        elif len(text) >= DISTINCTIVE_LENGTH and not _MARKUP.search(text):
            markers.append(Marker(text, f"text of internal page {relpath}"))
    return markers


def _translated_markers(catalog: Path, relpath: Path) -> list[Marker]:
    """An internal page's translated sentences (a dozen Chinese characters say as much as
    forty Latin letters)."""
    if not catalog.is_file():
        return []
    return [
        Marker(entry.msgstr, f"translated text of internal page {relpath}")
        for entry in polib.pofile(str(catalog))
        if entry.msgstr
        and not entry.obsolete
        and len(CJK.findall(entry.msgstr)) >= TRANSLATED_DISTINCTIVE_LENGTH
        and not _MARKUP.search(entry.msgstr)
    ]


def output_text(path: Path) -> str:
    """A file's text as a reader or a tool could recover it: a page's record in the search
    index also as search shows it (its Chinese read back from the codes it is indexed by)."""
    data = path.read_bytes()
    if path.name == "objects.inv":
        header, _, compressed = data.partition(b"zlib.\n")
        data = header + zlib.decompress(compressed)
    elif data.startswith(_GZIP_MAGIC):  # Pagefind's index and fragments
        data = gzip.decompress(data)
    text = data.decode("utf-8", errors="replace")
    if data.startswith(_FRAGMENT_SIGNATURE):
        record = json.loads(data[len(_FRAGMENT_SIGNATURE) - 1 :])
        text += " " + decode(record.get("content", ""))
    return normalise(text)


def is_content(relpath: Path) -> bool:
    """_static holds the theme's and our scripts, never content, but for the shared navigation
    file (a script's own words, "the checkbox", would match an internal page titled "The check")."""
    return relpath.parts[0] != "_static" or SHARED_FILE_NAME.fullmatch(relpath.name) is not None


def find_leaks(outdir: Path, markers: list[Marker]) -> list[tuple[str, Marker]]:
    wanted = [(normalise(marker.text), marker) for marker in markers]
    leaks = []
    for path in sorted(p for p in outdir.rglob("*") if p.is_file()):
        relpath = path.relative_to(outdir)
        if path.suffix.lower() in _BINARY_SUFFIXES or not is_content(relpath):
            continue
        text = output_text(path)
        leaks.extend(
            (str(path.relative_to(outdir)), marker) for needle, marker in wanted if needle in text
        )
    return leaks


class LeakCheck(Check):
    """The public edition: no output file holds anything of an internal page or fact."""

    def site(self) -> Iterator[Case]:
        context = self.context
        if not is_public_edition(context.config):
            return
        config, catalogs = context.config, None
        language = language_of(config)
        if not language.is_source and config.locale_dirs:
            catalogs = context.srcdir / config.locale_dirs[0] / language.code / "LC_MESSAGES"
        markers = internal_markers(context.srcdir, config, context.registry, catalogs)
        leaks = find_leaks(context.html_dir, markers)
        leaked = {marker for _, marker in leaks}
        shown = display_path(context.html_dir)
        for file, marker in leaks:
            message = f"{file} holds the {marker.origin}: {marker.text[:80]!r}"
            yield Case("leaks", f"{shown}/{file}", 1, "failed", message)
        for marker in markers:
            if marker not in leaked:
                yield Case("leaks", shown, 1, "passed", f"no output file holds the {marker.origin}")
