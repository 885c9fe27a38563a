"""What each page asks its catalog for. In a translated build, just before Sphinx's i18n
transform looks each of a page's messages up in the page's catalog, the same messages are
recorded with their source lines, by the same function Sphinx's gettext builder extracts them
with (front matter and index entries included). The check compares them with the catalog on
disk: an English sentence edited after the catalog was last updated has no entry there, and a
page whose catalog is missing has none at all; both show English to a Chinese reader, and the
check names the page and line."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import Locale
from sphinx.util.i18n import docname_to_domain
from sphinx.util.index_entries import split_index_msg
from sphinx.util.nodes import extract_messages, traverse_translatable_index

from ..core.collector import kb_data
from ..core.language import language_of
from ..core.lines import node_line
from ..core.nodes import inside

NOT_PAGE = (nodes.docinfo, nodes.substitution_definition)


class RecordPageMessages(SphinxTransform):
    # before anything puts a translation in (the diagrams are translated at Locale's - 1)
    default_priority = Locale.default_priority - 2

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        if language_of(self.config).is_source or not docname or is_gettext(self):
            return
        messages: dict[str, int] = {}
        front = front_matter_fields(self.document)
        for node, message in extract_messages(self.document):
            # the front matter (which becomes docinfo, taken out of the page before the gettext
            # builder sees it) and substitution definitions are no text of the page
            if not inside(node, lambda parent: parent is front or isinstance(parent, NOT_PAGE)):
                messages.setdefault(message, node_line(node))
        if "index" in self.config.gettext_additional_targets:
            for node, entries in traverse_translatable_index(self.document):
                for entry_type, value, *_ in entries:
                    for part in split_index_msg(entry_type, value):
                        messages.setdefault(part, node_line(node))
        domain = docname_to_domain(docname, self.config.gettext_compact)
        kb_data(self.env).page_messages[docname] = (domain, messages)


def front_matter_fields(document: nodes.document) -> nodes.Node | None:
    """The field list MyST makes of a page's front matter: the page's first node, until
    docutils turns it into docinfo (after Sphinx's i18n transforms)."""
    first = next(
        (child for child in document.children if not isinstance(child, nodes.comment)), None
    )
    return first if isinstance(first, (nodes.field_list, nodes.docinfo)) else None


def is_gettext(transform: SphinxTransform) -> bool:
    from sphinx.builders.gettext import MessageCatalogBuilder

    return issubclass(transform.env._builder_cls, MessageCatalogBuilder)


def setup_page_messages(app: Sphinx) -> None:
    app.add_transform(RecordPageMessages)
