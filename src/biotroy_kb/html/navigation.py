"""The sidebar tree of furo, rendered once per build and filled in for each page.

The tree is the same on every page but for four things: links are relative to the page, the
branch leading to the page is marked `current`, its checkboxes are `checked`, and the page's
own item is `current-page`. `NavigationTemplate` parses the tree rendered once (by furo's own
code, for a page in no branch: `patches/furo.py`) and writes it for each page with only those
four things filled in. The output is byte for byte furo's (a test compares every page).

With `kb_navigation_prune = True` a page holds only the lists a reader sees when it opens: the
top level, and the lists under the page's own branch (its ancestors' lists, so its siblings, and
its children). The lists under every other item go to one shared file per build
(`navigation_file.py`), which the browser loads when a reader first expands such an item. Such a
closed item also leaves out furo's toggle (a checkbox and its label, 250 bytes that repeat the
title twice, on every page for every closed item): it names its branch in `data-kb-branch`, and
the script draws furo's toggle in its place. Without JavaScript no toggle could open the branch
anyway, and the item's link leads to its section page. A pruned tree also leaves out the two
classes Sphinx writes that no stylesheet or script of the site reads (`without_unread_classes`):
the level of an item below the first, and `internal` on every link.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from sphinx.util.osutil import relative_uri

#: The id furo gives the checkbox of its n-th item with children; a closed item names only n.
FURO_TOGGLE_PREFIX = "toctree-checkbox-"
#: What furo's sidebar call returns instead of the tree, until the page's tree replaces it.
PLACEHOLDER = "<!-- kb navigation -->"

#: Classes of Sphinx's toctree that neither furo nor the site reads (a test checks every
#: stylesheet and script of a built site): furo styles the first level only.
UNREAD_CLASSES = re.compile(r"toctree-l(?:[2-9]|\d\d+)|internal")

_TAG = re.compile(r"<(/?)(ul|li|a|input)\b([^>]*)>")
_CLASS = re.compile(r'class="([^"]*)"')
#: The whole attribute, with the space before it: an attribute left with no class goes.
_CLASS_ATTRIBUTE = re.compile(r' class="([^"]*)"')
_HREF = re.compile(r'href="([^"]*)"')
_ID = re.compile(r'\bid="([^"]*)"')


@dataclass
class Element:
    """A `ul`, `li`, `a` or `input` of the neutral tree, and where it sits in it."""

    kind: str
    attributes: str
    parent: int | None
    href: str | None = None
    target: str | None = None  # for an internal link: the page's URI from the site root
    end: int | None = None  # for a `ul` or `li`: the index of its closing tag
    branch: tuple[int, int] | None = None  # for an `li`: first and last element of its lists
    toggle: str | None = None  # for an `li`: the id of furo's checkbox that opens its lists


@dataclass
class NavigationTemplate:
    """The neutral tree, cut at the tags that differ from page to page."""

    texts: list[str] = field(default_factory=list)  # texts[i] comes before elements[i]
    elements: list[Element] = field(default_factory=list)
    links_to: dict[str, list[int]] = field(default_factory=dict)  # target URI -> `a` indexes

    @classmethod
    def parse(cls, html: str) -> NavigationTemplate:
        template = cls()
        open_elements: list[int] = []
        position = 0
        for match in _TAG.finditer(html):
            closing, kind, attributes = match.groups()
            template.texts.append(html[position : match.start()])
            position = match.end()
            if closing:
                if kind in ("ul", "li"):
                    template._close(kind, open_elements, len(template.elements))
                template.elements.append(Element(f"/{kind}", "", None))
                continue
            parent = open_elements[-1] if open_elements else None
            element = Element(kind, attributes, parent)
            index = len(template.elements)
            template.elements.append(element)
            if kind in ("ul", "li"):
                open_elements.append(index)
            elif kind == "a":
                template._link(element, index)
            elif kind == "input" and parent is not None:
                identifier = _ID.search(attributes)
                template.elements[parent].toggle = identifier.group(1) if identifier else None
        template.texts.append(html[position:])
        return template

    def _close(self, kind: str, open_elements: list[int], closing: int) -> None:
        while open_elements and self.elements[open_elements[-1]].kind != kind:
            open_elements.pop()
        if not open_elements:
            return
        start = open_elements.pop()
        opened = self.elements[start]
        opened.end = closing
        item = self.elements[opened.parent] if opened.parent is not None else None
        if kind == "ul" and item is not None and item.kind == "li":
            item.branch = (item.branch[0] if item.branch else start, closing)

    def _link(self, element: Element, index: int) -> None:
        href = _HREF.search(element.attributes)
        element.href = href.group(1) if href else None
        if (
            element.href
            and "://" not in element.href
            and not element.href.startswith(("#", "mailto:"))
        ):
            element.target = element.href
            self.links_to.setdefault(element.href.partition("#")[0], []).append(index)

    def render(self, page_uri: str, prune: bool = False) -> str:
        """The tree as furo would write it on the page at `page_uri` (e.g. `pipeline/bt02.html`);
        with `prune`, without the lists under items outside the page's own branch."""
        current = self._current_branch(page_uri)
        last_current_item = max((i for i in current if self.elements[i].kind == "li"), default=None)

        def tag(index: int) -> str:
            html = self._tag(index, self.elements[index], page_uri, current, last_current_item)
            return self._closed(index, html) if prune and index not in current else html

        def cut(index: int) -> int | None:
            return self._pruned_end(index, current) if prune else None

        return self.texts[0] + self._emit(0, len(self.elements), tag, cut) + self.texts[-1]

    def _emit(
        self, start: int, stop: int, tag: Callable[[int], str], cut: Callable[[int], int | None]
    ) -> str:
        """Elements `start` to `stop` (excluded), each but the first after its text; a range that
        `cut` ends somewhere is left out, the text before it kept."""
        parts: list[str] = []
        index = start
        while index < stop:
            if index > start:
                parts.append(self.texts[index])
            end = cut(index)
            if end is not None:
                index = end + 1
                continue
            parts.append(tag(index))
            index += 1
        return "".join(parts)

    def _pruned_end(self, index: int, current: set[int]) -> int | None:
        """Where a closed item's toggle and lists end, if they start here: the item is outside
        the current branch, and here is its checkbox (the label follows it, then the lists), or
        the first of its lists when it has no checkbox."""
        element = self.elements[index]
        if element.kind not in ("ul", "input") or element.parent is None:
            return None
        if element.parent in current:
            return None
        item = self.elements[element.parent]
        if item.kind != "li" or item.branch is None:
            return None
        first, last = item.branch
        if element.kind == "input":
            return last if self._slims(element.parent) and first == index + 1 else None
        return last if first == index else None

    def _slims(self, index: int) -> bool:
        """Whether a closed item's toggle can be left out: its lists follow its checkbox."""
        item = self.elements[index]
        toggle = item.toggle or ""
        return (
            item.kind == "li"
            and item.branch is not None
            and toggle.startswith(FURO_TOGGLE_PREFIX)
            and self.elements[item.branch[0] - 1].kind == "input"
        )

    def _closed(self, index: int, html: str) -> str:
        """A closed item's opening tag names its branch, for the script to draw its toggle."""
        if not self._slims(index):
            return html
        number = (self.elements[index].toggle or "").removeprefix(FURO_TOGGLE_PREFIX)
        return f'{html[:-1]} data-kb-branch="{number}">'

    def branches(self) -> dict[str, str]:
        """The lists under each item that has some, by the id of furo's checkbox for the item,
        with links from the site root; the lists one level further down left out (they are
        branches of their own)."""
        found: dict[str, str] = {}
        for element in self.elements:
            if element.kind != "li" or element.branch is None or element.toggle is None:
                continue
            first, last = element.branch

            def nested(position: int, first: int = first) -> int | None:
                return self._pruned_end(position, set()) if position != first else None

            found[element.toggle] = self._emit(first, last + 1, self._neutral_tag, nested)
        return found

    def _neutral_tag(self, index: int) -> str:
        element = self.elements[index]
        if element.kind.startswith("/"):
            return f"<{element.kind}>"
        return self._closed(index, f"<{element.kind}{element.attributes}>")

    def _current_branch(self, page_uri: str) -> set[int]:
        """The page's own links and every list and item above them (Sphinx's `current`)."""
        current: set[int] = set()
        for index in self.links_to.get(page_uri, []):
            if "#" in (self.elements[index].href or ""):
                continue
            current.add(index)
            parent = self.elements[index].parent
            while parent is not None and parent not in current:
                current.add(parent)
                parent = self.elements[parent].parent
        return current

    def _tag(
        self, index: int, element: Element, page_uri: str, current: set[int], last: int | None
    ) -> str:
        kind = element.kind
        if kind.startswith("/"):
            return f"<{kind}>"
        attributes = element.attributes
        if kind == "a":
            attributes = self._link_attributes(element, page_uri, index in current)
        elif kind == "ul" and index in current:
            attributes = _with_class(attributes, lambda classes: [*classes, "current"])
        elif kind == "li" and index in current:
            attributes = _with_class(attributes, partial(_current_item, is_page=index == last))
        elif kind == "input" and element.parent in current:
            attributes = _checked(attributes)
        return f"<{kind}{attributes}>"

    @staticmethod
    def _link_attributes(element: Element, page_uri: str, is_current: bool) -> str:
        attributes = element.attributes
        if element.target is not None:
            path, hash_, anchor = element.target.partition("#")
            href = relative_uri(page_uri, path) + hash_ + anchor
            attributes = _HREF.sub(lambda _: f'href="{href or "#"}"', attributes, count=1)
        if is_current:
            attributes = _with_class(attributes, lambda classes: ["current", *classes])
        return attributes


