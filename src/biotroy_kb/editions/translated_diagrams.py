"""A diagram drawn in text is translated like prose. A code block is not a message for
translators (Sphinx leaves literal blocks out of the catalogs unless every one of them is in),
but a diagram marked `{.kb-diagram}` above its fence is: its labels are words a reader reads.
The mark makes the block one message of the page's catalog, translated whole (the translator
keeps the drawing's alignment, counting a Chinese character as two columns).

Sphinx's i18n transform cannot put such a translation in a MyST page (it wraps the text in
reStructuredText's `::` and parses it with the page's parser, which reads Markdown), so the
translation is put in here, from the page's catalog, just before that transform (and after the
page's messages are recorded for the check, `page_messages.py`), and Sphinx's is told to leave
the block alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import Locale, PreserveTranslatableMessages
from sphinx.util.i18n import docname_to_domain

from ..core.language import language_of

DIAGRAM_CLASS = "kb-diagram"


class DiagramMessages(SphinxTransform):
    """Before Sphinx extracts and translates the page's messages."""

    default_priority = PreserveTranslatableMessages.default_priority - 1

    def apply(self, **kwargs: Any) -> None:
        for block in self.document.findall(nodes.literal_block):
            if DIAGRAM_CLASS in block["classes"]:
                block["translatable"] = True


class TranslatedDiagrams(SphinxTransform):
    """Each marked diagram in the page's catalog's words."""

    default_priority = Locale.default_priority - 1

    def apply(self, **kwargs: Any) -> None:
        if language_of(self.config).is_source or not self.env.docname:
            return
        diagrams = [
            block
            for block in self.document.findall(nodes.literal_block)
            if DIAGRAM_CLASS in block["classes"]
        ]
        if not diagrams:
            return
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        dirs = [Path(self.env.srcdir, folder) for folder in self.config.locale_dirs]
        catalog, found = init_locale(dirs, self.config.language, domain)
        if not found:
            return
        for block in diagrams:
            english = block.rawsource or block.astext()
            translation = catalog.gettext(english)
            if translation and translation != english:
                block[:] = [nodes.Text(translation)]
                block.rawsource = translation
                block["translated"] = True
            block["translatable"] = False  # done: Sphinx's transform would garble it


def setup_translated_diagrams(app: Sphinx) -> None:
    app.add_transform(DiagramMessages)
    app.add_transform(TranslatedDiagrams)
