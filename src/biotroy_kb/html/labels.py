"""Words the HTML writer adds, in the reader's language: a table cell's label for narrow
screens, where the pipeline chart and the events table become cards (`data-label`, which the
CSS shows with `attr()`: a directive puts the label through `_()` and on the cell as
`core.nodes.CARD_LABEL`), and the colon after a field list's name (`：` in Chinese)."""

from __future__ import annotations

from typing import Any

from docutils import nodes

from ..core.messages import _
from ..core.nodes import CARD_LABEL, PRINT_NUMBER


class CardLabelMixin:
    """Writes a cell's `kb_label` as its `data-label`, and a fact's print number as its
    `data-number`."""

    def starttag(
        self,
        node: nodes.Element,
        tagname: str,
        suffix: str = "\n",
        empty: bool = False,
        **attributes: Any,
    ) -> str:
        label = node.get(CARD_LABEL) if isinstance(node, nodes.Element) else None
        if label:
            attributes["data-label"] = label
        number = node.get(PRINT_NUMBER) if isinstance(node, nodes.Element) else None
        if number:
            attributes["data-number"] = number
        return super().starttag(node, tagname, suffix, empty, **attributes)  # type: ignore[misc]


class LanguageColonMixin:
    """A field list's colon in the reader's language (docutils writes `:` in every one)."""

    body: list[str]

    def depart_field_name(self, node: nodes.field_name) -> None:
        colon = _(":")
        self.body.append(f'<span class="colon">{colon}</span></dt>\n')
