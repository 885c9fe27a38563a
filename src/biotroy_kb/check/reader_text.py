"""What a reader of the built site sees or hears, page by page: each element's own text and the
attributes browsers show or read aloud (`title`, `aria-label`, `alt`, `placeholder`), the page's
`<title>` and the descriptions other sites show of it (`<meta>`). Code is not language and is
left out, and so is text an element marks as another language (`lang="en"` on the language
switcher's link, say): that text is foreign on purpose and says so to screen readers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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
    """A piece of text a reader meets: the page, the element (as `tag#id`, `tag.class` or with
    its parent, plus `[attribute]`), its line in the HTML file, and the text."""

    page: str
    element: str
    line: int
    text: str


@dataclass(frozen=True)
class BuiltPage:
    """A built page as the checks read it: its name, the file a failure names, its HTML."""

    page: str
    filename: str
    root: etree._Element


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


def is_foreign_or_code(element: etree._Element, language: str) -> bool:
    """Code, or marked as written in another language than the page's."""
    node: etree._Element | None = element
    while node is not None:
        if node.tag in CODE:
            return True
        lang = node.get("lang")
        if lang is not None:
            return lang.lower() != language
        node = node.getparent()
    return False


def own_text(element: etree._Element) -> str:
    """The element's text without its child elements' (their tails are its text)."""
    parts = [element.text or ""] + [child.tail or "" for child in element]
    return "".join(parts)


def reader_texts(page: str, root: etree._Element) -> Iterator[ReaderText]:
    language = page_language(root)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        line = element.sourceline or 1
        if element.tag == "meta":
            key = element.get("name") or element.get("property") or ""
            if key in SHOWN_META and element.get("content"):
                yield ReaderText(page, f"meta[{key}]", line, element.get("content"))
            continue
        if is_foreign_or_code(element, language):
            continue
        text = " ".join(own_text(element).split())
        if text:
            yield ReaderText(page, described(element), line, text)
        for attribute in ATTRIBUTES:
            value = element.get(attribute)
            if value and value.strip():
                yield ReaderText(page, f"{described(element)}[{attribute}]", line, value.strip())


def block_texts(page: str, root: etree._Element) -> Iterator[ReaderText]:
    """Each block's text, its inline elements' included (code too: `运行 make` is spaced as
    the reader sees it), nested blocks apart."""
    language = page_language(root)
    for element in root.iter(*BLOCKS):
        if is_foreign_or_code(element, language):
            continue
        text = WHITESPACE.sub(" ", _inline_text(element)).strip()
        if text.strip(BLOCK_BREAK + " "):
            yield ReaderText(page, described(element), element.sourceline or 1, text)


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
