"""What a page's own content may hold: images with alt text, well-formed https links without
tracking parameters, raw HTML without scripts, event handlers or external frames."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

from docutils import nodes

from ..core.lines import node_line
from .cases import Check, CheckedPage
from .report import Case

TRACKING_PARAMETERS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_eid|mc_cid|_hsenc|_hsmi)$"
)
SCRIPT = re.compile(r"<\s*script\b", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
IFRAME_SRC = re.compile(r"<\s*iframe\b[^>]*\bsrc\s*=\s*[\"']?(?P<src>[^\"'\s>]+)", re.IGNORECASE)


class ContentCheck(Check):
    def page(self, page: CheckedPage) -> Iterator[Case]:
        yield from self.images(page)
        yield from self.external_links(page)
        yield from self.raw_html(page)

    def images(self, page: CheckedPage) -> Iterator[Case]:
        for image in page.doctree.findall(nodes.image):
            ok = bool(image.get("alt", "").strip())
            what = "has alt text" if ok else "has no alt text"
            message = f"image {image['uri']!r} {what}"
            yield self.context.case("images", page.docname, node_line(image), ok, message)

    def external_links(self, page: CheckedPage) -> Iterator[Case]:
        for ref in page.doctree.findall(nodes.reference):
            url = ref.get("refuri", "")
            if urlsplit(url).scheme in ("http", "https", "ftp"):
                problem = external_link_problem(url)
                message = problem or f"{url} is well-formed https"
                line = node_line(ref)
                yield self.context.case("external", page.docname, line, problem is None, message)

    def raw_html(self, page: CheckedPage) -> Iterator[Case]:
        for raw in page.doctree.findall(nodes.raw):
            if "html" not in raw.get("format", "").split():
                continue
            problems = raw_html_problems(raw.astext())
            for problem in problems:
                yield self.context.case("raw html", page.docname, node_line(raw), False, problem)
            if not problems:
                line = node_line(raw)
                yield self.context.case("raw html", page.docname, line, True, "raw HTML is safe")


def external_link_problem(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme != "https":
        return f"external link {url} is not https"
    if not re.fullmatch(r"[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?", parts.netloc) or " " in url:
        return f"external link {url} is not a well-formed address"
    tracking = [name for name, _ in parse_qsl(parts.query) if TRACKING_PARAMETERS.match(name)]
    if tracking:
        return f"external link {url} carries tracking parameters ({', '.join(tracking)})"
    return None


def raw_html_problems(html: str) -> list[str]:
    problems = []
    if SCRIPT.search(html):
        problems.append("raw HTML holds a <script>")
    if EVENT_HANDLER.search(html):
        problems.append("raw HTML holds an inline event handler (on...=)")
    for match in IFRAME_SRC.finditer(html):
        if urlsplit(match.group("src")).scheme or match.group("src").startswith("//"):
            problems.append(f"raw HTML holds an external <iframe> ({match.group('src')})")
    return problems
