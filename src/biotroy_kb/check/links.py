"""Local links in the built HTML: every `href` and `src` that stays on the site must lead to a
file that exists and, with a `#fragment`, to an element with that id."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK_ATTRIBUTES = {"href", "src"}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif name in _LINK_ATTRIBUTES:
                self.links.append(value)


@dataclass
class ParsedPage:
    ids: set[str]
    links: list[str]


@dataclass
class HtmlSite:
    """A built HTML site on disk, each page parsed at most once."""

    root: Path
    _pages: dict[Path, ParsedPage] = field(default_factory=dict)
    #: (folder, url) -> problem: every page repeats the sidebar's links, resolved once per folder
    _answers: dict[tuple[Path, str], str | None] = field(default_factory=dict)

    def page(self, path: Path) -> ParsedPage:
        path = path.resolve()
        if path not in self._pages:
            parser = _PageParser()
            parser.feed(path.read_text(encoding="utf-8", errors="replace"))
            self._pages[path] = ParsedPage(parser.ids, parser.links)
        return self._pages[path]

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
