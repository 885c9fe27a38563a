"""Public and internal editions, page owners and review dates.

Every page says in its front matter who may read it (`audience: public` or `internal`, internal
unless it says otherwise), which team owns it and when it must be reviewed. The internal edition
holds everything. The public edition (`kb_edition = "public"`) leaves internal pages out of the
source set itself, so neither their text nor their titles can reach the search index, the
navigation or any other output; a public page that links to an internal page, or shows an
internal fact, stops the build with the file and line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.matching import get_matching_files

from ..core.collector import front_matter, front_matter_on_disk
from ..core.data import BuildStopped
from ..core.frontmatter import PageFrontMatter
from ..core.lines import node_line
from ..core.messages import _, date_node, message_nodes, rendered
from ..core.problems import report, report_problem, where
from ..core.visibility import is_public, is_public_edition, visible


def internal_pages(srcdir: Path, config: Config) -> list[str]:
    """Source files (relative to `srcdir`) whose pages are for internal readers. A page whose
    front matter is wrong is left out as internal, and its problems are reported here, since
    the build will not read it."""
    found = get_matching_files(
        srcdir, include_patterns=["**.md"], exclude_patterns=config.exclude_patterns
    )
    internal = []
    for name in found:
        front = front_matter_on_disk(config, srcdir, srcdir / name)
        for problem in front.problems:
            report_problem(problem, "front-matter")
        if not is_public(front.page.audience):
            internal.append(str(name))
    return sorted(internal)


def leave_out_internal_pages(app: Sphinx, config: Config) -> None:
    """In the public edition, internal pages are not sources at all; toctree entries that lead to
    them simply drop out."""
    if not is_public_edition(config):
        return
    # Sphinx names a missing page by the project's first source suffix, so the page is left
    # out under every suffix: its toctree entries then count as excluded and drop out quietly.
    suffixes = {".md", *config.source_suffix}
    internal = [
        str(Path(name).with_suffix("")) for name in internal_pages(Path(app.srcdir), config)
    ]
    if config.root_doc in internal:
        refuse_internal_home_page(Path(app.srcdir), config.root_doc)
    patterns = [f"{docname}{suffix}" for docname in internal for suffix in sorted(suffixes)]
    config.exclude_patterns = [*config.exclude_patterns, *patterns]
    config.suppress_warnings = [*config.suppress_warnings, "toc.excluded"]
    # A page's Markdown source holds its internal-only blocks: it is never published.
    config.html_copy_source = False
    config.html_show_sourcelink = False


def refuse_internal_home_page(srcdir: Path, root_doc: str) -> None:
    """Without its home page the public edition would be no site at all: stop with one line."""
    location = where(srcdir / f"{root_doc}.md", 1)
    message = (
        "the public edition would leave out the home page (its audience is internal); "
        "give it `audience: public` in its front matter"
    )
    report(message, location, "edition", error=True)
    raise BuildStopped(f"{location}: {message}")


def refuse_links_to_internal_pages(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.Element
) -> nodes.Node | None:
    """A public page linking to a page left out of the public edition stops the build."""
    if not is_public_edition(app.config) or node.get("reftype") != "doc":
        return None
    target = node["reftarget"].lstrip("/")
    source = Path(app.srcdir, f"{target}.md")
    if not source.is_file():
        return None
    audience = front_matter_on_disk(app.config, Path(app.srcdir), source).page.audience
    if not visible(app.config, audience):
        left_out = "the public edition leaves it out"
        message = f"public page links to the internal page {target!r}; {left_out}"
        report(message, (node["refdoc"], node_line(node)), "edition")
        return contnode
    return None


def today(config: Config) -> dt.date:
    """The date reviews are measured against: `kb_today` (for tests), else today."""
    return dt.date.fromisoformat(config.kb_today) if config.kb_today else dt.date.today()


def is_overdue(page: PageFrontMatter, on: dt.date) -> bool:
    review = page.review_by
    if review is None or not review.is_stated:
        return False
    last_day = dt.date(review.year, review.month or 12, review.day or 28)
    return on > last_day


def add_care_notes(app: Sphinx, doctree: nodes.document) -> None:
    """Every page shows its owner and review date; past the date, a notice says so at the top."""
    care = front_matter(app.env, app.env.docname).page
    if care.owner is None and care.review_by is None:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    owner = rendered(app.env, care.owner) if care.owner else _("not named")
    review: str | nodes.Node = (
        date_node(app.config, care.review_by) if care.review_by else _("not set")
    )
    footer = nodes.paragraph(classes=["kb-page-care"])
    footer += message_nodes(_("Owner: {owner} · Review by: {review}"), owner=owner, review=review)
    section += footer
    if is_overdue(care, today(app.config)):
        notice = nodes.admonition(classes=["kb-review-overdue", "warning"])
        notice += nodes.title(text=_("This page may be out of date"))
        due = _("Its review was due by {review}. Owner: {owner}.")
        notice += nodes.paragraph("", "", *message_nodes(due, review=review, owner=owner))
        title_index = section.first_child_matching_class(nodes.title)
        section.insert((title_index or 0) + 1, notice)


class InternalOnlyDirective(SphinxDirective):
    """Content for internal readers inside a public page (a link to onboarding, say). The
    public edition never parses it, so it cannot reach any output; unlike Sphinx's `only`,
    which keeps the content in the doctree and the search index."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        if is_public_edition(self.config):
            return []
        container = nodes.container(classes=["kb-internal-only"])
        self.state.nested_parse(self.content, self.content_offset, container)
        return [container]


def setup_edition(app: Sphinx) -> None:
    app.add_directive("internal-only", InternalOnlyDirective)
    app.connect("config-inited", leave_out_internal_pages, priority=800)
    app.connect("missing-reference", refuse_links_to_internal_pages)
    app.connect("doctree-read", add_care_notes)
