"""Search that lands: identifiers, hyphenated terms and numbers are found, page titles first.

Stock English search splits `PD-L1`, `first-in-class` and `multi-omics` into fragments and
drops pure numbers, at indexing and at query time alike. This search language indexes each
hyphenated compound whole as well as in parts, keeps numbers, and ships the matching query
splitter; a scorer (`html_search_scorer`) ranks pages whose title holds the query first.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.search import js_index
from sphinx.search.en import SearchEnglish

SCORER = Path(__file__).parent / "static" / "kb-search-scorer.js"
_COMPOUND = re.compile(r"\w+(?:[-\u2013]\w+)+")


def compounds(text: str) -> list[str]:
    """`PD-L1`, `first-in-class`, `receptor–ligand`: written with a plain hyphen."""
    return [word.replace("\u2013", "-") for word in _COMPOUND.findall(text)]


class KnowledgeBaseSearch(SearchEnglish):
    """English search that also indexes hyphenated compounds and numbers."""

    js_splitter_code = r"""
function splitQuery(query) {
  const words = query
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .filter((word) => word);
  const part = "[\\p{Letter}\\p{Number}_]+";
  const compounds = query.match(new RegExp(`${part}(?:[-\\u2013]${part})+`, "gu")) || [];
  return [...words, ...compounds.map((word) => word.replace(/\u2013/g, "-"))];
}
"""

    def split(self, input: str) -> list[str]:
        return super().split(input) + compounds(input)

    def word_filter(self, word: str) -> bool:
        if word.isdigit():
            return len(word) >= 2
        return super().word_filter(word)


def keep_index_entries(app: Sphinx) -> None:
    """Carry the index entries of pages not written this time over from the last index.

    Sphinx feeds index entries to the search index while writing pages, but does not restore
    them from the previous index, so an incremental build drops those of every unchanged page
    (sphinx-doc/sphinx#12599). Search ranks index entries highly, so losing them reorders
    results after any edit. Runs before Sphinx writes the new index.
    """
    indexer = getattr(app.builder, "indexer", None)
    entries = getattr(indexer, "_index_entries", None)
    previous = Path(app.outdir, app.builder.searchindex_filename)
    if entries is None or not previous.is_file():
        return
    try:
        frozen = js_index.loads(previous.read_text(encoding="utf-8"))
    except ValueError:
        return
    docnames = frozen.get("docnames", [])
    carried: dict[str, list[tuple[str, str, str]]] = {}
    for entry, places in frozen.get("indexentries", {}).items():
        for index, target, main in places:
            docname = docnames[index] if index < len(docnames) else None
            if docname in app.env.all_docs and docname not in entries:
                carried.setdefault(docname, []).append((entry, target, "main" if main else ""))
    for docname, kept in carried.items():
        entries[docname] = sorted(kept)
    in_page_order = sorted(entries.items())  # as a fresh build writes them
    entries.clear()
    entries.update(in_page_order)


def use_our_scorer(app: Sphinx, config: Config) -> None:
    """Rank with our scorer unless the site chose its own."""
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def setup_search(app: Sphinx) -> None:
    app.add_search_language(KnowledgeBaseSearch)
    app.connect("config-inited", use_our_scorer)
    app.connect("html-collect-pages", _before_index_is_written)


def _before_index_is_written(app: Sphinx) -> list[tuple[str, dict[str, object], str]]:
    keep_index_entries(app)
    return []
