"""Local links in the built HTML: every `href` and `src` that stays on the site must lead to a
file that exists and, with a `#fragment`, to an element with that id.

Pages are scanned with regular expressions rather than an HTML parser: every page repeats the
whole sidebar, and at a thousand pages parsing it again and again would cost more than the build.
Sphinx, furo and our directives write every attribute in quotes; authors' raw HTML may use
either kind of quote, and both are read.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

_ATTRIBUTE = r"""\s*=\s*(?:"([^"]*)"|'([^']*)')"""
_LINK = re.compile(rf"""\s(?:href|src){_ATTRIBUTE}""", re.IGNORECASE)
_ID = re.compile(rf"""\sid{_ATTRIBUTE}""", re.IGNORECASE)


def _values(pattern: re.Pattern[str], text: str) -> list[str]:
    return [html.unescape(double or single) for double, single in pattern.findall(text)]


@dataclass
class ParsedPage:
    ids: set[str]
    links: list[str]


@dataclass
class HtmlSite:
    """A built HTML site on disk, each page read at most once."""

    root: Path
    _pages: dict[Path, ParsedPage] = field(default_factory=dict)
    #: (folder, url) -> problem: every page repeats the sidebar's links, resolved once per folder
    _answers: dict[tuple[Path, str], str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # resolving a path asks the file system for every folder in it: once for the root,
        # and once for each page however often it is named
        self._root = self.root.resolve()

    def page(self, path: Path) -> ParsedPage:
        parsed = self._pages.get(path)
        if parsed is None:
            resolved = path.resolve()
            parsed = self._pages.get(resolved) or self._read(resolved)
            self._pages[path] = self._pages[resolved] = parsed
        return parsed

    @staticmethod
    def _read(path: Path) -> ParsedPage:
        text = path.read_text(encoding="utf-8", errors="replace")
        return ParsedPage(set(_values(_ID, text)), _values(_LINK, text))

    def problem(self, page: Path, url: str) -> str | None:
        """Why `url`, found on `page`, does not resolve; None when it does (or is external)."""
        if url.startswith("#"):
            return self._resolve(page, url)
        key = (page.parent, url)
        if key not in self._answers:
            self._answers[key] = self._resolve(page, url)
        return self._answers[key]

    def _resolve(self, page: Path, url: str) -> str | None:
        parts = urlsplit(url)
        if parts.scheme or url.startswith("//") or not url:
            return None
        target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
        if not target.is_relative_to(self._root):
            # another edition beside this one (the language switcher): checked by its own run
            return None
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return f"link {url!r} leads to a missing file {_relative(target, self.root)}"
        fragment = unquote(parts.fragment)
        if fragment and target.suffix == ".html" and fragment not in self.page(target).ids:
            return f"link {url!r}: no anchor #{fragment} in {_relative(target, self.root)}"
        return None


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.resolve()))
    except ValueError:
        return str(path)


def is_local(url: str) -> bool:
    return not (urlsplit(url).scheme or url.startswith("//"))
