"""docutils internals, written against the releases in `SUPPORTED`:

- **SmartQuotes only where a quote, dash or ellipsis can change.** Sphinx's `SphinxSmartQuotes`
  runs docutils' `SmartQuotes.apply` over every page: for each block of text it lists the text
  nodes, asks for each whether it may be educated (a walk up its parents), runs the SmartyPants
  steps over all of them and puts a new text node in the place of each, changed or not: 9 % of
  a cold build. MyST has already curled the quotes of the Markdown it parsed, so most blocks
  hold nothing any step would change. Here the same loop (`apply`, copied from docutils and
  kept in step with it) leaves such a block alone: one whose text has no quote, backslash,
  null escape, backtick, `&`, `--`, `...` or `. . .` — every step (`processEscapes`, its
  restoring of `&#..;`, `educateDashes*`, `educateEllipses`, `educateBackticks`,
  `educateQuotes`, literal text unescaped) changes only text that holds one of these, so its
  nodes would have been replaced by equal ones. The language of each block is still looked up
  first, so that the warning for a language without smart quotes comes as before.
"""

from __future__ import annotations

import re
from typing import Any

import docutils
from docutils import nodes, utils
from docutils.utils import smartquotes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxSmartQuotes

from . import sphinx as sphinx_patches

#: docutils releases (major, minor) whose `SmartQuotes.apply` the loop below copies.
SUPPORTED = frozenset({(0, 21), (0, 22)})
#: What any SmartyPants step could change; a block of text without it is left alone.
CHANGEABLE = re.compile(r"[\x00'\"\\`&]|--|\.\.\.|\. \. \.")


def supported() -> bool:
    return tuple(docutils.__version_info__[:2]) in SUPPORTED and sphinx_patches.supported()


class SmartQuotesWhereNeeded(SphinxSmartQuotes):
    """Sphinx's SmartQuotes, skipping the blocks of text it could not change."""

    def apply(self, **kwargs: Any) -> None:
        if not self.is_available():
            return
        self.smartquotes_action = self.config.smartquotes_action
        self.educate()

    def educate(self) -> None:
        """docutils' `SmartQuotes.apply` after its setting check, with the one early `continue`
        marked below."""
        smart_quotes = self.document.settings.setdefault("smart_quotes", False)
        if not smart_quotes:
            return
        try:
            alternative = smart_quotes.startswith("alt")
        except AttributeError:
            alternative = False
        document_language = self.document.settings.language_code
        lc_smartquotes = self.document.settings.smartquotes_locales
        if lc_smartquotes:
            smartquotes.smartchars.quotes.update(dict(lc_smartquotes))
        for node in self.document.findall(nodes.TextElement):
            if isinstance(node, self.nodes_to_skip):
                continue
            if isinstance(node.parent, nodes.TextElement):
                continue
            txtnodes = [
                txtnode
                for txtnode in node.findall(nodes.Text)
                if not isinstance(txtnode.parent, nodes.option_string)
            ]
            lang = node.get_language_code(document_language)
            if alternative:
                if "-x-altquot" in lang:
                    lang = lang.replace("-x-altquot", "")
                else:
                    lang += "-x-altquot"
            for tag in utils.normalize_language_tag(lang):
                if tag in smartquotes.smartchars.quotes:
                    lang = tag
                    break
            else:
                if lang not in self.unsupported_languages:
                    self.document.reporter.warning(
                        f'No smart quotes defined for language "{lang}".', base_node=node
                    )
                self.unsupported_languages.add(lang)
                lang = ""
            # ours: nothing in this block that a step could change
            if not CHANGEABLE.search("".join(txtnodes)):
                continue
            teacher = smartquotes.educate_tokens(
                self.get_tokens(txtnodes), attr=self.smartquotes_action, language=lang
            )
            for txtnode, newtext in zip(txtnodes, teacher, strict=False):
                txtnode.parent.replace(txtnode, nodes.Text(newtext))
        self.unsupported_languages.clear()


def educate_where_needed(app: Sphinx) -> None:
    """Put the skipping SmartQuotes in the place of Sphinx's, in the same place of the list."""
    transforms = app.registry.transforms
    for index, transform in enumerate(transforms):
        if transform is SphinxSmartQuotes:
            transforms[index] = SmartQuotesWhereNeeded


def setup_docutils_patches(app: Sphinx) -> None:
    if supported():
        educate_where_needed(app)
