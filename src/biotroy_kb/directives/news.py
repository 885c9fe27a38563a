"""News: validated front matter, the `news-list` directive and the Atom feed `news/atom.xml`.

A news item is any page in the news folder (`kb_news_dir`) or its sub-folders (such as
`news/2024/`) other than their index pages. Its front matter says when (at the precision the
source supports), what (a one-sentence summary), which tags (from `tags.yaml`) and which assets
(from `pipeline.yaml`).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from feedgen.feed import FeedGenerator
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri
from sphinx.util.typing import OptionSpec

from ..core.changes import build_changes
from ..core.collector import front_matter, kb_data, note_listing, shown_front_matter
from ..core.config import holds_entry
from ..core.data import registry_of, use_registry
from ..core.frontmatter import FrontMatter, NewsFrontMatter, parse_front_matter
from ..core.language import language_of
from ..core.messages import _, note_renderings_dependency, phrase_gap, rendered, shown_date
from ..core.nodes import generated_classes
from ..core.problems import report
from ..registry.entries import Registry
from ..registry.problems import Problem


def is_news_item(config: Config, docname: str) -> bool:
    """Any page under the news folder, in a sub-folder too (news/2024/), except index pages."""
    return holds_entry(config.kb_news_dir, docname)


def collect_news_item(app: Sphinx, doctree: nodes.document) -> None:
    """Remember a news page whose front matter is valid for the lists and the feed; its
    fields' problems are reported with every page's (`core.collector`), unknown tags and
    assets here."""
    env = app.env
    docname = env.docname
    if not is_news_item(app.config, docname):
        return
    front = front_matter(env, docname)
    unknown = reference_problems(front, registry_of(env))
    for problem in unknown:
        report(problem.message, (docname, problem.line), "front-matter")
    if isinstance(front.model, NewsFrontMatter) and not unknown:
        kb_data(env).news[docname] = front.model


#: A news item: its page, and what its front matter says.
NewsItem = tuple[str, NewsFrontMatter]


def read_news_item(
    path: Path, registry: Registry | None
) -> tuple[NewsFrontMatter | None, list[Problem]]:
    """A news page's front matter, or every problem found in it: the fields' own and the
    unknown tags and assets together, so that one build shows them all."""
    front = parse_front_matter(path, news=True)
    problems = sorted([*front.problems, *reference_problems(front, registry)], key=_line)
    item = front.model if isinstance(front.model, NewsFrontMatter) and not problems else None
    return item, problems


def _line(problem: Problem) -> int:
    return problem.line or 0


def reference_problems(front: FrontMatter, registry: Registry | None) -> list[Problem]:
    """Tags and assets the registry does not know; read from the raw front matter, so that they
    are reported even when another field is wrong."""
    if registry is None or front.document is None:
        return []
    problems = []
    for field, known in (("tags", registry.tags), ("assets", registry.assets)):
        names = front.data.get(field)
        if not isinstance(names, list):
            continue
        for index, name in enumerate(names):
            if isinstance(name, str) and name not in known:
                valid = ", ".join(known) or "none"
                message = f"{field}[{index}]: unknown {field[:-1]} {name!r} (known: {valid})"
                line = front.document.line_of((field, index))
                problems.append(Problem(front.document.path, line, message))
    return problems


class kb_news_list(nodes.General, nodes.Element):
    """Where a news list goes; filled in once every page has been read."""


class NewsListDirective(SphinxDirective):
    """News items, newest first; undated items last, labelled. Filter by `:asset:` or `:tag:`."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "asset": directives.unchanged,
        "tag": directives.unchanged,
        "limit": directives.positive_int,
        "feed": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        registry = use_registry(self)
        asset, tag = self.options.get("asset"), self.options.get("tag")
        if registry is not None:
            for value, known, what in (
                (asset, registry.assets, "asset"),
                (tag, registry.tags, "tag"),
            ):
                if value is not None and value not in known:
                    message = f"news-list: unknown {what} {value!r} (known: {', '.join(known)})"
                    report(message, self.get_location(), "news")
        note_listing(self.env, {"news"})
        note_renderings_dependency(self.env)  # the tags' labels, drawn when the page is written
        return [
            kb_news_list(
                asset=asset, tag=tag, limit=self.options.get("limit"), feed="feed" in self.options
            )
        ]


