"""The EPUB edition: pages an e-reader accepts, as Debian's `epubcheck` checks them.

EPUB pages are XHTML, stricter than the HTML a browser forgives, and the package file
(`content.opf`) has to declare what each page holds. Two things the HTML builders are right to
write do not pass:

- sphinx-design draws its icons (those of cards, for instance) as inline `<svg>` without the SVG
  namespace: in HTML the parser puts them there, in XHTML they stay XHTML elements, which may not
  be called `svg`. The EPUB builder's pages get the namespace (a post-transform of the icons'
  markup).
- A page with inline SVG must say so in the package file (`properties="svg"` on its manifest
  item), which Sphinx's EPUB builder never writes: our builder adds it after writing the file.

The book's language is a language tag (`zh-CN`, not gettext's `zh_CN`, which EPUB readers and
`epubcheck` reject), and its title is the edition's (`kb_titles`), as the HTML's is.

What only a served site has (the links to the page in the other language, the search) is left
out of the EPUB by the modules that add it.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.epub3 import Epub3Builder
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_design.icons import sd_icon

from ..core.language import language_of

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
#: An `<svg` start tag that does not declare its namespace.
_SVG_WITHOUT_NAMESPACE = re.compile(r"<svg\b(?![^>]*\sxmlns=)")
#: A manifest item of an XHTML page, without properties (Sphinx's template writes none).
_XHTML_ITEM = re.compile(
    r'<item id="[^"]*" href="(?P<href>[^"]*)" media-type="application/xhtml\+xml" (?=/>)'
)


def is_epub(builder: Builder) -> bool:
    """Whether the pages are written for an EPUB (whose format is also "html")."""
    return isinstance(builder, Epub3Builder)


def with_svg_namespace(markup: str) -> str:
    return _SVG_WITHOUT_NAMESPACE.sub(f'<svg xmlns="{SVG_NAMESPACE}"', markup)


class SvgNamespaceForEpub(SphinxPostTransform):
    """Puts sphinx-design's icons (markup in an `sd_icon` node) and any raw HTML's inline SVG in
    the SVG namespace, for XHTML."""

    default_priority = 900
    builders = ("epub",)

    def run(self, **kwargs: Any) -> None:
        for icon in self.document.findall(sd_icon):
            icon["svg"] = with_svg_namespace(icon["svg"])
        for raw in self.document.findall(nodes.raw):
            if "html" not in raw.get("format", "").split() or "<svg" not in raw.astext():
                continue
            raw.children = [nodes.Text(with_svg_namespace(raw.astext()))]


def declare_svg_pages(opf: Path, outdir: Path) -> None:
    """Adds `properties="svg"` to the manifest items of pages that hold inline SVG."""

    def item(match: re.Match[str]) -> str:
        page = outdir / unquote(html.unescape(match["href"]))
        if "<svg" in page.read_text(encoding="utf-8"):
            return match[0] + 'properties="svg" '
        return match[0]

    opf.write_text(_XHTML_ITEM.sub(item, opf.read_text(encoding="utf-8")), encoding="utf-8")


class KbEpub3Builder(Epub3Builder):
    """Sphinx's EPUB 3 builder, with the package file declaring the pages' inline SVG."""

    def build_content(self) -> None:
        super().build_content()
        declare_svg_pages(Path(self.outdir) / "content.opf", Path(self.outdir))


def book_in_language(app: Sphinx, config: Config) -> None:
    """The book's language tag and title follow the edition's language."""
    language = language_of(config)
    config.epub_language = language.tag
    title = config.kb_titles.get(language.code)
    if title and config.epub_title == config.project:
        config.epub_title = title


def setup_epub(app: Sphinx) -> None:
    app.connect("config-inited", book_in_language, priority=650)
    app.add_builder(KbEpub3Builder, override=True)
    app.add_post_transform(SvgNamespaceForEpub)
