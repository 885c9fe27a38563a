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

With `kb_navigation_prune = True` a page holds only the lists a reader sees when it opens: the
top level, and the lists under the page's own branch (its ancestors' lists, so its siblings, and
its children). The lists under every other item go to one shared file per build
(`navigation_file.py`), which the browser loads when a reader first expands such an item. Such a
closed item also leaves out furo's toggle (a checkbox and its label, 250 bytes that repeat the
title twice, on every page for every closed item): it names its branch in `data-kb-branch`, and
the script draws furo's toggle in its place. Without JavaScript no toggle could open the branch
anyway, and the item's link leads to its section page.
"""

from __future__ import annotations

import os
import pickle
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from ..core.changes import build_changes
from .navigation_file import SCRIPT, SharedNavigation

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
#: The id furo gives the checkbox of its n-th item with children; a closed item names only n.
FURO_TOGGLE_PREFIX = "toctree-checkbox-"
PLACEHOLDER = "<!-- kb navigation -->"
#: In the doctree folder: the neutral tree of the last build, for a build that read no source.
CACHE_FILE = "kb-navigation.pickle"

_TAG = re.compile(r"<(/?)(ul|li|a|input)\b([^>]*)>")
_CLASS = re.compile(r'class="([^"]*)"')
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


class FastNavigation:
    """Per build: the template, made on first use, and the page-context hooks around furo's."""

    def __init__(self) -> None:
        self.template: NavigationTemplate | None = None
        self.shared: SharedNavigation | None = None
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
        page_uri = app.builder.get_target_uri(pagename)
        prune = app.config.kb_navigation_prune
        context["furo_navigation_tree"] = template.render(page_uri, prune=prune)
        if prune:
            shared = self.shared_for(app)
            context["metatags"] = context.get("metatags", "") + shared.meta_tag(page_uri)

    def template_for(self, app: Sphinx) -> NavigationTemplate:
        if self.template is None or self.builder_id != id(app.builder):
            self.template = NavigationTemplate.parse(neutral_tree(app))
            self.shared = None
            self.builder_id = id(app.builder)
        return self.template

    def shared_for(self, app: Sphinx) -> SharedNavigation:
        if self.shared is None:
            self.shared = SharedNavigation.of(self.template_for(app).branches())
        return self.shared

    def write_shared(self, app: Sphinx, exception: BaseException | None) -> None:
        """Once per build, in the main process: the file that the pages written now name."""
        if exception is None and self.shared is not None and self.builder_id == id(app.builder):
            self.shared.write(app.outdir)


def neutral_tree(app: Sphinx) -> str:
    """Furo's tree for the neutral page: kept from the last build when no source changed since
    (at a thousand pages making it is most of a rebuild that changed nothing)."""
    cache = Path(app.doctreedir, CACHE_FILE)
    key = cache_key(app)
    if key is not None and not build_changes(app).sources_changed:
        try:
            stored_key, html = pickle.loads(cache.read_bytes())
        except (OSError, EOFError, ValueError, pickle.UnpicklingError):
            stored_key = html = None
        if stored_key == key and isinstance(html, str):
            return html
    from furo.navigation import get_navigation_tree

    neutral = app.builder._get_local_toctree(NEUTRAL_PAGE, **FURO_NAVIGATION_CALL)
    html = get_navigation_tree(neutral)
    if key is not None:
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps((key, html)))
        partial.replace(cache)
    return html


def cache_key(app: Sphinx) -> tuple[str, ...] | None:
    """What the tree depends on besides the sources: the HTML settings, furo and this module."""
    import furo

    from .. import __version__

    build_info = getattr(app.builder, "build_info", None)
    config_hash = getattr(build_info, "config_hash", None)
    if not config_hash:
        return None
    return (config_hash, furo.__version__, __version__, app.builder.name)


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


def add_expanding_script(app: Sphinx) -> None:
    """Pruned pages load the script that fills a branch in when a reader expands it."""
    if app.config.kb_navigation_prune and is_active(app):
        app.add_js_file(SCRIPT, defer="defer")


def setup_navigation(app: Sphinx) -> None:
    navigation = FastNavigation()
    app.connect("builder-inited", add_expanding_script)
    app.connect("html-page-context", navigation.before_furo, priority=400)
    app.connect("html-page-context", navigation.after_furo, priority=600)
    app.connect("build-finished", navigation.write_shared)
