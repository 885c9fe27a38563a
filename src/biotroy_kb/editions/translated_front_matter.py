"""Front matter that readers see is translated like the page's text. A page's `summary` is shown
on other pages (the reading path, the news list, the feed), so it is one of the page's own
messages: a transform puts each shown value into the page's doctree as a `kb_front_matter_text`
node, before Sphinx's i18n transforms run. Sphinx's gettext builder then extracts it into the
page's catalog with the page's other messages (`make translations`), its i18n transform puts the
translation in its place, and the collector keeps the value as this build's reader reads it
(`core.collector.shown_front_matter`). The node itself draws nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import PreserveTranslatableMessages

from ..core.collector import front_matter, kb_data
from ..core.frontmatter import SHOWN_TO_READERS


class kb_front_matter_text(nodes.Element, addnodes.translatable):
    """One front-matter value shown to readers (`field`), as a message of its page."""

    def preserve_original_messages(self) -> None:
        self.setdefault("original", self["text"])

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        if original_message == self["original"]:
            self["text"] = translated_message

    def extract_original_messages(self) -> Sequence[str]:
        return [self.get("original", self["text"])]


class FrontMatterMessages(SphinxTransform):
    """Before Sphinx preserves the page's original messages: one node per shown value, at the
    line of the front matter that says it (where a translator's tools point)."""

    default_priority = PreserveTranslatableMessages.default_priority - 1

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        if not docname:
            return
        front = front_matter(self.env, docname)
        if front.model is None or front.document is None:
            return
        source = self.document.get("source") or str(self.env.doc2path(docname))
        for field in SHOWN_TO_READERS:
            value = getattr(front.model, field, None)
            if not value:
                continue
            node = kb_front_matter_text(field=field, text=value)
            node.source, node.line = source, front.document.line_of((field,))
            self.document += node


def collect_shown_front_matter(app: Sphinx, doctree: nodes.document) -> None:
    """The values as this build shows them (translated in a translated build)."""
    shown = {node["field"]: node["text"] for node in doctree.findall(kb_front_matter_text)}
    kb_data(app.env).shown_front_matter[app.env.docname] = shown


def skip_node(translator: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_translated_front_matter(app: Sphinx) -> None:
    skip = (skip_node, None)
    app.add_node(kb_front_matter_text, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_transform(FrontMatterMessages)
    app.connect("doctree-read", collect_shown_front_matter)
