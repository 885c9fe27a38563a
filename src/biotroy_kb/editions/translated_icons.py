"""Icons survive translation. A card title such as ``{octicon}`rocket` Start here`` is one
message, "Start here", to translators: the icon is an `sd_icon` node with no text, which the
message leaves out, and Sphinx's i18n transform replaces the whole title with the translated
text, icon and all. So the icons at the start of a translatable text are set aside before
that transform and put back after it, in front of the translated words."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import Locale
from sphinx_design.icons import sd_icon

from ..core.language import language_of

ICONS = "kb_leading_icons"


def leading_icons(node: nodes.TextElement) -> list[nodes.Element]:
    """The sphinx-design icons that a text starts with."""
    icons = []
    for child in node.children:
        if isinstance(child, sd_icon):
            icons.append(child)
        elif not (isinstance(child, nodes.Text) and not child.strip()):
            break
    return icons


def _translated(transform: SphinxTransform) -> bool:
    return not language_of(transform.config).is_source


class SetIconsAside(SphinxTransform):
    default_priority = Locale.default_priority - 1

    def apply(self, **kwargs: Any) -> None:
        if not _translated(self):
            return
        for node in self.document.findall(nodes.TextElement):
            icons = leading_icons(node)
            if icons:
                node[ICONS] = [icon.deepcopy() for icon in icons]


class PutIconsBack(SphinxTransform):
    default_priority = Locale.default_priority + 1

    def apply(self, **kwargs: Any) -> None:
        if not _translated(self):
            return
        for node in list(self.document.findall(nodes.TextElement)):
            icons = node.attributes.pop(ICONS, None)
            if icons and not leading_icons(node):
                node[0:0] = [*icons, nodes.Text(" ")]


def setup_translated_icons(app: Sphinx) -> None:
    app.add_transform(SetIconsAside)
    app.add_transform(PutIconsBack)