def ordered_news(news: dict[str, NewsFrontMatter]) -> list[NewsItem]:
    """Newest first; items without a stated date last, in page order."""
    items = list(news.items())
    dated = [(page, item) for page, item in items if item.date.is_stated]
    dated.sort(key=lambda news_item: news_item[1].date.sort_key(), reverse=True)
    return dated + sorted((page, item) for page, item in items if not item.date.is_stated)


def select_news(
    news: dict[str, NewsFrontMatter], asset: str | None, tag: str | None, limit: int | None
) -> list[NewsItem]:
    chosen = [
        (page, item)
        for page, item in ordered_news(news)
        if (asset is None or asset in item.assets) and (tag is None or tag in item.tags)
    ]
    return chosen[:limit] if limit else chosen


def render_news_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    news = kb_data(app.env).news
    for placeholder in list(doctree.findall(kb_news_list)):
        chosen = select_news(news, placeholder["asset"], placeholder["tag"], placeholder["limit"])
        if not chosen:
            placeholder.replace_self(
                nodes.paragraph(text=_("No news yet."), classes=["kb-news-empty"])
            )
            continue
        listing = nodes.bullet_list(classes=generated_classes("kb-news-list"))
        listing.extend(_news_entry(app, docname, page, item) for page, item in chosen)
        placeholder.replace_self([listing, *_feed_link(app, docname, placeholder["feed"])])


def _feed_link(app: Sphinx, docname: str, wanted: bool) -> list[nodes.Node]:
    if not wanted or app.builder.name not in ("html", "dirhtml"):
        return []
    folder = app.config.kb_news_dir.strip("/")
    uri = relative_uri(app.builder.get_target_uri(docname), f"{folder}/atom.xml")
    paragraph = nodes.paragraph(classes=["kb-news-feed"])
    paragraph += nodes.Text(_("Follow the news in a feed reader: "))
    paragraph += nodes.reference("", _("Atom feed"), internal=True, refuri=uri)
    paragraph += nodes.Text(_("."))
    return [paragraph]


def _news_entry(app: Sphinx, fromdoc: str, page: str, item: NewsFrontMatter) -> nodes.list_item:
    entry = nodes.list_item(
        classes=["kb-news-item"] + ([] if item.date.is_stated else ["kb-undated"])
    )
    heading = nodes.paragraph(classes=["kb-news-heading"])
    stated = item.date.is_stated
    label = shown_date(app.config, item.date) if stated else _("Date not stated")
    heading += nodes.inline(text=label, classes=["kb-news-date"])
    heading += nodes.Text(phrase_gap(app.config)) if phrase_gap(app.config) else []
    title = app.env.titles[page].astext()
    uri = app.builder.get_relative_uri(fromdoc, page)
    heading += nodes.reference("", "", nodes.strong(text=title), internal=True, refuri=uri)
    entry += heading
    summary = shown_front_matter(app.env, page, "summary") or item.summary
    entry += nodes.paragraph(text=summary, classes=["kb-news-summary"])
    labels = [tag_label(app.env, tag) for tag in item.tags]
    tags = _("Tags: {tags}").format(tags=_(", ").join(labels))
    entry += nodes.paragraph(text=tags, classes=["kb-news-tags"])
    return entry


def tag_label(env: BuildEnvironment, tag: str) -> str:
    """A tag as readers read it: its label from `tags.yaml`, in their language."""
    registry = registry_of(env)
    if registry is None or tag not in registry.tags:
        return tag
    return rendered(env, registry.tags[tag].label)


def site_title(config: Config) -> str:
    """The site's name in the reader's language (`kb_titles` sets `html_title` per language)."""
    return str(config.html_title or config.project)


