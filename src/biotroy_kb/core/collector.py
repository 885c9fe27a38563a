"""What the extension learns about each page while Sphinx reads it.

Kept in the build environment, per page, so that an incremental build forgets a page's data when
the page is re-read, and a parallel build (`-j`) merges what each worker read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector

from ..registry.dates import PartialDate
from .nodes import inside

WORDS_PER_MINUTE = 200


@dataclass(frozen=True)
class PageInfo:
    """What a reading path shows of a page."""

    words: int
    summary: str

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class NewsItem:
    """A news page's validated front matter."""

    docname: str
    date: PartialDate
    date_note: str | None
    summary: str
    tags: tuple[str, ...]
    assets: tuple[str, ...]


@dataclass
class KnowledgeBaseData:
    """Everything the extension keeps per page; one instance lives on the environment."""

    pages: dict[str, PageInfo] = field(default_factory=dict)
    news: dict[str, NewsItem] = field(default_factory=dict)
    #: glossary anchor id (e.g. `term-IND`) -> (glossary page, short definition)
    definitions: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: pages whose output lists other pages' data: page -> what it lists ("news" or docnames)
    listings: dict[str, set[str]] = field(default_factory=dict)
    #: each reading path's line and the pages it lists, as written (duplicates kept for the check)
    reading_paths: dict[str, tuple[int, list[str]]] = field(default_factory=dict)
    #: the page that lists the sources, where fact links point
    sources_page: str | None = None

    def glossary_pages(self) -> set[str]:
        return {page for page, _ in self.definitions.values()}

    def forget(self, docname: str) -> None:
        self.pages.pop(docname, None)
        self.news.pop(docname, None)
        self.listings.pop(docname, None)
        self.reading_paths.pop(docname, None)
        self.definitions = {k: v for k, v in self.definitions.items() if v[0] != docname}
        if self.sources_page == docname:
            self.sources_page = None

    def adopt(self, other: KnowledgeBaseData, docnames: set[str]) -> None:
        """Take over what a parallel worker read for `docnames`."""
        for docname in docnames:
            for mine, theirs in (
                (self.pages, other.pages),
                (self.news, other.news),
                (self.listings, other.listings),
                (self.reading_paths, other.reading_paths),
            ):
                if docname in theirs:
                    mine[docname] = theirs[docname]  # type: ignore[index]
        self.definitions.update({k: v for k, v in other.definitions.items() if v[0] in docnames})
        if other.sources_page in docnames:
            self.sources_page = other.sources_page


def kb_data(env: BuildEnvironment) -> KnowledgeBaseData:
    if not hasattr(env, "kb_data"):
        env.kb_data = KnowledgeBaseData()
    return env.kb_data


def note_listing(env: BuildEnvironment, listed: set[str]) -> None:
    """Record that the current page shows data from `listed` pages ("news" for all news)."""
    kb_data(env).listings.setdefault(env.docname, set()).update(listed)


class KnowledgeBaseCollector(EnvironmentCollector):
    """Collects reading times, summaries and glossary definitions for every page."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        kb_data(env).forget(docname)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
    ) -> None:
        kb_data(env).adopt(kb_data(other), docnames)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        data = kb_data(env)
        summary = str(env.metadata[env.docname].get("summary", ""))
        data.pages[env.docname] = PageInfo(words=count_words(doctree), summary=summary)
        for docname_and_definition in glossary_definitions(doctree, env.docname):
            anchor, entry = docname_and_definition
            data.definitions[anchor] = entry


def count_words(doctree: nodes.document) -> int:
    """Words a reader reads: the page's text without its table-of-contents trees."""
    words = 0
    for node in doctree.findall(nodes.Text):
        if not inside(node, lambda parent: isinstance(parent, addnodes.toctree)):
            words += len(node.astext().split())
    return words


def glossary_definitions(doctree: nodes.document, docname: str) -> list[tuple[str, Any]]:
    """(term anchor, (page, first sentences of the definition)) for each glossary term."""
    found: list[tuple[str, Any]] = []
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            definition = item.next_node(nodes.definition)
            if definition is None:
                continue
            short = shorten(" ".join(definition.astext().split()))
            for term in item.findall(nodes.term):
                found.extend((anchor, (docname, short)) for anchor in term["ids"])
    return found


def shorten(text: str, limit: int = 220) -> str:
    """The first sentences of `text` that fit in `limit` characters (at least one sentence)."""
    sentences = text.replace("? ", "?|").replace(". ", ".|").split("|")
    short = sentences[0]
    for sentence in sentences[1:]:
        if len(short) + 1 + len(sentence) > limit:
            break
        short += " " + sentence
    return short


def remember_docs_to_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    env.kb_docs_read = set(docnames)


def remember_removed_docs(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    env.kb_docs_removed = set(removed)
    return []


def listings_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages that show other pages' data are written again when that data changed, even if the
    page itself did not: a news index when a news item changed, a reading path when a listed
    page changed, every page with term links when the glossary changed."""
    data = kb_data(env)
    changed = getattr(env, "kb_docs_read", set()) | getattr(env, "kb_docs_removed", set())
    if not changed:
        return []
    glossary_pages = data.glossary_pages()
    tokens = set(changed)
    if changed & set(data.news):
        tokens.add("news")
    if changed & glossary_pages:
        tokens.add("glossary")
    if getattr(env, "kb_docs_removed", set()):
        tokens.update({"news", "glossary"})
    return sorted(
        page for page, listed in data.listings.items() if listed & tokens and page not in changed
    )


def setup_collector(app: Sphinx) -> None:
    app.add_env_collector(KnowledgeBaseCollector)
    app.connect("env-get-outdated", remember_removed_docs)
    app.connect("env-before-read-docs", remember_docs_to_read)
    app.connect("env-get-updated", listings_to_rewrite)
