"""The search index: Pagefind's, over the indexed copy of each built page (`search_copy`),
kept between builds so that an edit indexes the pages it wrote and no other.

Pagefind cannot add a page to an index it wrote, nor take one out, but the browser can search
several indexes as one (Pagefind's `mergeIndex`). So a cold build indexes every page into its
part (one part up to `kb_search_pages_per_part` pages, then each page in the part its address
hashes to), and later builds index the pages they wrote into a small part of their own, the
*recent* part. A page's record in its own part is then out of date: the build takes its
fragment (what a result shows) out of the published bundle and lists its id as *stale*, and
`kb-search.js` drops stale results before it reads or counts them. Once the recent part would
hold more than `kb_search_recent_pages` pages, the build indexes its pages into their own parts
again (the parts that had one) and the recent part is gone. The public edition does this on
every build: a word taken off a page must not stay in its index.

Why so few parts: a query loads an index chunk (about 22 kB at 10,000 pages) of every part for
each of its words, and a Chinese word is one or two codes (`search_hidden`): at 10,000 pages
four parts took a Chinese query to 457 kB, one part to 304 kB. The recent part is small, and so
are its chunks.

Each part's copies and bundle are kept in the doctree folder (`kb-search/part-N/`,
`kb-search/recent/`). The first part is `_pagefind/` (with Pagefind's script and wasm), the
others `_pagefind/part-2/` and on, the recent part `_pagefind/recent/`; `kb-search.js` finds
them, and the stale ids, in `_pagefind/kb-index-parts.json`, which is written last.
"""

from __future__ import annotations

import json
import math
import multiprocessing
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
#: The part number of the recent part (the others count from 1), and its folder's name.
RECENT = 0
_RECENT_NAME = "recent"
#: Each indexed part's fragment ids by page address, kept beside its bundle.
_FRAGMENT_IDS = "fragments.json"
#: The page's address at the start of a fragment (`pagefind_dcd{"url":"/a/b.html",…`).
_FRAGMENT_URL = re.compile(rb'^pagefind_dcd\{"url":("(?:[^"\\]|\\.)*")')
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
    #: the most pages the recent part holds (0: none, every page is indexed in its own part)
    recent_pages: int = 0
    #: how many processes make the copies (the build's `-j`)
    processes: int = 1


def part_count(pages: int, pages_per_part: int) -> int:
    """As many parts as it takes to hold at most `pages_per_part` pages each."""
    return max(1, math.ceil(pages / pages_per_part))


def part_of(url: str, parts: int) -> int:
    """The part (from 1) a page is in: by a hash of its address, so a page never moves when
    another is added or removed (only when the number of parts changes)."""
    return zlib.crc32(url.encode("utf-8")) % parts + 1


def part_folder(number: int) -> str:
    """Where part `number` sits in the bundle: the first is the bundle itself."""
    if number == RECENT:
        return f"{_RECENT_NAME}/"
    return "" if number == 1 else f"part-{number}/"


def part_name(number: int) -> str:
    return _RECENT_NAME if number == RECENT else str(number)


@dataclass
class Manifest:
    """What the kept parts hold: the layout they were made with; each page's signature and the
    part its copy is in, by address; the records out of date in their part (page address: the
    part and the record's fragment id)."""

    layout: dict[str, object] = field(default_factory=dict)
    pages: dict[str, list[int]] = field(default_factory=dict)
    stale: dict[str, list] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> Manifest:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(layout=data["layout"], pages=data["pages"], stale=data["stale"])
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def write(self, path: Path) -> None:
        data = {"layout": self.layout, "pages": self.pages, "stale": self.stale}
        path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")


@dataclass
class Outcome:
    """What an update did: pages whose copies were made, parts indexed, in all."""

    pages: int = 0
    copied: int = 0
    indexed_parts: list[int] = field(default_factory=list)


@dataclass
class Changes:
    """What the pages written since the last build changed: each page's signature and the part
    its copy is in now, the pages whose copy changed (their new copy), the pages gone (the part
    their copy was in)."""

    now: dict[str, list[int]] = field(default_factory=dict)
    copies: dict[str, str] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)


