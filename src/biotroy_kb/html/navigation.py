"""Linear navigation for furo: the sidebar tree is built once per build, not once per page.

Stock furo asks Sphinx for the whole global table of contents on every page, renders it to
HTML and parses it again with BeautifulSoup, so a site of N pages does N times work that grows
with N. Yet the tree is the same on every page but for four things: links are relative to the
page, the branch leading to the page is marked `current`, its checkboxes are `checked`, and the
page's own item is `current-page`. So the tree is rendered once, through Sphinx and furo's own
code, for a page that is in no branch; each page then gets that HTML with only those four
things filled in. The output is byte for byte furo's (a test compares every page).

Only furo versions whose navigation code this mirrors are sped up; any other theme or furo
version keeps its stock behaviour. `kb_fast_navigation = False` turns the speed-up off.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

logger = logging.getLogger(__name__)

#: furo releases whose `get_navigation_tree` and toctree call this module reproduces exactly.
SUPPORTED_FURO = frozenset({"2024.8.6", "2025.7.19", "2025.9.25", "2025.12.19"})
#: The arguments furo passes to Sphinx's `toctree()` for the sidebar.
FURO_NAVIGATION_CALL = {
    "collapse": False,
    "titles_only": True,
    "maxdepth": -1,
    "includehidden": True,
}
#: A page name no project has: the tree rendered for it marks no branch as current.
NEUTRAL_PAGE = "_kb_navigation_"
PLACEHOLDER = "<!-- kb navigation -->"

_TAG = re.compile(r"<(/?)(ul|li|a|input)\b([^>]*)>")
_CLASS = re.compile(r'class="([^"]*)"')
_HREF = re.compile(r'href="([^"]*)"')


@dataclass
class Element:
    """A `ul`, `li`, `a` or `input` of the neutral tree, and where it sits in it."""

    kind: str
    attributes: str
    parent: int | None
    href: str | None = None
    target: str | None = None  # for an internal link: the page's URI from the site root


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
                    template._close(kind, open_elements)
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
        template.texts.append(html[position:])
        return template

    def _close(self, kind: str, open_elements: list[int]) -> None:
        while open_elements and self.elements[open_elements[-1]].kind != kind:
            open_elements.pop()
        if open_elements:
            open_elements.pop()

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

    def render(self, page_uri: str) -> str:
        """The tree as furo would write it on the page at `page_uri` (e.g. `pipeline/bt02.html`)."""
        current = self._current_branch(page_uri)
        last_current_item = max((i for i in current if self.elements[i].kind == "li"), default=None)
        parts: list[str] = []
        for index, element in enumerate(self.elements):
            parts.append(self.texts[index])
            parts.append(self._tag(index, element, page_uri, current, last_current_item))
        parts.append(self.texts[-1])
        return "".join(parts)

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


class FastNavigation:
    """Per build: the template, made on first use, and the page-context hooks around furo's."""

    def __init__(self) -> None:
        self.template: NavigationTemplate | None = None
        self.builder_id: int | None = None

    def before_furo(
        self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        """Let furo's sidebar call through `toctree()` return a placeholder instead of the tree."""
        toctree = context.get("toctree")
        # Only the builder's own toctree() is replaced; a page whose toctree another extension
        # supplies (sphinx-notfound-page's 404 page, with absolute links) keeps it.
        if not is_builders_toctree(app, toctree) or not is_active(app):
            return

        def sidebar_or_stock(**kwargs: Any) -> str:
            return PLACEHOLDER if kwargs == FURO_NAVIGATION_CALL else toctree(**kwargs)

        context["toctree"] = sidebar_or_stock

    def after_furo(
        self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        if context.get("furo_navigation_tree") != PLACEHOLDER:
            return
        template = self.template_for(app)
        context["furo_navigation_tree"] = template.render(app.builder.get_target_uri(pagename))

    def template_for(self, app: Sphinx) -> NavigationTemplate:
        if self.template is None or self.builder_id != id(app.builder):
            from furo.navigation import get_navigation_tree

            neutral = app.builder._get_local_toctree(NEUTRAL_PAGE, **FURO_NAVIGATION_CALL)
            self.template = NavigationTemplate.parse(get_navigation_tree(neutral))
            self.builder_id = id(app.builder)
        return self.template


def is_builders_toctree(app: Sphinx, toctree: object) -> bool:
    """Sphinx's own `toctree()` for a page closes over the builder; another extension's does not."""
    closure = getattr(toctree, "__closure__", None) or ()
    return any(cell.cell_contents is app.builder for cell in closure)


def is_active(app: Sphinx) -> bool:
    # Under `dirhtml` the neutral page would sit in its own folder; its links would not be
    # relative to the site root, so only the `html` builder is sped up.
    if not app.config.kb_fast_navigation or app.builder.name != "html":
        return False
    if app.config.html_theme != "furo":
        return False
    try:
        import furo
    except ImportError:
        return False
    return furo.__version__ in SUPPORTED_FURO


def setup_navigation(app: Sphinx) -> None:
    navigation = FastNavigation()
    app.connect("html-page-context", navigation.before_furo, priority=400)
    app.connect("html-page-context", navigation.after_furo, priority=600)
