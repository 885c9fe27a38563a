"""The copy of a built page that is indexed: the page's own words, plus what search must find
and the reader must never see (`search_hidden`).

The copy holds only the page's main content, so the navigation, header and footer that every
page repeats are never indexed. In it:

- each section's `id` sits on its heading, where Pagefind looks for it, so that a hit inside
  "Regulatory status" links to that heading (Sphinx puts the id on `<section>`; Pagefind #818);
- the part of the site a page is in (pipeline, news, glossary…) is a Pagefind filter;
- Chinese text is written as the codes of its bigrams;
- after each term, the other forms of it (`search_terms`) in a hidden span, and the page's
  index entries in hidden spans of their own, weighted as glossary terms are;
- its title, the terms it defines, the names it is the home of (an asset's code and
  identifiers) and its index entries are also metadata, by which `kb-search.js` ranks pages
  whose title is the query, or that define it, first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterator
from itertools import pairwise

from .search_hidden import CJK_RUN, alias_span, cjk_codes, cjk_span, hidden_words
from .search_terms import Alias, AliasFinder

#: Pagefind's highest weight: a glossary term or an index entry ranks its page first, as in
#: Sphinx's own search, where both are "objects".
ENTRY_WEIGHT = 10

_SECTION_ID = re.compile(
    r'<section id="([^"]+)">(\s*(?:<span id="[^"]*"></span>)*)<h([1-6])>(.*?)</h\3>', re.DOTALL
)
_INDEX_TARGET = re.compile(r'<span id="(index-\d+)"></span>')
#: A glossary term's `<dt>`, with a class when it starts a letter of the A–Z bar.
_GLOSSARY_TERM = re.compile(r'<dt((?: class="[^"]*")?) id="term-')
_TERM_TEXT = re.compile(r'<dt(?: class="[^"]*")? id="term-[^"]*">(.*?)</dt>', re.DOTALL)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
_HEADER_LINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
#: What is on a page but says nothing a reader searches for: the owner line, the reading
#: path's step note (navigation, like the sidebar), what only a printed page shows.
_IGNORED = re.compile(
    r'<(\w+ class="(?:[^"]* )?(?:kb-page-care|kb-path-step|kb-print-only)\b[^"]*")'
)
_TAG = re.compile(r"(<[^>]*>)")
#: Tags that end a run of text: what is on either side of them is not one sentence.
_BLOCK = re.compile(
    r"</?(?:p|h[1-6]|li|dt|dd|td|th|tr|div|section|ul|ol|dl|table|thead|tbody|blockquote|pre|"
    r"figure|figcaption|caption|br|hr|main|article|aside|nav|header|footer)\b",
    re.IGNORECASE,
)
_HEADING_OPEN = re.compile(r"<h[1-6]\b", re.IGNORECASE)
_HEADING_CLOSE = re.compile(r"</h[1-6]\b", re.IGNORECASE)


def kind_of(docname: str, sections: Collection[str]) -> str | None:
    """The part of the site a page is in, by its top folder: `pipeline/bt02` is in `pipeline`,
    the top-level page `glossary` is its own part; a page in none of `sections` (the home page)
    has no kind."""
    top = docname.split("/", 1)[0]
    return top if top in sections else None


def filters_of(kind: str, hidden: Collection[str]) -> str:
    """A page's Pagefind filters: its kind, and for a kind left out of readers' results also
    `hidden`. Readers' searches filter on `hidden`, whose file lists only those pages: the
    `kind` file lists every page (21 kB a search at 10,000 pages)."""
    return "kind[data-kind], hidden[data-kind]" if kind in hidden else "kind[data-kind]"


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


def plain(fragment: str) -> str:
    """Text of an HTML fragment, white space collapsed."""
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def indexed_copy(
    page: str,
    kind: str | None,
    lang: str,
    finder: AliasFinder | None,
    entries: dict[str, str],
    names: Collection[str] = (),
    hidden: Collection[str] = (),
) -> str:
    """The page as Pagefind reads it (`lang`: the language Pagefind indexes it in; `names`:
    what the page is the home of, `search_terms.home_names`; `hidden`: the kinds left out of
    readers' results, `filters_of`)."""
    content = _HEADER_LINK.sub("", main_content(page))  # ¶ marks would run on into headings
    content = _IGNORED.sub(r"<\1 data-pagefind-ignore", content)
    content = ids_on_headings(content)
    terms = [plain(term) for term in _TERM_TEXT.findall(content)]
    h1 = _H1.search(content)
    title = plain(h1.group(1)) if h1 else ""
    content = weigh_terms(content)
    content = with_entries(hidden_text(content, finder), entries)
    kind_filter = ""
    if kind:
        kind_filter = f' data-kind="{kind}" data-pagefind-filter="{filters_of(kind, hidden)}"'
    listed = {
        "title": [title],
        "terms": terms,
        "names": list(names),
        "entries": list(entries.values()),
    }
    meta = "".join(
        f' data-kb{key}="{html.escape("|".join(values), quote=True)}"'
        for key, values in listed.items()
    )
    fields = ", ".join(f"{key}[data-kb{key}]" for key in listed)
    return (
        f'<!doctype html><html lang="{lang}"><head></head><body><main data-pagefind-body'
        f'{kind_filter}{meta} data-pagefind-meta="{fields}">{content}</main></body></html>'
    )


def weigh_terms(content: str) -> str:
    """A glossary term weighs as much as an index entry: it ranks the glossary first."""
    return _GLOSSARY_TERM.sub(rf'<dt\1 data-pagefind-weight="{ENTRY_WEIGHT}" id="term-', content)


def with_entries(content: str, entries: dict[str, str]) -> str:
    """Index entries ("timeline", "BT02; regulatory status"): hidden, and weighing most."""

    def entry(match: re.Match[str]) -> str:
        text = entries.get(match.group(1))
        if not text:
            return match.group(0)
        words = [html.escape(word, quote=False) for word in hidden_words(text)]
        span = alias_span(words, 0, joined=False)
        return f'<span data-pagefind-weight="{ENTRY_WEIGHT}">{span}</span>'

    return _INDEX_TARGET.sub(entry, content)


def hidden_text(content: str, finder: AliasFinder | None) -> str:
    """Every run of text with its Chinese as codes and the aliases after their forms (none in
    headings, which are the titles of results and are read whole)."""
    parts = _TAG.split(content)  # text at even places, tags at odd ones
    for flow, in_heading in _flows(parts):
        text = "".join(parts[index] for index in flow)
        cjk = [(m.start(), m.end()) for m in CJK_RUN.finditer(text)]
        aliases = [] if in_heading or finder is None else finder.find(text)
        if not cjk and not aliases:
            continue
        for index, written in zip(flow, _rewrite(text, flow, parts, cjk, aliases), strict=True):
            parts[index] = written
    return "".join(parts)


def _flows(parts: list[str]) -> Iterator[tuple[list[int], bool]]:
    """Runs of text parts that no block tag breaks (the places of their parts), and whether
    the run is in a heading."""
    flow: list[int] = []
    heading = in_heading = False
    for index, part in enumerate(parts):
        if index % 2 == 0:
            if part:
                flow.append(index)
                in_heading = in_heading or heading
            continue
        if _HEADING_OPEN.match(part):
            heading = True
        elif _HEADING_CLOSE.match(part):
            heading = False
        if _BLOCK.match(part):
            if flow:
                yield flow, in_heading
            flow, in_heading = [], False
    if flow:
        yield flow, in_heading


def _rewrite(
    text: str,
    flow: list[int],
    parts: list[str],
    cjk: list[tuple[int, int]],
    aliases: list[Alias],
) -> Iterator[str]:
    """Each text part of one run, rewritten: Chinese runs as code spans, alias spans after
    their forms. An alias at the boundary of two parts goes at the end of the first."""
    codes: list[str | None] = [None] * len(text)
    for start, end in cjk:
        codes[start:end] = cjk_codes(text[start:end])
    after: dict[int, list[str]] = {}
    for alias in aliases:
        joined = alias.end < len(text) and not text[alias.end].isspace()
        after.setdefault(alias.end, []).append(alias_span(alias.words, alias.length, joined))
    ends, position = [], 0
    for index in flow:
        position += len(parts[index])
        ends.append(position)
    cuts = sorted({0, *ends, *after, *(p for span in cjk for p in span)})

    def joined_at(position: int) -> bool:
        return 0 <= position < len(text) and not text[position].isspace()

    out: list[str] = []
    part_end = iter(ends)
    end = next(part_end)
    for a, b in pairwise(cuts):
        if codes[a] is not None:
            run = [code for code in codes[a:b] if code is not None]
            out.append(cjk_span(run, joined_at(a - 1), joined_at(b)))
        else:
            out.append(text[a:b])
        if b in after:
            out.extend(after.pop(b))
        if b == end:
            yield "".join(out)
            out = []
            end = next(part_end, -1)
