"""Search as you type, by section, in both languages: Pagefind in place of Sphinx's index.

Sphinx's built-in index is one file that every reader downloads whole (16 MB at 10,000 pages),
finds no Chinese words and drops numbers. Pagefind's index is split into small chunks that a
query fetches as needed. The HTML builder is told not to write its own index; after the build,
each written page's indexed copy (`search_copy`: its own words, Chinese as bigram codes, other
names of its terms in hidden spans, `search_terms`) is indexed into `_pagefind/`, in parts
that only an edit of one of their pages indexes again (`search_index`). `kb-search.js` answers
from it as the reader types in the sidebar box, and on `search.html?q=…`, the full results
page, and builds every excerpt from the page's own words.
"""

from __future__ import annotations

import hashlib
import html
import json
import time
from collections.abc import Callable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx.util.parallel import parallel_available

from ..core.changes import build_changes
from ..core.collector import kb_data
from ..core.data import BuildStopped, registry_of
from ..core.language import language_named, language_of
from ..core.messages import _
from ..core.parts import handbook_part
from ..core.problems import report
from ..core.visibility import is_public_edition
from .pagefind_install import PagefindInstall, find_pagefind, missing_message, search_starts
from .search_copy import indexed_copy, kind_of
from .search_index import (
    CACHE_DIR,
    Layout,
    PageSource,
    SearchIndexError,
    forget_index,
    index_is_whole,
    index_problem,
    part_count,
    part_name,
    update_index,
)
from .search_terms import (
    Variants,
    cross_language_groups,
    glossary_entries,
    glossary_terms,
    home_names,
    read_catalog,
)

logger = logging.getLogger(__name__)

#: Builders whose pages are served as a site; EPUB and the check builder have no search.
SEARCHED_BUILDERS = {"html", "dirhtml"}
#: Changes whenever what an indexed copy holds, or how, changes: every page is indexed again.
COPY_FORMAT = "5"
#: The language Pagefind indexes every edition in: English stemming for Latin words, and no
#: segmenting of its own (Chinese comes written as codes, `search_hidden`).
INDEX_LANGUAGE = "en"
#: What the catalogs read for the other language's terms are remembered in, beside the parts.
_INPUTS = "inputs.json"


SEARCH_PAGE_BODY = """<h1>{title}</h1>
<noscript><p class="admonition error">{nojs}</p></noscript>
<form class="kb-search-page" method="get" action="" role="search">
  <div class="kb-search-page-box">
    <label class="kb-search-page-label" for="kb-search-page-query">{label}</label>
    <input id="kb-search-page-query" type="search" name="q" autocomplete="off"
      aria-describedby="kb-search-summary">
    <button type="submit">{title}</button>
  </div>
  <fieldset class="kb-search-kinds" data-kinds="{kind_titles}" hidden><legend>{kinds}</legend>
  </fieldset>
</form>
<div id="search-results"><p id="kb-search-summary" class="search-summary" role="status"></p>
</div>
"""


def uses_pagefind(app: Sphinx) -> bool:
    return app.builder.name in SEARCHED_BUILDERS and app.config.kb_search


def replace_builtin_search(app: Sphinx) -> None:
    """No `searchindex.js` and none of Sphinx's search scripts: the search page is ours. A
    missing Pagefind stops the build here, before the pages are read, not after."""
    if not uses_pagefind(app):
        return
    pagefind_of(app)
    app.builder.search = False
    app.add_js_file("kb-search.js", defer="defer")


def add_search_settings(app: Sphinx, env: BuildEnvironment) -> None:
    """What kb-search.js says and knows of the site, once the pages are read: its words in
    the build's language, the parts left out unless asked for, where to look when nothing is
    found. (An inline script runs before the deferred kb-search.js.)"""
    if not uses_pagefind(app):
        return
    places = {"index": "genindex.html"}
    glossary = sorted(kb_data(env).glossary_pages())
    if glossary:
        places["glossary"] = app.builder.get_target_uri(glossary[0])
    settings = {**search_words(), "hidden": hidden_kinds(app.config), "places": places}
    body = f"window.KB_SEARCH_WORDS = {json.dumps(settings, ensure_ascii=False)};"
    app.add_js_file(None, body=body)


