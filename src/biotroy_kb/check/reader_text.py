"""What a reader of the built site sees or hears, page by page: each element's own text and the
attributes browsers show or read aloud (`title`, `aria-label`, `alt`, `placeholder`), the page's
`<title>` and the descriptions other sites show of it (`<meta>`). Code is not language and is
left out, and so is text an element marks as another language (`lang="en"` on the language
switcher's link, say): that text is foreign on purpose and says so to screen readers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from ..registry.problems import display_path
from .report import Case

#: Output folders that hold no pages a reader reads.
NOT_PAGES = {"_static", "_sources", "_pagefind", "_images", "_downloads"}
#: Elements whose text is code, not language.
CODE = {"script", "style", "code", "pre", "kbd", "samp", "tt", "math", "noscript"}
ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
#: `<meta>` whose content other sites and feed readers show.
SHOWN_META = {"description", "og:title", "og:description", "og:site_name"}
#: Elements that hold a block of text of their own: the spacing between scripts is read in
#: each, across the inline elements inside it.
BLOCKS = {
    "p", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "caption",
    "figcaption", "title", "summary", "label", "button", "blockquote", "div", "pre",
}  # fmt: skip


#: Where a nested block interrupts a block's text (no space a reader sees).
BLOCK_BREAK = "\u2029"
#: What a browser shows as one space (a line break in the HTML source among them).
WHITESPACE = re.compile(r"[ \t\r\n]+")


@dataclass(frozen=True)
class ReaderText:
    """A piece of text a reader meets: the page, the element it is in, its line in the HTML
    file, the text, and the attribute that holds it (empty for the element's own text)."""

    page: str
    node: etree._Element = field(repr=False, compare=False)
    line: int
    text: str
    attribute: str = ""

    @property
    def element(self) -> str:
        """The element as a failure names it: `tag#id`, `tag.class` or with its parent, plus
        `[attribute]`; a `<meta>` by its key alone (`meta[og:title]`). Made only when asked,
        for a failure: most texts pass, and describing every one was wasted work."""
        if self.node.tag == "meta":
            return f"meta[{self.attribute}]"
        suffix = f"[{self.attribute}]" if self.attribute else ""
        return described(self.node) + suffix


@dataclass(frozen=True)
class BuiltPage:
    """A built page as the checks read it: its name, the file a failure names, its HTML, and
    what a reader meets on it, worked out once for every check that asks."""

    page: str
    filename: str
    root: etree._Element

    @cached_property
    def texts(self) -> list[ReaderText]:
        """Each element's own text and the attributes shown or read aloud (`reader_texts`)."""
        return list(reader_texts(self.page, self.root))

    @cached_property
    def blocks(self) -> list[ReaderText]:
        """Each block's text as read across its inline elements (`block_texts`)."""
        return list(block_texts(self.page, self.root))


def built_pages(html_dir: Path) -> list[Path]:
    return sorted(
        path
        for path in html_dir.rglob("*.html")
        if not NOT_PAGES & set(path.relative_to(html_dir).parts)
    )


def read_built_pages(html_dir: Path) -> Iterator[BuiltPage]:
    """Every page built in `html_dir`, parsed, one at a time."""
    for path in built_pages(html_dir):
        page = path.relative_to(html_dir).with_suffix("").as_posix()
        yield BuiltPage(page, display_path(path), parse(path))


def page_cases(
    kind: str, built: BuiltPage, failures: Iterable[tuple[int, str]], passed: str
) -> Iterator[Case]:
    """A failed case for each (line, message) of `failures` on a built page, or one passed
    case saying `passed` when there is none."""
    failed = False
    for line, message in failures:
        failed = True
        yield Case(kind, built.filename, line, "failed", message)
    if not failed:
        yield Case(kind, built.filename, 1, "passed", passed)


def parse(path: Path) -> etree._Element:
    return lxml_html.fromstring(path.read_bytes())


def page_language(root: etree._Element) -> str:
    return (root.get("lang") or "").lower()


def described(element: etree._Element) -> str:
    """`tag#id` or `tag.class`, else the parent's description before the tag."""
    tag = str(element.tag)
    if element.get("id"):
        return f"{tag}#{element.get('id')}"
    classes = (element.get("class") or "").split()
    if classes:
        return f"{tag}.{classes[0]}"
    parent = element.getparent()
    if parent is not None and parent.tag not in ("body", "html"):
        return f"{described(parent)} > {tag}"
    return tag


def elements_in_order(root: etree._Element) -> Iterator[tuple[etree._Element, bool]]:
    """Every element of the page in document order, with whether its text is code or marked
    as another language than the page's: the nearest of itself and its ancestors that is code
    or has a `lang` decides. Worked out from the parent's answer on the way down, not by
    walking up from every element (which made lxml create each ancestor again and again:
    most of the time of a check of 1,000 pages)."""
    language = page_language(root)
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        element, outer = stack.pop()
        lang = element.get("lang")
        if element.tag in CODE:
            foreign_or_code = True
        elif lang is not None:
            foreign_or_code = lang.lower() != language
        else:
            foreign_or_code = outer
        yield element, foreign_or_code
        children = [child for child in element if isinstance(child.tag, str)]
        stack.extend((child, foreign_or_code) for child in reversed(children))


def own_text(element: etree._Element) -> str:
    """The element's text without its child elements' (their tails are its text)."""
    parts = [element.text or ""] + [child.tail or "" for child in element]
    return "".join(parts)


def reader_texts(page: str, root: etree._Element) -> Iterator[ReaderText]:
    for element, foreign_or_code in elements_in_order(root):
        line = element.sourceline or 1
        if element.tag == "meta":
            key = element.get("name") or element.get("property") or ""
            if key in SHOWN_META and element.get("content"):
                yield ReaderText(page, element, line, element.get("content"), key)
            continue
        if foreign_or_code:
            continue
        text = " ".join(own_text(element).split())
        if text:
            yield ReaderText(page, element, line, text)
        for attribute in ATTRIBUTES:
            value = element.get(attribute)
            if value and value.strip():
                yield ReaderText(page, element, line, value.strip(), attribute)


def block_texts(page: str, root: etree._Element) -> Iterator[ReaderText]:
    """Each block's text, its inline elements' included (code too: `运行 make` is spaced as
    the reader sees it), nested blocks apart."""
    for element, foreign_or_code in elements_in_order(root):
        if foreign_or_code or element.tag not in BLOCKS:
            continue
        text = WHITESPACE.sub(" ", _inline_text(element)).strip()
        if text.strip(BLOCK_BREAK + " "):
            yield ReaderText(page, element, element.sourceline or 1, text)


def _inline_text(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str) or child.tag in ("script", "style"):
            pass
        elif child.tag in BLOCKS:
            parts.append(BLOCK_BREAK)  # a nested block is read on its own
        else:
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
