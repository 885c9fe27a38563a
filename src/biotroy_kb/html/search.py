"""Search as you type, by section, in the site's language: Pagefind in place of Sphinx's index.

Sphinx's built-in index is one file that every reader downloads whole (16 MB at 10,000 pages),
finds no Chinese words and drops numbers. Pagefind's index is split into small chunks that a
query fetches as needed. The HTML builder is told not to write its own index; after the build,
every written page is indexed (`search_index`) into `_pagefind/`, with the variants of terms
drawn from the glossary and registry (`search_terms`). `kb-search.js` answers from it as the
reader types in the sidebar box, and on `search.html?q=…`, which stays the full results page.
"""

from __future__ import annotations

import html
import json
import time
from collections.abc import Iterator
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..core.changes import build_changes
from ..core.collector import kb_data
from ..core.data import registry_of
from ..core.language import language_of
from ..core.messages import _
from ..core.parts import handbook_part
from ..core.problems import report
from .search_index import (
    IndexedPage,
    SearchIndexError,
    forget_index,
    index_is_whole,
    index_problem,
    indexed_copy,
    kind_of,
    write_index,
)
from .search_terms import Variants, glossary_entries

logger = logging.getLogger(__name__)

#: Builders whose pages are served as a site; EPUB and the check builder have no search.
SEARCHED_BUILDERS = {"html", "dirhtml"}


SEARCH_PAGE_BODY = """<h1>{title}</h1>
<noscript><p class="admonition error">{nojs}</p></noscript>
<form class="kb-search-page" method="get" action="" role="search">
  <label for="kb-search-page-query">{label}</label>
  <input id="kb-search-page-query" type="search" name="q" autocomplete="off">
  <button type="submit">{title}</button>
  <fieldset class="kb-search-kinds" data-kinds="{kind_titles}" hidden><legend>{kinds}</legend>
  </fieldset>
</form>
<div id="search-results" aria-live="polite"></div>
"""


def uses_pagefind(app: Sphinx) -> bool:
    return app.builder.name in SEARCHED_BUILDERS and app.config.kb_search


def replace_builtin_search(app: Sphinx) -> None:
    """No `searchindex.js` and none of Sphinx's search scripts: the search page is ours."""
    if not uses_pagefind(app):
        return
    app.builder.search = False
    settings = {**search_words(), "hidden": [handbook_part(app.config)]}
    app.add_js_file(None, body=f"window.KB_SEARCH_WORDS = {json.dumps(settings)};")
    app.add_js_file("kb-search.js", defer="defer")


def search_words() -> dict[str, object]:
    """What the search box says, in the build's language (kb-search.js fills the {names})."""
    return {
        "results": _("Search results"),
        "all": _("All results for “{query}”"),
        "none": _("Nothing found for “{query}”."),
        "one": _("1 page found for “{query}”."),
        "many": _("{count} pages found for “{query}”."),
        "kind": _("{kind} ({count})"),
        "hiddenNote": _(
            "Pages of the {parts} are left out of the results unless you tick it above."
        ),
        "offline": _(
            "Search needs the site to be served: run `make serve` and open "
            "http://127.0.0.1:8000/ (a page opened straight from disk cannot load the search "
            "index)."
        ),
    }


def search_page(app: Sphinx) -> list[tuple[str, dict[str, object], str]]:
    """search.html as an ordinary page of the theme, its body the form `kb-search.js` fills."""
    if not uses_pagefind(app):
        return []
    kind_titles = json.dumps(site_sections(app.env, app.config.root_doc), ensure_ascii=False)
    body = SEARCH_PAGE_BODY.format(
        title=_("Search"),
        label=_("Search for"),
        kinds=_("Only show"),
        kind_titles=html.escape(kind_titles, quote=True),
        nojs=_("Please activate JavaScript to enable the search functionality."),
    )
    context = {
        "title": _("Search"),
        "body": body,
        "metatags": '<meta name="robots" content="noindex">',
    }
    return [("search", context, "page.html")]


def site_sections(env: BuildEnvironment, root_doc: str) -> dict[str, str]:
    """The parts of the site search filters by, each named by its own title (so in the
    reader's language): every top folder (titled by its index page) and every top-level page
    but the home page. Derived from the pages, so a new part is filtered with no setting."""
    sections: dict[str, str] = {}
    for docname in sorted(env.found_docs):
        top, slash, _rest = docname.partition("/")
        if docname == root_doc or top in sections:
            continue
        title = env.titles.get(f"{top}/index" if slash else top)
        sections[top] = title.astext() if title is not None else top
    return sections


def variants_of(app: Sphinx) -> Variants:
    env = app.env
    glossary_pages = sorted({page for page, _ in kb_data(env).definitions.values()})
    entries = [
        entry for page in glossary_pages for entry in glossary_entries(env.get_doctree(page))
    ]
    return Variants.drawn_from(entries, registry_of(env))


def index_entries(app: Sphinx, docname: str) -> dict[str, str]:
    """{target id: words} of the page's index entries: "BT02; regulatory status" as words."""
    entries = app.env.domains["index"].entries.get(docname, [])
    return {target: " ".join(value.replace(";", " ").split()) for _, value, target, _, _ in entries}


def index_is_current(app: Sphinx) -> bool:
    """A build that read no source and wrote no page leaves every page, and so the index, as
    the last build left them: indexing again would be most of the cost of a no-op rebuild."""
    return index_is_whole(Path(app.outdir)) and not build_changes(app).anything


def build_index(app: Sphinx, exception: Exception | None) -> None:
    if not uses_pagefind(app):
        return
    if exception is not None:
        # pages may have been written and not indexed: the next build must index again
        forget_index(Path(app.outdir))
        return
    if index_is_current(app):
        return
    started = time.perf_counter()
    outdir = Path(app.outdir)
    language = language_of(app.config).pagefind
    pages_per_part = app.config.kb_search_pages_per_part
    try:
        count = write_index(indexed_pages(app, language), outdir, language, pages_per_part)
        problem = index_problem(outdir)
    except SearchIndexError as error:
        count, problem = 0, str(error)
    if problem is not None:
        # not the author's doing: the indexer lost files (a full disk, say); say so, never pass
        forget_index(outdir)
        message = f"search index: Pagefind did not write the index whole ({problem}); build again"
        report(message, None, "search", error=True)
        return
    logger.info("search index: %d pages in %.1f s", count, time.perf_counter() - started)


def indexed_pages(app: Sphinx, language: str) -> Iterator[IndexedPage]:
    """The copy of each written page that is indexed, made one at a time as the index is
    written, so that the copies of a large site are never all in memory together."""
    variants = variants_of(app)
    sections = site_sections(app.env, app.config.root_doc)
    for docname in sorted(app.env.all_docs):
        uri = app.builder.get_target_uri(docname)
        path = Path(app.outdir, uri, "index.html" if uri.endswith("/") or not uri else "")
        if path.is_file():
            page = path.read_text(encoding="utf-8")
            entries = index_entries(app, docname)
            kind = kind_of(docname, sections)
            copy = indexed_copy(page, kind, language, variants, entries)
            yield IndexedPage(url=uri, content=copy)


def setup_search(app: Sphinx) -> None:
    app.connect("builder-inited", replace_builtin_search)
    app.connect("html-collect-pages", search_page)
    app.connect("build-finished", build_index)