def update_index(
    pages: list[PageSource],
    make_copy: Callable[[PageSource], str],
    outdir: Path,
    cache: Path,
    layout: Layout,
    language: str,
) -> Outcome:
    """Bring the index in `outdir/_pagefind` up to date with `pages`: the pages whose copy
    changed since the index kept in `cache` was written go into the recent part, or, when it
    would grow too large (or on a cold build), every page into its own part again."""
    manifest = Manifest.read(cache / _MANIFEST)
    wanted = {"parts": layout.parts, "fingerprint": layout.fingerprint, "language": language}
    if manifest.layout != wanted:
        shutil.rmtree(cache, ignore_errors=True)  # made otherwise: every page again
        manifest = Manifest(layout=wanted)
    cache.mkdir(parents=True, exist_ok=True)
    outcome = Outcome(pages=len(pages))
    changes = _changes(pages, make_copy, cache, manifest, layout, outcome)
    parts = sorted({part_of(url, layout.parts) for url in changes.now})
    broken = {part for part in parts if index_problem(_bundle(cache, part), further=False)}
    recent = {url for url, signature in changes.now.items() if signature[-1] == RECENT}
    small = len(recent | set(changes.copies)) <= layout.recent_pages
    later = bool(layout.recent_pages and manifest.pages and small and not broken)
    stale = _made_stale(cache, manifest, changes) if later else None
    if stale is not None:
        indexed, counted = _into_recent(cache, manifest, changes, stale)
    else:
        indexed = counted = _into_own_parts(cache, manifest, changes, layout.parts) | broken
    # the manifest goes first: a build stopped while indexing finds the parts not whole
    manifest.pages = changes.now
    manifest.write(cache / _MANIFEST)
    parts += [RECENT] if any(s[-1] == RECENT for s in changes.now.values()) else []
    outcome.indexed_parts = sorted(indexed & set(parts))
    indexing = _start_indexing(layout.indexer, cache, outcome.indexed_parts, language)
    try:  # the words are counted while Pagefind indexes, on the other core
        if counted or not (cache / WORDS_DIR).is_dir():
            _write_words(cache, parts, sorted(counted & set(parts)))
    finally:
        _finish_indexing(cache, outcome.indexed_parts, indexing)
    _publish(cache, parts, outdir / BUNDLE_DIR, outcome.indexed_parts, manifest.stale)
    return outcome


def _changes(
    pages: list[PageSource],
    make_copy: Callable[[PageSource], str],
    cache: Path,
    manifest: Manifest,
    layout: Layout,
    outcome: Outcome,
) -> Changes:
    """Each page's copy made again if the page was written since, and compared with the one
    kept (a page written again for its navigation, say, keeps its words)."""
    changes = Changes()
    written: list[tuple[PageSource, int, list | None]] = []
    for page in pages:
        kept = manifest.pages.get(page.url)
        part = kept[-1] if kept else part_of(page.url, layout.parts)
        signature = [*page.signature(), part]
        changes.now[page.url] = signature
        if kept != signature:
            written.append((page, part, kept))
    outcome.copied = len(written)
    copies = _made_copies([page for page, _, _ in written], make_copy, layout.processes)
    for (page, part, kept), copy in zip(written, copies, strict=True):
        if kept is None or _read_copy(_copy_path(cache, part, page.url)) != copy:
            changes.copies[page.url] = copy
    for url, signature in manifest.pages.items():
        if url not in changes.now:
            changes.removed[url] = signature[-1]
    return changes


#: Fewer pages than this are copied in the build's own process: forking costs more than it saves.
PAGES_TO_SHARE = 100
#: The copy maker of the processes forked by `_made_copies`, which they inherit.
_MAKER: list[Callable[[PageSource], str]] = []


def _made_copies(
    pages: list[PageSource], make_copy: Callable[[PageSource], str], processes: int
) -> list[str]:
    """Each page's copy, in order; shared out over `processes` forked processes when there are
    enough pages (a cold build's copies took half of building the index, on one core)."""
    if processes < 2 or len(pages) < PAGES_TO_SHARE:
        return [make_copy(page) for page in pages]
    _MAKER.append(make_copy)
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            return pool.map(_copy_in_process, pages, chunksize=_chunk_size(len(pages), processes))
    finally:
        _MAKER.clear()


def _copy_in_process(page: PageSource) -> str:
    return _MAKER[0](page)


def _chunk_size(pages: int, processes: int) -> int:
    """Four chunks a process: a slow chunk at the end keeps the other processes waiting less."""
    return max(1, math.ceil(pages / (processes * 4)))


def _made_stale(cache: Path, manifest: Manifest, changes: Changes) -> dict[str, list] | None:
    """The records in their own parts that the pages written or removed make stale: {page
    address: [part, fragment id]}; None when a record's fragment is not known (Pagefind can
    bundle the fragments of a large site into shared files)."""
    ids: dict[int, dict[str, str]] = {}
    stale = {}
    moved = [url for url in changes.copies if url in manifest.pages]
    for url, part in [(url, changes.now[url][-1]) for url in moved] + [*changes.removed.items()]:
        if part == RECENT:
            continue
        if part not in ids:
            ids[part] = _fragment_ids(cache, part)
        if url not in ids[part]:
            return None
        stale[url] = [part, ids[part][url]]
    return stale


def _into_recent(
    cache: Path, manifest: Manifest, changes: Changes, stale: dict[str, list]
) -> tuple[set[int], set[int]]:
    """The changed pages' copies into the recent part, and their records in their own parts
    (and those of the pages removed) listed as stale, their copies there removed; the parts to
    index (the recent one) and those whose words changed."""
    for url, copy in changes.copies.items():
        _write_copy(_copy_path(cache, RECENT, url), copy)
        changes.now[url][-1] = RECENT
    for url, part in changes.removed.items():
        _copy_path(cache, part, url).unlink(missing_ok=True)
    for url, (part, _) in stale.items():
        _copy_path(cache, part, url).unlink(missing_ok=True)
    manifest.stale.update(stale)
    counted = {part for part, _ in stale.values()} | set(changes.removed.values())
    indexed = {RECENT} if changes.copies or RECENT in counted else set()
    return indexed, counted | indexed


