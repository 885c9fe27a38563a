"""The search index: Pagefind, over a copy of each built page made for indexing.

The copy holds only the page's main content, so the navigation, header and footer that every
page repeats are never indexed. In it:

- each section's `id` sits on its heading, where Pagefind looks for it, so that a hit inside
  "Regulatory status" links to that heading (Sphinx puts the id on `<section>`; Pagefind #818);
- the part of the site a page is in (pipeline, news, glossary…) is a Pagefind filter, from the
  page's top folder;
- the variants of each term (`search_terms`) stand beside the term.

Pagefind's extended binary segments Chinese into words at indexing time; one index per output,
in the output's language.

A large site's index is written in parts. Pagefind's search compares every page a word is on
with every other such page (Pagefind #1334, unreleased in 1.5), so a word on 7,600 of 10,000
pages took 350 ms to search. Parts of at most `kb_search_pages_per_part` pages, each searched on
its own and merged by the browser (Pagefind's `mergeIndex`), divide that time by the number of
parts; but each part adds one index chunk (10-25 kB) to the bytes of every query, so there are
few of them (2,500 pages a part: four at 10,000 pages). The first part is `_pagefind/`, the
others `_pagefind/part-2/` and on; `kb-search.js` finds them in `_pagefind/kb-index-parts.json`.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from .search_terms import Variants

#: Pagefind's command line, from the package that ships its binary (its extended build).
PAGEFIND = (sys.executable, "-m", "pagefind")
#: Pagefind's bundle, beside the pages; `kb-search.js` loads it from here.
BUNDLE_DIR = "_pagefind"
#: Parts of the bundle that serve Pagefind's own user interfaces, which the site does not use.
_UNUSED_BUNDLE_FILES = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*")
#: In a further part's bundle, what only the first part's engine uses (the script and the wasm).
_ENGINE_FILES = ("pagefind.js", "pagefind-worker.js", "pagefind-highlight.js", "wasm.*.pagefind")
#: Beside the first part: the folders of the others, relative to it, for `kb-search.js`.
PARTS_FILE = "kb-index-parts.json"

_SECTION_ID = re.compile(
    r'<section id="([^"]+)">(\s*(?:<span id="[^"]*"></span>)*)<h([1-6])>(.*?)</h\3>', re.DOTALL
)
_INDEX_TARGET = re.compile(r'<span id="(index-\d+)"></span>')
#: A glossary term's `<dt>`, with a class when it starts a letter of the A–Z bar.
_GLOSSARY_TERM = re.compile(r'<dt((?: class="[^"]*")?) id="term-')
_TERM_TEXT = re.compile(
    r'<dt(?: class="[^"]*")? id="term-[^"]*">(.*?)<a class="headerlink"', re.DOTALL
)
_HEADING = re.compile(r"<(h[1-6])\b.*?</\1>", re.DOTALL)
#: Pagefind's highest weight: a glossary term or an index entry ranks its page first, as in
#: Sphinx's own search, where both are "objects".
ENTRY_WEIGHT = 10
_TAG = re.compile(r"(<[^>]*>)")
_IGNORED = re.compile(r'<(a class="headerlink"|p class="kb-page-care")')


class SearchIndexError(RuntimeError):
    """Pagefind could not write the index (not the author's doing: the tool or the machine)."""


@dataclass(frozen=True)
class IndexedPage:
    """One page as the index sees it: where it is, what it says, its kind."""

    url: str
    content: str


def kind_of(docname: str, sections: Collection[str]) -> str | None:
    """The part of the site a page is in, by its top folder: `pipeline/bt02` is in `pipeline`,
    the top-level page `glossary` is its own part; a page in none of `sections` (the home page)
    has no kind."""
    top = docname.split("/", 1)[0]
    return top if top in sections else None


def main_content(page: str) -> str:
    """The page's main content (furo's `<article role="main">`, `<div role="main">` in other
    themes), up to the tag that closes it; the whole page when there is none."""
    match = re.search(r'<(article|div)\b[^>]*\brole="main"[^>]*>', page)
    if match is None:
        return page
    tag, depth = match.group(1), 1
    for inner in re.compile(rf"<(/?){tag}\b[^>]*>").finditer(page, match.end()):
        depth += -1 if inner.group(1) else 1
        if depth == 0:
            return page[match.end() : inner.start()]
    return page[match.end() :]


def ids_on_headings(content: str) -> str:
    """`<section id="x"><h2>` becomes `<section><h2 id="x">`: Pagefind's sub-results need it.
    Index targets before the heading move after it, into the section they belong to."""
    return _SECTION_ID.sub(r'<section><h\3 id="\1">\4</h\3>\2', content)


def with_entries(content: str, entries: dict[str, str]) -> str:
    """Index entries ("timeline", "BT02; regulatory status") and glossary terms weigh most."""

    def entry(match: re.Match[str]) -> str:
        text = entries.get(match.group(1))
        if not text:
            return match.group(0)
        return f'<span data-pagefind-weight="{ENTRY_WEIGHT}">{html.escape(text)}</span>'

    content = _INDEX_TARGET.sub(entry, content)
    return _GLOSSARY_TERM.sub(rf'<dt\1 data-pagefind-weight="{ENTRY_WEIGHT}" id="term-', content)


def mark_ignored(content: str) -> str:
    """Heading link marks and the owner line say nothing a reader searches for."""
    return _IGNORED.sub(lambda m: f"<{m.group(1)} data-pagefind-ignore", content)


def with_variants(content: str, variants: Variants) -> str:
    """Each variant form written beside its term: "tumours (tumors)", "IND (Investigational…)"."""
    pattern = variants.pattern
    if pattern is None:
        return content
    others = variants.others

    def beside(match: re.Match[str]) -> str:
        form, ending = match.group(1), match.group(2) or ""
        alternatives = others.get(" ".join(form.split()).lower(), [])
        if not alternatives:
            return match.group(0)
        written = ", ".join(html.escape(other + ending) for other in alternatives)
        return f"{match.group(0)} ({written})"

    def in_text(chunk: str) -> str:
        parts = _TAG.split(chunk)  # text at even places, tags at odd ones
        parts[::2] = [pattern.sub(beside, text) for text in parts[::2]]
        return "".join(parts)

    # headings stay as written: they are the titles of results
    out, position = [], 0
    for match in _HEADING.finditer(content):
        out += [in_text(content[position : match.start()]), match.group(0)]
        position = match.end()
    return "".join([*out, in_text(content[position:])])


def indexed_copy(
    page: str, kind: str | None, lang: str, variants: Variants, entries: dict[str, str]
) -> str:
    """The page as Pagefind reads it; its title is its first heading, as Pagefind assumes."""
    content = mark_ignored(ids_on_headings(main_content(page)))
    terms = [" ".join(_TAG.sub("", term).split()) for term in _TERM_TEXT.findall(content)]
    other_forms = variants.others
    terms += [form for term in terms for form in other_forms.get(term.lower(), [])]
    content = with_variants(with_entries(content, entries), variants)
    # the kind filters results; the terms the page defines and its index entries order them
    # (kb-search.js); all as attributes, so that none is searched twice or shown in an excerpt
    kind_filter = f' data-kind="{kind}" data-pagefind-filter="kind[data-kind]"' if kind else ""
    listed = {"terms": terms, "entries": list(entries.values())}
    meta = "".join(
        f' data-{key}="{html.escape("|".join(v), quote=True)}"' for key, v in listed.items()
    )
    return (
        f'<!doctype html><html lang="{lang}"><head></head><body><main data-pagefind-body'
        f'{kind_filter}{meta} data-pagefind-meta="terms[data-terms], entries[data-entries]">'
        f"{content}</main></body></html>"
    )


def index_is_whole(outdir: Path) -> bool:
    """Whether every part of the index was written: the list of parts is written last, and
    each part's entry file (what the browser reads first) is whole."""
    return index_problem(outdir) is None


def index_problem(outdir: Path) -> str | None:
    """What is missing or cut short in the index, or None."""
    bundle = outdir / BUNDLE_DIR
    files = [bundle / PARTS_FILE]
    try:
        further = json.loads(files[0].read_text(encoding="utf-8"))
        files += [bundle / part / "pagefind-entry.json" for part in ["", *further]]
        for file in files[1:]:
            json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError) as error:
        return f"{files[-1].relative_to(outdir)}: {type(error).__name__}: {error}"
    return None