def _with_class(attributes: str, change: Callable[[list[str]], list[str]]) -> str:
    match = _CLASS.search(attributes)
    if match is None:
        return f' class="{" ".join(change([]))}"' + attributes
    classes = " ".join(change(match.group(1).split()))
    return attributes[: match.start()] + f'class="{classes}"' + attributes[match.end() :]


def _current_item(classes: list[str], *, is_page: bool) -> list[str]:
    """Sphinx adds `current` after its own classes; furo then adds `has-children` and, on the
    page's own item, `current-page`."""
    own = [c for c in classes if c != "has-children"]
    marked = [*own, "current", *(["has-children"] if "has-children" in classes else [])]
    return [*marked, "current-page"] if is_page else marked


def _checked(attributes: str) -> str:
    """BeautifulSoup writes attributes in name order: `checked` comes after `aria-label`."""
    match = re.search(r'aria-label="[^"]*"', attributes)
    if match is None:
        return ' checked=""' + attributes
    return attributes[: match.end()] + ' checked=""' + attributes[match.end() :]


def without_unread_classes(tree: str) -> str:
    """The tree without the classes no one reads: about 28 bytes off every item below the first
    level, the bytes a page gains as its section grows."""

    def kept(match: re.Match[str]) -> str:
        classes = [c for c in match.group(1).split() if not UNREAD_CLASSES.fullmatch(c)]
        return f' class="{" ".join(classes)}"' if classes else ""

    return _CLASS_ATTRIBUTE.sub(kept, tree)
