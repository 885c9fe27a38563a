"""The search index: Pagefind's, over the indexed copy of each built page (`search_copy`),
written in parts that are kept between builds and indexed again only when a page in them was.

Pagefind cannot add a page to an index it wrote, but the browser can search several indexes
as one (Pagefind's `mergeIndex`). So the site's pages are dealt into parts, each page into the
part its address hashes to: adding or removing a page leaves every other page where it was.
Each part's indexed copies and its Pagefind bundle are kept in the doctree folder
(`kb-search/part-N/`); a build makes the copies of the pages it wrote (a page whose HTML file
is as the last build left it keeps its copy), runs Pagefind (its command line, which ends only
once its files are on disk) for the parts whose copies changed, one process per part, and
puts those parts' bundles beside the pages. A one-page edit on a site of 1,000 pages indexes a
quarter of it.

How many parts: each part adds an index chunk (10-25 kB) to every word of a query, so there
are few: a site of more than `MIN_PAGES_PER_PART` pages gets up to `kb_search_parts` parts (4),
a larger one as many as `kb_search_pages_per_part` asks for. (Parts were first made for search
speed: Pagefind before 1.6.0 compared every page a word is on with every other such page, 350 ms
for a word on 7,600 of 10,000 pages in one part. Since 1.6.0, one part of 10,000 pages searches
as fast as four, so they are for edits.) The first part is `_pagefind/` (with Pagefind's
script and wasm), the others `_pagefind/part-2/` and on; `kb-search.js` finds them in
`_pagefind/kb-index-parts.json`, which is written last.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

#: Pagefind's bundle, beside the pages; `kb-search.js` loads it from here.
BUNDLE_DIR = "_pagefind"
#: Parts of the bundle that serve Pagefind's own user interfaces, which the site does not use.
_UNUSED_BUNDLE_FILES = (
    "pagefind-ui.*",
    "pagefind-modular-ui.*",
    "pagefind-component-ui.*",
    "pagefind-highlight.js",
)
#: In a further part's bundle, what only the first part's engine uses (the script and the wasm).
_ENGINE_FILES = ("pagefind.js", "pagefind-worker.js", "wasm.*.pagefind")
#: Beside the first part: the folders of the others, relative to it, for `kb-search.js`.
PARTS_FILE = "kb-index-parts.json"
#: The site's words by first letter, for kb-search.js to correct a misspelt query word.
WORDS_DIR = "kb-words"
#: Where the parts are kept between builds, in the doctree folder.
CACHE_DIR = "kb-search"
_MANIFEST = "manifest.json"
#: A site of more pages than this is split into parts (that many pages each at least), so that
#: an edit indexes one part again rather than the whole site.
MIN_PAGES_PER_PART = 200
_WORD = re.compile(r"(?<![A-Za-z0-9])[a-z]{4,}(?![A-Za-z0-9])")
_TAG = re.compile(r"<[^>]*>")


class SearchIndexError(RuntimeError):
    """Pagefind could not write the index (not the author's doing: the tool or the machine)."""


@dataclass(frozen=True)
class PageSource:
    """A written page: its address in the site and the HTML file."""

    docname: str
    url: str
    path: Path

    def signature(self) -> list[int]:
        """Changes whenever the page is written again."""
        stat = self.path.stat()
        return [stat.st_mtime_ns, stat.st_size]


@dataclass
class Layout:
    """How many parts and what every copy depends on besides its page."""

    parts: int
    #: the language indexed, the aliases, the code's format: a change re-indexes every page
    fingerprint: str
    #: Pagefind's command line (its binary, `pagefind_install`)
    indexer: tuple[str, ...]


def part_count(pages: int, most_parts: int, pages_per_part: int) -> int:
    """Up to `most_parts` parts of at least MIN_PAGES_PER_PART pages; more when a part would
    hold more than `pages_per_part`."""
    by_size = math.ceil(pages / pages_per_part)
    for_edits = min(most_parts, pages // MIN_PAGES_PER_PART)
    return max(1, by_size, for_edits)


def part_of(url: str, parts: int) -> int:
    """The part (from 1) a page is in: by a hash of its address, so a page never moves when
    another is added or removed (only when the number of parts changes)."""
    return zlib.crc32(url.encode("utf-8")) % parts + 1


def part_folder(number: int) -> str:
    """Where part `number` (from 1) sits in the bundle: the first is the bundle itself."""
    return "" if number == 1 else f"part-{number}/"


@dataclass
class Manifest:
    """What the kept parts hold: the layout they were made with and each page's signature and
    part, by address."""

    layout: dict[str, object] = field(default_factory=dict)
    pages: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> Manifest:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(layout=data["layout"], pages=data["pages"])
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def write(self, path: Path) -> None:
        data = {"layout": self.layout, "pages": self.pages}
        path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")


@dataclass
class Outcome:
    """What an update did: pages whose copies were made, parts indexed, in all."""

    pages: int = 0
    copied: int = 0
    indexed_parts: list[int] = field(default_factory=list)


def update_index(
    pages: list[PageSource],
    make_copy: Callable[[PageSource], str],
    outdir: Path,
    cache: Path,
    layout: Layout,
    language: str,
) -> Outcome:
    """Bring the index in `outdir/_pagefind` up to date with `pages`, re-indexing only the
    parts holding a page whose copy changed since the index kept in `cache` was written."""
    manifest = Manifest.read(cache / _MANIFEST)
    wanted = {"parts": layout.parts, "fingerprint": layout.fingerprint, "language": language}
    if manifest.layout != wanted:
        shutil.rmtree(cache, ignore_errors=True)  # made otherwise: every page again
        manifest = Manifest(layout=wanted)
    cache.mkdir(parents=True, exist_ok=True)
    outcome = Outcome(pages=len(pages))
    dirty: set[int] = set()
    now: dict[str, list[int]] = {}
    for page in pages:
        part = part_of(page.url, layout.parts)
        signature = [*page.signature(), part]
        now[page.url] = signature
        if manifest.pages.get(page.url) == signature:
            continue
        if _write_copy(_copy_path(cache, part, page.url), make_copy(page)):
            dirty.add(part)
        outcome.copied += 1
    for url, signature in manifest.pages.items():
        if url not in now:
            _copy_path(cache, signature[-1], url).unlink(missing_ok=True)
            dirty.add(signature[-1])
    parts = sorted({signature[-1] for signature in now.values()})
    dirty |= {part for part in parts if index_problem(_bundle(cache, part), further=False)}
    # the manifest goes first: a build stopped while indexing finds the parts not whole
    manifest.pages = now
    manifest.write(cache / _MANIFEST)
    outcome.indexed_parts = sorted(dirty & set(parts))
    indexing = _start_indexing(layout.indexer, cache, outcome.indexed_parts, language)
    try:  # the words are counted while Pagefind indexes, on the other core
        if outcome.indexed_parts or not (cache / WORDS_DIR).is_dir():
            _write_words(cache, parts, outcome.indexed_parts)
    finally:
        _finish_indexing(cache, outcome.indexed_parts, indexing)
    _publish(cache, parts, outdir / BUNDLE_DIR, outcome.indexed_parts)
    return outcome


def _copy_path(cache: Path, part: int, url: str) -> Path:
    return cache / f"part-{part}" / "pages" / url


def _bundle(cache: Path, part: int) -> Path:
    return cache / f"part-{part}" / "bundle"


def _write_copy(path: Path, copy: str) -> bool:
    """Write a page's copy; False when it is the same as the one kept (a page written again
    for its navigation, say, whose words did not change)."""
    try:
        if path.read_text(encoding="utf-8") == copy:
            return False
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(copy, encoding="utf-8")
    return True


def _start_indexing(
    pagefind: tuple[str, ...], cache: Path, parts: list[int], language: str
) -> list[subprocess.Popen]:
    """Pagefind's command line started over each part's copies, all at once (a process per
    part). (Its Python API answered "written" before the files were on disk and was then
    ended: on a busy machine an empty entry file was left behind.)"""
    options = ["--force-language", language, "--keep-index-url", "--silent"]
    runs = []
    for part in parts:
        bundle = _bundle(cache, part)
        shutil.rmtree(bundle, ignore_errors=True)
        command = [*pagefind, "--site", str(cache / f"part-{part}" / "pages")]
        command += ["--output-path", str(bundle), *options]
        runs.append(
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        )
    return runs


def _finish_indexing(cache: Path, parts: list[int], runs: list[subprocess.Popen]) -> None:
    """Each Pagefind process ended once its files are written, and what the site does not
    load taken out of each part's bundle."""
    failures = [output for run in runs if (output := run.communicate()[0]) and run.returncode]
    if failures:
        raise SearchIndexError(f"Pagefind failed: {' '.join(failures[0].split())[:300]}")
    for part in parts:
        bundle = _bundle(cache, part)
        unused = _UNUSED_BUNDLE_FILES + (_ENGINE_FILES if part != 1 else ())
        for pattern in unused:
            for path in bundle.glob(pattern):
                path.unlink()


def page_words(copy: str) -> Counter[str]:
    """The Latin words (four letters or more, lower case) of a page's indexed copy."""
    body = copy.split("<main", 1)[-1]
    return Counter(_WORD.findall(_TAG.sub(" ", body).lower()))


def _write_words(cache: Path, parts: list[int], indexed: list[int]) -> None:
    """Each re-indexed part's words counted (kept with it), then the site's words by first
    letter: kb-search.js fetches one letter's file when a query word finds nothing, to offer
    the site's nearest word."""
    for part in indexed:
        counts: Counter[str] = Counter()
        for path in (cache / f"part-{part}" / "pages").rglob("*.html"):
            counts.update(page_words(path.read_text(encoding="utf-8")))
        words = cache / f"part-{part}" / "words.json"
        words.write_text(json.dumps(counts, separators=(",", ":")), encoding="utf-8")
    site: Counter[str] = Counter()
    for part in parts:
        try:
            site.update(json.loads((cache / f"part-{part}" / "words.json").read_text("utf-8")))
        except (OSError, ValueError):
            continue
    by_letter: dict[str, dict[str, int]] = {}
    for word, count in sorted(site.items()):
        by_letter.setdefault(word[0], {})[word] = count
    folder = cache / WORDS_DIR
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for letter, words in by_letter.items():
        text = json.dumps(words, separators=(",", ":"))
        (folder / f"{letter}.json").write_text(text, encoding="utf-8")


def _publish(cache: Path, parts: list[int], bundle: Path, indexed: list[int]) -> None:
    """Put the parts' bundles beside the pages: those indexed now, and any the output lacks
    (an output folder removed since); the list of parts last. Without that list the last
    publishing stopped part way (or was undone by `forget_index`): every part again."""
    every_part = not (bundle / PARTS_FILE).is_file()
    (bundle / PARTS_FILE).unlink(missing_ok=True)
    further = [part_folder(part) for part in parts if part != 1]
    for stale in bundle.glob("part-*") if bundle.is_dir() else []:
        if f"{stale.name}/" not in further:
            shutil.rmtree(stale)
    for part in parts:
        target = bundle / part_folder(part)
        if every_part or part in indexed or index_problem(target, further=False):
            keep = ("part-", WORDS_DIR) if part == 1 else ()
            _replace_folder(_bundle(cache, part), target, keep)
    if indexed or not (bundle / WORDS_DIR).is_dir():
        _replace_folder(cache / WORDS_DIR, bundle / WORDS_DIR, ())
    (bundle / PARTS_FILE).write_text(json.dumps(further), encoding="utf-8")


def _replace_folder(source: Path, target: Path, keep: tuple[str, ...]) -> None:
    """`target` made a copy of `source` (hard links where the file system allows), but for the
    entries whose names start with `keep` (the first part's folder holds the others)."""
    if target.is_dir():
        for entry in target.iterdir():
            if (keep and entry.name.startswith(keep)) or entry.name == PARTS_FILE:
                continue
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    shutil.copytree(source, target, copy_function=_link_or_copy, dirs_exist_ok=True)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def index_is_whole(outdir: Path) -> bool:
    """Whether every part of the index was written: the list of parts is written last, and
    each part's entry file (what the browser reads first) is whole."""
    return index_problem(outdir / BUNDLE_DIR) is None


def index_problem(bundle: Path, further: bool = True) -> str | None:
    """What is missing or cut short in a bundle (with `further`, in each part it lists), or
    None."""
    files = [bundle / PARTS_FILE] if further else []
    try:
        parts = json.loads(files[0].read_text(encoding="utf-8")) if further else []
        files += [bundle / part / "pagefind-entry.json" for part in ["", *parts]]
        for file in files[1:] if further else files:
            json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError) as error:
        return f"{files[-1]}: {type(error).__name__}: {error}"
    return None


def forget_index(outdir: Path) -> None:
    """Make the next build index again, and search until then say it cannot load rather than
    miss pages: without the list of parts and Pagefind's entry file, no index is read."""
    for name in (PARTS_FILE, "pagefind-entry.json"):
        (outdir / BUNDLE_DIR / name).unlink(missing_ok=True)


def bundle_files(outdir: Path) -> Iterable[Path]:
    """Every file of the published index."""
    return (path for path in (outdir / BUNDLE_DIR).rglob("*") if path.is_file())