def forget_index(outdir: Path) -> None:
    """Make the next build index again, and search until then say it cannot load rather than
    miss pages: without the list of parts and Pagefind's entry file, no index is read."""
    for name in (PARTS_FILE, "pagefind-entry.json"):
        (outdir / BUNDLE_DIR / name).unlink(missing_ok=True)


def write_index(
    pages: Iterable[IndexedPage], outdir: Path, language: str, pages_per_part: int
) -> int:
    """Index `pages` into `outdir/_pagefind`, replacing any earlier index; the page count.

    The copies are written to a scratch folder (a folder per part) that Pagefind's command
    line reads."""
    with tempfile.TemporaryDirectory(prefix="kb-search-") as scratch:
        urls: list[str] = []
        for page in pages:
            path = Path(scratch, "pages", page.url)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.content, encoding="utf-8")
            urls.append(page.url)
        parts = split_into_parts(urls, pages_per_part)
        folders = [Path(scratch, "pages")]
        if len(parts) > 1:
            folders = [_gather(Path(scratch), number, part) for number, part in enumerate(parts)]
        _write_parts(folders, outdir / BUNDLE_DIR, language)
    return len(urls)


def _gather(scratch: Path, number: int, urls: list[str]) -> Path:
    """The copies of a part's pages moved to a folder of their own, for Pagefind to read."""
    folder = scratch / f"part-{number + 1}"
    for url in urls:
        moved = folder / url
        moved.parent.mkdir(parents=True, exist_ok=True)
        os.replace(scratch / "pages" / url, moved)
    return folder