def base_url(app: Sphinx) -> str:
    """Where the site lives: `html_baseurl` on Read the Docs, the local preview otherwise."""
    url = app.config.html_baseurl or app.config.kb_local_base_url
    return url if url.endswith("/") else url + "/"


def last_changed(srcdir: Path, paths: list[Path]) -> dict[Path, dt.datetime]:
    """When each page last changed: its last commit, or the file's time where git has none
    (outside a checkout, before its first commit). One `git log` for them all: one per page
    cost 0.6 s for 100 news items on every build that changed anything."""
    committed = last_commits(srcdir, sorted({path.parent for path in paths}))
    return {
        path: committed.get(path) or dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
        for path in paths
    }


def last_commits(srcdir: Path, folders: list[Path]) -> dict[Path, dt.datetime]:
    """The date of the last commit that changed each file in `folders`."""
    pathspecs = [os.path.relpath(folder, srcdir) for folder in folders]
    command = ["git", "-c", "core.quotePath=false", "log", "--format=%x00%cI", "--name-only"]
    try:
        log = subprocess.run(
            [*command, "--relative", "--", *pathspecs],
            cwd=srcdir,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[Path, dt.datetime] = {}
    when = None
    for line in log.splitlines():
        if line.startswith("\0"):
            when = dt.datetime.fromisoformat(line[1:])
        elif line and when is not None:
            dates.setdefault(srcdir / line, when)  # newest first: the first date seen is the last
    return dates


def write_atom_feed(app: Sphinx, exception: Exception | None) -> None:
    """`news/atom.xml`: every news item, with absolute links, written with feedgen."""
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    items = ordered_news(kb_data(app.env).news)
    if not items:
        return
    root = base_url(app)
    folder = app.config.kb_news_dir.strip("/")
    target = Path(app.outdir, folder, "atom.xml")
    if not build_changes(app).anything and target.is_file():
        return  # no source read and no page written: the last build's feed is still right
    feed = FeedGenerator()
    feed.id(f"{root}{folder}/atom.xml")
    feed.title(_("{project}: news").format(project=site_title(app.config)))
    feed.author({"name": app.config.author or app.config.project})
    feed.link(href=f"{root}{folder}/atom.xml", rel="self")
    feed.link(href=root + app.builder.get_target_uri(f"{folder}/index"), rel="alternate")
    feed.language(language_of(app.config).tag)
    changed = []
    sources = {page: Path(app.env.doc2path(page)) for page, _item in items}
    last = last_changed(Path(app.srcdir), list(sources.values()))
    for page, item in reversed(items):  # feedgen puts each new entry first
        entry = feed.add_entry()
        url = root + app.builder.get_target_uri(page)
        updated = last[sources[page]]
        changed.append(updated)
        entry.id(url)
        entry.title(app.env.titles[page].astext())
        entry.link(href=url, rel="alternate")
        entry.summary(shown_front_matter(app.env, page, "summary") or item.summary)
        entry.updated(updated)
        if item.date.precision == "day":
            entry.published(
                dt.datetime(item.date.year, item.date.month, item.date.day, tzinfo=dt.UTC)
            )
        for tag in item.tags:
            entry.category(term=tag, label=tag_label(app.env, tag))
    feed.updated(max(changed) if changed else dt.datetime.now(dt.UTC))
    target.parent.mkdir(parents=True, exist_ok=True)
    feed.atom_file(str(target), pretty=True)


def add_feed_link(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Let browsers and feed readers find the feed from any page."""
    if app.builder.name not in ("html", "dirhtml") or not kb_data(app.env).news:
        return
    folder = app.config.kb_news_dir.strip("/")
    href = context["pathto"](f"{folder}/atom.xml", 1)
    title = _("{project}: news").format(project=site_title(app.config))
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}">'
    )


def setup_news(app: Sphinx) -> None:
    app.add_node(kb_news_list)
    app.add_directive("news-list", NewsListDirective)
    app.connect("doctree-read", collect_news_item)
    app.connect("doctree-resolved", render_news_lists)
    app.connect("html-page-context", add_feed_link)
    app.connect("build-finished", write_atom_feed)
