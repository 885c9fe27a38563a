"""What the extension learns about each page while Sphinx reads it.

Kept in the build environment, per page, so that an incremental build forgets a page's data when
the page is re-read, and a parallel build (`-j`) merges what each worker read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util import docname_join

from .config import holds_entry
from .frontmatter import FrontMatter, NewsFrontMatter, front_matter_of_file, parse_front_matter
from .nodes import inside
from .problems import report
from .writing import han_characters, latin_words, reading_minutes


@dataclass(frozen=True)
class PageInfo:
    """What a reading path shows of a page besides its front matter: its length in words
    (Latin letters) and in Chinese characters, which are read at different rates."""

    words: int
    characters: int = 0

    @property
    def minutes(self) -> int:
        return reading_minutes(self.words, self.characters)


@dataclass
class KnowledgeBaseData:
    """Everything the extension keeps per page; one instance lives on the environment."""

    pages: dict[str, PageInfo] = field(default_factory=dict)
    #: each page's front matter, parsed once when the page is read
    front_matter: dict[str, FrontMatter] = field(default_factory=dict)
    #: the front-matter values other pages show, as this build's reader reads them (translated)
    shown_front_matter: dict[str, dict[str, str]] = field(default_factory=dict)
    #: in a translated build, what each page asks its catalog for: its catalog's domain and
    #: each message with its first source line (`editions/page_messages.py`)
    page_messages: dict[str, tuple[str, dict[str, int]]] = field(default_factory=dict)
    #: the news items whose front matter is valid and refers to known tags and assets
    news: dict[str, NewsFrontMatter] = field(default_factory=dict)
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
        self.front_matter.pop(docname, None)
        self.shown_front_matter.pop(docname, None)
        self.page_messages.pop(docname, None)
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
                (self.front_matter, other.front_matter),
                (self.shown_front_matter, other.shown_front_matter),
                (self.page_messages, other.page_messages),
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


def front_matter(env: BuildEnvironment, docname: str) -> FrontMatter:
    """The page's front matter: parsed when first asked for while the page is read (by the
    news model under the news folder), then kept with the page's other data."""
    pages = kb_data(env).front_matter
    if docname not in pages:
        news = holds_entry(env.config.kb_news_dir, docname)
        pages[docname] = parse_front_matter(Path(env.doc2path(docname)), news)
    return pages[docname]


def shown_front_matter(env: BuildEnvironment, docname: str, field: str) -> str | None:
    """A page's front-matter value as this build's reader reads it: translated in a translated
    build (`editions/translated_front_matter.py`), else as the page says it."""
    shown = kb_data(env).shown_front_matter.get(docname, {})
    if field in shown:
        return shown[field]
    return getattr(front_matter(env, docname).page, field, None)


def front_matter_on_disk(config: Config, srcdir: Path, path: Path) -> FrontMatter:
    """The front matter of a Markdown file under `srcdir`, read from disk: for pages the build
    leaves out, and so never reads. Wrong front matter keeps the page internal."""
    docname = path.relative_to(srcdir).with_suffix("").as_posix()
    return front_matter_of_file(path, holds_entry(config.kb_news_dir, docname))


def note_listing(env: BuildEnvironment, listed: set[str]) -> None:
    """Record that the current page shows data from `listed` pages ("news" for all news)."""
    kb_data(env).listings.setdefault(env.docname, set()).update(listed)


class KnowledgeBaseCollector(EnvironmentCollector):
    """Collects front matter, reading times and glossary definitions for every page."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        kb_data(env).forget(docname)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
    ) -> None:
        kb_data(env).adopt(kb_data(other), docnames)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        data = kb_data(env)
        for problem in front_matter(env, env.docname).problems:
            report(problem.message, (env.docname, problem.line), "front-matter")
        data.pages[env.docname] = page_length(doctree)
        for docname_and_definition in glossary_definitions(doctree, env.docname):
            anchor, entry = docname_and_definition
            data.definitions[anchor] = entry


def page_length(doctree: nodes.document) -> PageInfo:
    """What a reader reads, in words and Chinese characters: the page's text (translated, in a
    translated build) without its table-of-contents trees."""
    words = characters = 0
    for node in doctree.findall(nodes.Text):
        if not inside(node, lambda parent: isinstance(parent, addnodes.toctree)):
            text = node.astext()
            words += latin_words(text)
            characters += han_characters(text)
    return PageInfo(words, characters)


def glossary_definitions(doctree: nodes.document, docname: str) -> list[tuple[str, Any]]:
    """(term anchor, (page, first sentence of the definition)) for each glossary term."""
    found: list[tuple[str, Any]] = []
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            definition = item.next_node(nodes.definition)
            if definition is None:
                continue
            short = first_sentence(" ".join(definition_text(definition).split()))
            for term in item.findall(nodes.term):
                found.extend((anchor, (docname, short)) for anchor in term["ids"])
    return found


#: Stands for a link to a page in a definition's text until the page's title is known.
PAGE_MARK = "\x00"
#: Where a sentence may end: English punctuation before a space, Chinese full-width punctuation.
SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=\S)|(?<=[\u3002\uff1f\uff01])(?=.)")
#: Abbreviations whose full stop ends no sentence.
ABBREVIATIONS = ("Dr.", "Mr.", "Ms.", "e.g.", "i.e.", "U.S.", "vs.", "No.", "cf.")


def definition_text(node: nodes.Node) -> str:
    """A definition's text as a reader reads it; a link to a page written without its own
    words (`{doc}`/pipeline/bt02``, whose text is the path until links are resolved) is marked
    and becomes the page's title in `tooltip_text`."""
    if isinstance(node, nodes.Text):
        return node.astext()
    if (
        isinstance(node, addnodes.pending_xref)
        and node.get("reftype") == "doc"
        and not node.get("refexplicit")
    ):
        target = docname_join(node.get("refdoc", ""), node["reftarget"])
        return f"{PAGE_MARK}{target}{PAGE_MARK}"
    return "".join(definition_text(child) for child in node.children)


def first_sentence(text: str) -> str:
    """The definition's first sentence: a tooltip says what a word means, not all of it."""
    for end in SENTENCE_END.finditer(text):
        before = text[: end.start()]
        if not before.endswith(ABBREVIATIONS):
            return before.strip()
    return text.strip()


def tooltip_text(env: BuildEnvironment, short: str) -> str:
    """A definition's first sentence with each marked page link as the page's title."""
    parts = short.split(PAGE_MARK)
    for index in range(1, len(parts), 2):
        title = env.titles.get(parts[index])
        parts[index] = title.astext() if title is not None else parts[index]
    return "".join(parts)


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