def split_into_parts(urls: list[str], pages_per_part: int) -> list[list[str]]:
    """Parts of at most `pages_per_part` pages, as equal as can be, each with pages of every
    section (in turn, by URL): Pagefind scores a page within its part, so parts alike in content
    give scores that compare across parts."""
    count = max(1, math.ceil(len(urls) / pages_per_part))
    ordered = sorted(urls)
    return [ordered[number::count] for number in range(count)]


def part_folder(number: int) -> str:
    """Where part `number` (from 1) sits in the bundle: the first is the bundle itself."""
    return "" if number == 1 else f"part-{number}/"


def _write_parts(folders: list[Path], bundle: Path, language: str) -> None:
    """Each part indexed by Pagefind's command line, all at once (a part per core), each
    process ending only once its files are written. (Its Python API answers "written" before
    the files are on disk and is then ended: on a busy machine an empty entry file was left
    behind, and search could not load.)"""
    shutil.rmtree(bundle, ignore_errors=True)
    options = ["--force-language", language, "--keep-index-url", "--silent"]
    runs = [
        subprocess.Popen(
            [
                *PAGEFIND,
                "--site",
                str(folder),
                "--output-path",
                str(bundle / part_folder(n)),
                *options,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for n, folder in enumerate(folders, 1)
    ]
    failures = [output for run in runs if (output := run.communicate()[0]) and run.returncode]
    if failures:
        raise SearchIndexError(f"Pagefind failed: {' '.join(failures[0].split())[:300]}")
    for pattern in _UNUSED_BUNDLE_FILES:
        for path in bundle.glob(pattern):
            path.unlink()
    further = [part_folder(number) for number in range(2, len(folders) + 1)]
    for folder in further:
        for pattern in (*_UNUSED_BUNDLE_FILES, *_ENGINE_FILES):
            for path in (bundle / folder).glob(pattern):
                path.unlink()
    (bundle / PARTS_FILE).write_text(json.dumps(further), encoding="utf-8")