def hidden_kinds(config: Config) -> list[str]:
    """The parts of the site left out of readers' results unless asked for: the handbook."""
    return [handbook_part(config)]


def search_words() -> dict[str, object]:
    """What the search box says, in the build's language (kb-search.js fills the {names})."""
    return {
        "results": _("Search results"),
        "all": _("All results for “{query}”"),
        "none": _("Nothing found for “{query}”."),
        "one": _("1 page found for “{query}”."),
        "many": _("{count} pages found for “{query}”."),
        "about": _("About {count} pages found for “{query}”."),
        "instead": _("Nothing found for “{query}”. Showing what was found for “{instead}”."),
        "glossary": _("Look it up in the glossary"),
        "index": _("Browse the index"),
        "other": _("Search for “{query}” in {language}"),
        "try": _("Try other words, or:"),
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
    """search.html as an ordinary page of the theme, its body the form `kb-search.js` fills.
    A build that read and wrote nothing leaves the one the last build wrote."""
    if not uses_pagefind(app):
        return []
    if not build_changes(app).anything and (Path(app.outdir) / "search.html").is_file():
        return []
    sections = site_sections(app.env, app.config.root_doc)
    kind_titles = json.dumps(sections, ensure_ascii=False)
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


def catalog_paths(app: Sphinx, docname: str) -> list[Path]:
    """The catalogs that translate `docname` between this edition's language and the others':
    in the source language's build, each translation's; in a translation's, its own."""
    here = language_of(app.config)
    codes = [c for c in app.config.kb_languages if language_named(c) != here]
    languages = [language_named(c) for c in codes] if here.is_source else [here]
    domain = docname_to_domain(docname, app.config.gettext_compact)
    return [
        Path(app.srcdir, folder, language.code, "LC_MESSAGES", f"{domain}.po")
        for folder in app.config.locale_dirs
        for language in languages
        if not language.is_source
    ]


def variants_of(app: Sphinx) -> Variants:
    """The other names of the site's terms: the glossary's, their translations, the
    registry's written forms."""
    env = app.env
    is_source = language_of(app.config).is_source
    entries, other_language = [], []
    for page in sorted(kb_data(env).glossary_pages()):
        doctree = env.get_doctree(page)
        entries += glossary_entries(doctree)
        terms = list(glossary_terms(doctree))
        for path in catalog_paths(app, page):
            other_language += cross_language_groups(terms, read_catalog(path), is_source)
    return Variants.drawn_from(entries, registry_of(env), other_language)


def index_entries(app: Sphinx, docname: str) -> dict[str, str]:
    """{target id: words} of the page's index entries: "BT02; regulatory status" as words."""
    entries = app.env.domains["index"].entries.get(docname, [])
    return {target: " ".join(value.replace(";", " ").split()) for _, value, target, _, _ in entries}


def inputs_of(app: Sphinx) -> dict[str, list[object]]:
    """What the index is made from besides the pages: the way copies are made and Pagefind's
    version (an upgrade of the extension changes no page), and the catalogs of the other
    language's terms, with their signatures. A change to one indexes again."""
    signatures: dict[str, list[object]] = {"copy": [COPY_FORMAT, pagefind_of(app).version]}
    for page in sorted(kb_data(app.env).glossary_pages()):
        for path in catalog_paths(app, page):
            stat = path.stat() if path.is_file() else None
            signatures[str(path)] = [stat.st_mtime_ns, stat.st_size] if stat else []
    return signatures


def index_is_current(app: Sphinx, cache: Path) -> bool:
    """A build that read no source and wrote no page, with the same catalogs, leaves every
    page, and so the index, as the last build left them: indexing again would be most of the
    cost of a no-op rebuild."""
    if build_changes(app).anything or not index_is_whole(Path(app.outdir)):
        return False
    try:
        return json.loads((cache / _INPUTS).read_text(encoding="utf-8")) == inputs_of(app)
    except (OSError, ValueError):
        return False


def build_index(app: Sphinx, exception: Exception | None) -> None:
    if not uses_pagefind(app):
        return
    outdir, cache = Path(app.outdir), Path(app.doctreedir) / CACHE_DIR
    if exception is not None:
        # pages may have been written and not indexed: the next build must index again
        forget_index(outdir)
        return
    if index_is_current(app, cache):
        return
    started = time.perf_counter()
    variants = variants_of(app)
    maker, layout = copy_maker(app, variants), layout_of(app, variants)
    try:
        outcome = update_index(pages_of(app), maker, outdir, cache, layout, INDEX_LANGUAGE)
        problem = index_problem(outdir / "_pagefind")
    except SearchIndexError as error:
        outcome, problem = None, str(error)
    if problem is not None or outcome is None:
        # not the author's doing: the indexer lost files (a full disk, say); say so, never pass
        forget_index(outdir)
        message = f"search index: Pagefind did not write the index whole ({problem}); build again"
        report(message, None, "search", error=True)
        return
    (cache / _INPUTS).write_text(json.dumps(inputs_of(app)), encoding="utf-8")
    seconds = time.perf_counter() - started
    logger.info(
        "search index: %d pages in %.1f s (%d copied, parts indexed: %s)",
        outcome.pages,
        seconds,
        outcome.copied,
        ", ".join(map(part_name, outcome.indexed_parts)) or "none",
    )


def pages_of(app: Sphinx) -> list[PageSource]:
    pages = []
    for docname in sorted(app.env.all_docs):
        uri = app.builder.get_target_uri(docname)
        path = Path(app.outdir, uri, "index.html" if uri.endswith("/") or not uri else "")
        if path.is_file():
            pages.append(PageSource(docname, uri, path))
    return pages


def pagefind_of(app: Sphinx) -> PagefindInstall:
    """The Pagefind that npm installed for the project, or one line saying how to install it."""
    found = find_pagefind(search_starts(Path(app.confdir)))
    if found is None:
        message = missing_message(Path(app.confdir))
        report(message, None, "search", error=True)
        raise BuildStopped(message)
    return found


def layout_of(app: Sphinx, variants: Variants) -> Layout:
    """How many parts, and what every page's copy depends on besides the page (a change
    indexes every page again)."""
    config = app.config
    pages = len(app.env.all_docs)
    parts = part_count(pages, config.kb_search_pages_per_part)
    pagefind = pagefind_of(app)
    made_of = [COPY_FORMAT, pagefind.version, language_of(config).tag, variants.fingerprint()]
    fingerprint = hashlib.sha256(repr(made_of).encode("utf-8")).hexdigest()[:16]
    # the public edition indexes every page in its own part: a word taken off a page must not
    # stay in its part's index, where the recent part leaves it until the parts are indexed
    recent = 0 if is_public_edition(config) else config.kb_search_recent_pages
    indexer = (str(pagefind.binary),)
    return Layout(
        parts=parts,
        fingerprint=fingerprint,
        indexer=indexer,
        recent_pages=recent,
        # Sphinx forks only where it can (POSIX); elsewhere the copies are made in this process
        processes=app.parallel if parallel_available else 1,
    )


def copy_maker(app: Sphinx, variants: Variants) -> Callable[[PageSource], str]:
    """How each page's indexed copy is made (the aliases found once for every page)."""
    finder = variants.finder
    sections = site_sections(app.env, app.config.root_doc)
    tag = language_of(app.config).tag
    names = home_names(registry_of(app.env))
    hidden = hidden_kinds(app.config)

    def make(page: PageSource) -> str:
        content = page.path.read_text(encoding="utf-8")
        kind = kind_of(page.docname, sections)
        entries = index_entries(app, page.docname)
        home_of = names.get(page.docname, ())
        return indexed_copy(content, kind, tag, finder, entries, home_of, hidden)

    return make


def setup_search(app: Sphinx) -> None:
    app.connect("builder-inited", replace_builtin_search)
    app.connect("env-updated", add_search_settings)
    app.connect("html-collect-pages", search_page)
    app.connect("build-finished", build_index)
