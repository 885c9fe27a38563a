"""What the reader's browser remembers: the pages read, and what each looked like.

Every build writes a fingerprint of each section of each page: a short hash of the section's own
text (its sub-sections apart), under the section's anchor. A page carries its own fingerprints
in its head; `kb-fingerprints.json` at the site's root lists each page's title and a fingerprint
of the whole page. In the browser, `kb-reader.js` keeps, in local storage and nowhere else, the
fingerprints of what it showed the reader and which pages they read to the end. When they come
back to a page that changed, the changed sections are marked and a line at the top says what
changed since their last read; Start here ticks the pages of the path they have read; the
`changes-for-you` directive (What's new for you) lists the pages changed since they read them.

Nothing is sent anywhere: the site is static, and the memory is the reader's own browser's.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..core.language import language_of
from ..core.messages import _
from ..core.nodes import generated_classes
from ..core.page_writers import hand_back_from_writers

#: The site-wide list, at the root of the output.
SITE_FILE = "kb-fingerprints.json"
#: The id of the page's own fingerprints, a JSON script in its head.
PAGE_DATA_ID = "kb-page-memory"
#: What the reader sees but is not the page's content: notes drawn for the reading path and for
#: print, the owner line, and a review notice that appears when a date passes.
NOT_CONTENT = {"kb-path-step", "kb-print-only", "kb-page-care", "kb-review-overdue"}


def fingerprint(text: str) -> str:
    """Ten hex digits of a hash of `text`, whitespace folded: enough to tell versions apart."""
    folded = " ".join(text.split())
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=5).hexdigest()


def own_text(section: nodes.section) -> str:
    """A section's text without its sub-sections' and without what is not content."""
    parts: list[str] = []

    def collect(node: nodes.Node) -> None:
        if isinstance(node, nodes.Text):
            parts.append(node.astext())
            return
        if isinstance(node, nodes.section) and node is not section:
            return
        if isinstance(node, nodes.Element) and NOT_CONTENT & set(node.get("classes", [])):
            return
        for child in node.children:
            collect(child)

    collect(section)
    return " ".join(parts)


def section_fingerprints(doctree: nodes.document) -> list[tuple[str, str]]:
    """(anchor, fingerprint) of each section that has an anchor, in page order."""
    return [
        (section["ids"][0], fingerprint(own_text(section)))
        for section in doctree.findall(nodes.section)
        if section["ids"]
    ]


def page_fingerprint(sections: list[tuple[str, str]]) -> str:
    return fingerprint(" ".join(f"{anchor}={value}" for anchor, value in sections))


def remembers(app: Sphinx) -> bool:
    """Pages read one by one on a site, in a browser: not a book, not the check."""
    return app.builder.format == "html" and not getattr(app.builder, "embedded", False)


class SiteFingerprints:
    """The fingerprints of the pages this build writes, gathered where doctrees are resolved
    (with `-j`, each writing process hands its share back: `core.page_writers`), merged into
    the site's list."""

    def __init__(self) -> None:
        self.written: dict[str, tuple[str, str]] = {}

    def note(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        if not remembers(app):
            return
        sections = section_fingerprints(doctree)
        doctree["kb_fingerprints"] = sections
        uri = app.builder.get_target_uri(docname)
        title = app.env.titles[docname].astext() if docname in app.env.titles else docname
        self.written[uri] = (title, page_fingerprint(sections))

    def gathered(self) -> dict[str, tuple[str, str]]:
        return self.written

    def merge(self, written: dict[str, tuple[str, str]]) -> None:
        self.written.update(written)

    def write(self, app: Sphinx, exception: BaseException | None) -> None:
        """The site's list: last build's entries for pages not written now, this build's for
        the rest, none for pages that are gone."""
        if exception is not None or not remembers(app):
            return
        path = Path(app.outdir, SITE_FILE)
        if not self.written and path.is_file():
            return
        pages = read_site_file(path)
        pages.update({uri: list(entry) for uri, entry in self.written.items()})
        current = {app.builder.get_target_uri(docname) for docname in app.env.all_docs}
        kept = {uri: pages[uri] for uri in sorted(pages) if uri in current}
        path.write_text(json.dumps({"pages": kept}, ensure_ascii=False), encoding="utf-8")
        self.written = {}


def read_site_file(path: Path) -> dict[str, Any]:
    try:
        pages = json.loads(path.read_text(encoding="utf-8"))["pages"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return pages if isinstance(pages, dict) else {}


def add_page_memory(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The page's fingerprints in its head, for kb-reader.js to compare with what it saw."""
    if doctree is None or "kb_fingerprints" not in doctree:
        return
    sections = doctree["kb_fingerprints"]
    data = {
        "page": app.builder.get_target_uri(pagename),
        "hash": page_fingerprint(sections),
        "sections": sections,
        "updated": context.get("last_updated") or "",
    }
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    tag = f'<script type="application/json" id="{PAGE_DATA_ID}">{text}</script>'
    context["metatags"] = context.get("metatags", "") + "\n" + tag


class ChangesForYouDirective(SphinxDirective):
    """Where What's new for you lists the pages changed since the reader read them."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        box = nodes.container(classes=generated_classes("kb-whats-new"))
        box += nodes.paragraph(
            text=_("Your browser lists them here when JavaScript is on."),
            classes=["kb-whats-new-status"],
        )
        return [box]


def reader_words(app: Sphinx) -> dict[str, str]:
    """What kb-reader.js says, in the build's language ({names} filled in by the script)."""
    return {
        "locale": language_of(app.config).cldr_locale.replace("_", "-"),
        "changed": _("Changed since you last read this page on {date}:"),
        "updated": _("The page was last updated on {date}."),
        "removed": _("Removed: {titles}."),
        "sectionChanged": _("Changed"),
        "sectionNew": _("New"),
        "read": _("Read"),
        "progress": _("You have read {read} of {count} pages on the path."),
        "continue": _("Continue with step {number}:"),
        "done": _("You have read every page on the path."),
        "forget": _("Forget what I have read"),
        "forgotten": _("Your browser has forgotten what you read here."),
        "nothing": _("None of the pages you have read has changed since you read it."),
        "never": _(
            "This browser has not shown you any page of the site yet. Start with the reading path."
        ),
        "changedPages": _("Changed since you read them:"),
        "readOn": _("you read it on {date}"),
        "newPages": _("New since you last looked here:"),
        "unavailable": _("The list of pages could not be loaded; open the site from a server."),
    }


def add_reader_script(app: Sphinx) -> None:
    if not remembers(app):
        return
    words = json.dumps(reader_words(app), ensure_ascii=False)
    app.add_js_file(None, body=f"window.KB_READER_WORDS = {words};")
    app.add_js_file("kb-reader.js", defer="defer")


def setup_reader_memory(app: Sphinx) -> None:
    site = SiteFingerprints()
    app.add_directive("changes-for-you", ChangesForYouDirective)
    app.connect("builder-inited", add_reader_script)
    # after the other handlers have drawn the page (facts linked, path listed)
    app.connect("doctree-resolved", site.note, priority=900)
    hand_back_from_writers(app, site.gathered, site.merge)
    app.connect("html-page-context", add_page_memory)
    app.connect("build-finished", site.write)