def _into_own_parts(cache: Path, manifest: Manifest, changes: Changes, parts: int) -> set[int]:
    """Every page's copy into its own part, the recent part emptied; the parts to index."""
    indexed = {part for part, _ in manifest.stale.values()}
    for url, signature in changes.now.items():
        home = part_of(url, parts)
        if signature[-1] == RECENT or url in changes.copies:
            copy = changes.copies.get(url) or _copy_path(cache, RECENT, url).read_text("utf-8")
            _write_copy(_copy_path(cache, home, url), copy)
            signature[-1] = home
            indexed.add(home)
    for url, part in changes.removed.items():
        _copy_path(cache, part, url).unlink(missing_ok=True)
        indexed.add(part)
    shutil.rmtree(cache / _part_dir(RECENT), ignore_errors=True)
    manifest.stale = {}
    return indexed - {RECENT}


def _part_dir(part: int) -> str:
    return _RECENT_NAME if part == RECENT else f"part-{part}"


def _pages(cache: Path, part: int) -> Path:
    """The indexed copies of a part's pages, as Pagefind reads them."""
    return cache / _part_dir(part) / "pages"


def _copy_path(cache: Path, part: int, url: str) -> Path:
    return _pages(cache, part) / url


def _bundle(cache: Path, part: int) -> Path:
    return cache / _part_dir(part) / "bundle"


def _read_copy(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _write_copy(path: Path, copy: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(copy, encoding="utf-8")


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
        command = [*pagefind, "--site", str(_pages(cache, part))]
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
        if part != RECENT:
            ids = json.dumps(_read_fragment_ids(bundle), separators=(",", ":"))
            (cache / _part_dir(part) / _FRAGMENT_IDS).write_text(ids, encoding="utf-8")


def _read_fragment_ids(bundle: Path) -> dict[str, str]:
    """{page address: fragment id} of a part's bundle, from the start of each fragment."""
    ids = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        start = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(path.read_bytes(), 2048)
        match = _FRAGMENT_URL.search(start)
        if match:
            ids[json.loads(match.group(1)).lstrip("/")] = path.stem
    return ids


def _fragment_ids(cache: Path, part: int) -> dict[str, str]:
    try:
        return json.loads((cache / _part_dir(part) / _FRAGMENT_IDS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


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
        for path in _pages(cache, part).rglob("*.html"):
            counts.update(page_words(path.read_text(encoding="utf-8")))
        words = cache / _part_dir(part) / "words.json"
        words.write_text(json.dumps(counts, separators=(",", ":")), encoding="utf-8")
    site: Counter[str] = Counter()
    for part in parts:
        try:
            site.update(json.loads((cache / _part_dir(part) / "words.json").read_text("utf-8")))
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


def _publish(
    cache: Path, parts: list[int], bundle: Path, indexed: list[int], stale: dict[str, list]
) -> None:
    """Put the parts' bundles beside the pages: those indexed now, and any the output lacks
    (an output folder removed since); the stale records' fragments taken out; the list of
    parts and stale ids last. Without that list the last publishing stopped part way (or was
    undone by `forget_index`): every part again."""
    every_part = not (bundle / PARTS_FILE).is_file()
    (bundle / PARTS_FILE).unlink(missing_ok=True)
    further = [part_folder(part) for part in parts if part != 1]
    folders = (*bundle.glob("part-*"), bundle / _RECENT_NAME) if bundle.is_dir() else ()
    for folder in folders:  # parts no longer there
        if folder.is_dir() and f"{folder.name}/" not in further:
            shutil.rmtree(folder)
    for part in parts:
        target = bundle / part_folder(part)
        if every_part or part in indexed or index_problem(target, further=False):
            keep = ("part-", _RECENT_NAME, WORDS_DIR) if part == 1 else ()
            _replace_folder(_bundle(cache, part), target, keep)
    for part, fragment_id in stale.values():
        (bundle / part_folder(part) / "fragment" / f"{fragment_id}.pf_fragment").unlink(
            missing_ok=True
        )
    if indexed or not (bundle / WORDS_DIR).is_dir():
        _replace_folder(cache / WORDS_DIR, bundle / WORDS_DIR, ())
    listed = {"parts": further, "stale": sorted(fragment_id for _, fragment_id in stale.values())}
    (bundle / PARTS_FILE).write_text(json.dumps(listed), encoding="utf-8")


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
        parts = json.loads(files[0].read_text(encoding="utf-8"))["parts"] if further else []
        files += [bundle / part / "pagefind-entry.json" for part in ["", *parts]]
        for file in files[1:] if further else files:
            json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, KeyError) as error:
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
