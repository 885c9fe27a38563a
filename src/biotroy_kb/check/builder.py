"""The `kbcheck` builder: proves that links resolve and facts agree everywhere.

Shaped like Sphinx's own `linkcheck` and `doctest` builders: it visits every page's resolved
doctree (and the built HTML beside it), asks small checkers about each, counts every case, and
writes `output.txt` and `output.json`. Any failure sets a non-zero exit status.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from docutils import nodes
from sphinx.builders import Builder
from sphinx.locale import __
from sphinx.util import logging
from sphinx.util.console import green, red

from ..core.collector import kb_data
from ..core.data import registry_of
from ..core.lines import node_line
from ..directives.news import is_news_item, validate_news_page
from ..editions.edition import is_overdue, page_care, today
from ..editions.visibility import is_public_edition, visible
from ..registry.models import Registry, display_path
from .catalogs import catalog_cases
from .consistency import statements
from .glossary_use import GlossaryEntry, first_uses, glossary_entries
from .leaks import find_leaks, internal_markers
from .links import HtmlSite
from .report import Case, Report
from .text import FACT_MARK, TextBlock, is_fact, term_anchor, text_blocks

logger = logging.getLogger(__name__)

TRACKING_PARAMETERS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_eid|mc_cid|_hsenc|_hsmi)$"
)
SCRIPT = re.compile(r"<\s*script\b", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
IFRAME_SRC = re.compile(r"<\s*iframe\b[^>]*\bsrc\s*=\s*[\"']?(?P<src>[^\"'\s>]+)", re.IGNORECASE)


class KnowledgeCheckBuilder(Builder):
    """Checks every page: local links, facts, front matter, registry pages, glossary use,
    images, external links and raw HTML. The report is in `<outdir>/output.txt`."""

    name = "kbcheck"
    epilog = __("The check's report is in %(outdir)s/output.txt and output.json.")
    allow_parallel = False

    def init(self) -> None:
        self.report = Report()
        html_dir = self.config.kb_check_html_dir or str(Path(self.outdir).parent / "html")
        self.html_dir = Path(self.srcdir, html_dir).resolve()
        self.site = HtmlSite(self.html_dir)
        self.glossary: list[GlossaryEntry] = []
        self.term_links_outside_glossary: set[str] = set()

    def get_outdated_docs(self) -> set[str]:
        return set(self.env.found_docs)

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return f"{docname}.html"

    def prepare_writing(self, docnames: set[str]) -> None:
        for docname in sorted(kb_data(self.env).glossary_pages()):
            source = Path(self.env.doc2path(docname))
            self.glossary.extend(glossary_entries(self.env.get_doctree(docname), docname, source))

    def filename(self, docname: str) -> str:
        return display_path(Path(self.env.doc2path(docname)))

    def case(self, kind: str, docname: str, line: int, ok: bool, message: str) -> None:
        status = "passed" if ok else "failed"
        self.report.add(Case(kind, self.filename(docname), line, status, message))

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        blocks = list(text_blocks(doctree))
        self.check_links(docname, doctree)
        self.check_facts(docname, doctree, blocks)
        self.check_front_matter(docname)
        self.check_reading_order(docname)
        self.check_glossary_use(docname, doctree, blocks)
        self.check_content(docname, doctree)
        self.check_review_date(docname)

    # 1. Local links in the built HTML
    def check_links(self, docname: str, doctree: nodes.document) -> None:
        page = self.html_dir / f"{docname}.html"
        if not page.is_file():
            self.case("links", docname, 1, False, f"no built page {page} (run `make html` first)")
            return
        lines = _link_lines(doctree)
        urls = list(dict.fromkeys(self.site.page(page).links))
        broken = 0
        for url in urls:
            problem = self.site.problem(page, url)
            if problem is not None:
                broken += 1
                where = "" if url in lines else " (in the page template)"
                self.case("links", docname, lines.get(url, 1), False, problem + where)
        # One case for the links that resolve: at scale every page repeats the whole sidebar,
        # and a case for each would fill the report with a million identical lines.
        if broken < len(urls):
            resolved = f"{len(urls) - broken} local links resolve"
            self.case("links", docname, 1, True, resolved)

    # 2. Facts and consistency rules
    def check_facts(self, docname: str, doctree: nodes.document, blocks: list[TextBlock]) -> None:
        for node in doctree.findall(nodes.reference):
            if is_fact(node):
                key = node.get("kb_fact", "")
                self.case("facts", docname, node_line(node), True, f"fact {key} resolves")
        for node in doctree.findall(nodes.problematic):
            written = re.fullmatch(r"(?:\{fact\}|:fact:)`([^`]*)`", node.rawsource.strip())
            if written:
                message = f"unknown fact key {written.group(1)!r}"
                self.case("facts", docname, node_line(node), False, message)
        registry = registry_of(self.env)
        if registry is not None:
            for block in blocks:
                self.apply_rules(docname, registry, block)

    def apply_rules(self, docname: str, registry: Registry, block: TextBlock) -> None:
        for rule in registry.rules:
            for found in statements(rule, registry, block.text, docname):
                if FACT_MARK in found.text:
                    continue
                line = block.line_at(found.start)
                if block.is_quotation:
                    message = f"{rule.id}: {found.text!r} in a marked quotation, not checked"
                    self.report.add(
                        Case("consistency", self.filename(docname), line, "exempted", message)
                    )
                    continue
                self.case("consistency", docname, line, found.agrees, found.message(rule))

    # 3. Front matter
    def check_front_matter(self, docname: str) -> None:
        if not is_news_item(self.config, docname):
            return
        path = Path(self.env.doc2path(docname))
        item, problems = validate_news_page(docname, path, registry_of(self.env))
        for line, message in problems:
            self.case("front matter", docname, line, False, message)
        if item is not None:
            precision = item.date.precision if item.date.is_stated else "not stated"
            self.case(
                "front matter", docname, 2, True, f"news front matter valid (date: {precision})"
            )

    def check_reading_order(self, docname: str) -> None:
        path = kb_data(self.env).reading_paths.get(docname)
        if path is None:
            return
        line, pages = path
        repeated = sorted({page for page in pages if pages.count(page) > 1})
        message = (
            f"reading path lists {len(pages)} pages, each once"
            if not repeated
            else f"reading path lists {', '.join(repeated)} more than once"
        )
        self.case("front matter", docname, line, not repeated, message)

    # 5. Glossary: first mention on each page is a link
    def check_glossary_use(
        self, docname: str, doctree: nodes.document, blocks: list[TextBlock]
    ) -> None:
        glossary_pages = {entry.docname for entry in self.glossary}
        if docname in glossary_pages:
            return
        for node in doctree.findall(nodes.reference):
            anchor = term_anchor(node)
            if anchor:
                self.term_links_outside_glossary.add(anchor)
        for use in first_uses(blocks, self.glossary):
            message = (
                f"first mention of {use.entry.name!r} is a glossary link"
                if use.linked
                else f"first mention of glossary term {use.entry.name!r} ({use.text!r}) "
                "is not a {term} link"
            )
            self.case("glossary", docname, use.line, use.linked, message)

    # 6. Images, external links and raw HTML
    def check_content(self, docname: str, doctree: nodes.document) -> None:
        for image in doctree.findall(nodes.image):
            ok = bool(image.get("alt", "").strip())
            message = (
                f"image {image['uri']!r} has alt text"
                if ok
                else f"image {image['uri']!r} has no alt text"
            )
            self.case("images", docname, node_line(image), ok, message)
        for ref in doctree.findall(nodes.reference):
            url = ref.get("refuri", "")
            if urlsplit(url).scheme in ("http", "https", "ftp"):
                problem = external_link_problem(url)
                self.case(
                    "external",
                    docname,
                    node_line(ref),
                    problem is None,
                    problem or f"{url} is well-formed https",
                )
        for raw in doctree.findall(nodes.raw):
            if "html" in raw.get("format", "").split():
                problems = raw_html_problems(raw.astext())
                for problem in problems:
                    self.case("raw html", docname, node_line(raw), False, problem)
                if not problems:
                    self.case("raw html", docname, node_line(raw), True, "raw HTML is safe")

    def check_review_date(self, docname: str) -> None:
        care = page_care(Path(self.env.doc2path(docname)))
        if care.review_by is None:
            return
        owner = care.owner or "no owner named"
        due = care.review_by.display()
        if is_overdue(care, today(self.config)):
            message = f"review was due by {due} (owner: {owner})"
            self.report.add(Case("review", self.filename(docname), 1, "overdue", message))
        else:
            self.case("review", docname, 1, True, f"review due by {due} (owner: {owner})")

    def check_leaks(self) -> None:
        """The public edition: no output file holds anything of an internal page or fact."""
        if not is_public_edition(self.config):
            return
        markers = internal_markers(Path(self.srcdir), registry_of(self.env))
        leaks = find_leaks(self.html_dir, markers)
        leaked = {marker for _, marker in leaks}
        shown = display_path(self.html_dir)
        for file, marker in leaks:
            message = f"{file} holds the {marker.origin}: {marker.text[:80]!r}"
            self.report.add(Case("leaks", f"{shown}/{file}", 1, "failed", message))
        for marker in markers:
            if marker not in leaked:
                message = f"no output file holds the {marker.origin}"
                self.report.add(Case("leaks", shown, 1, "passed", message))

    def finish(self) -> None:
        self.report.extend(list(catalog_cases(Path(self.srcdir), self.config)))
        self.check_leaks()
        self.check_registry_pages()
        self.check_glossary_entries()
        self.list_facts_to_confirm()
        self.report.write(Path(self.outdir))
        for case in self.report.with_status("failed"):
            logger.info(red(case.line()))
        summary = self.report.summary()
        logger.info("")
        logger.info(red(summary) if self.report.failed else green(summary))
        if self.report.failed:
            self._app.statuscode = 1

    # 4. Registry and pages agree
    def check_registry_pages(self) -> None:
        registry = registry_of(self.env)
        if registry is None:
            return
        pages = {
            asset.page: ("asset", asset.code, registry.page_origins[asset.page])
            for asset in registry.assets.values()
            if visible(self.config, asset.audience)
        }
        pages |= {
            platform.page: ("platform", platform.name, registry.page_origins[platform.page])
            for platform in registry.platforms
            if visible(self.config, platform.audience)
        }
        for page, (what, name, origin) in pages.items():
            exists = page in self.env.found_docs
            message = (
                f"{what} {name} has its page {page}"
                if exists
                else f"{what} {name}: no page {page!r}"
            )
            self.report.add(
                Case(
                    "registry",
                    display_path(origin.path),
                    origin.line,
                    "passed" if exists else "failed",
                    message,
                )
            )
        for folder, what in (
            (self.config.kb_asset_dir, "asset"),
            (self.config.kb_platform_dir, "platform"),
        ):
            for docname in sorted(self.env.found_docs):
                if docname.startswith(f"{folder}/") and docname != f"{folder}/index":
                    ok = docname in pages
                    message = (
                        f"page is the registered {what} page"
                        if ok
                        else f"page under {folder}/ has no {what} entry in the registry"
                    )
                    self.case("registry", docname, 1, ok, message)

    def check_glossary_entries(self) -> None:
        seen: dict[str, GlossaryEntry] = {}
        for entry in self.glossary:
            for name in entry.names:
                earlier = seen.get(name.casefold())
                ok = earlier is None
                message = (
                    f"term {name!r} is defined once"
                    if ok
                    else f"term {name!r} is defined again (first at line {earlier.line})"
                )
                self.case("glossary", entry.docname, entry.line, ok, message)
                seen.setdefault(name.casefold(), entry)
            used = bool(entry.anchors & self.term_links_outside_glossary)
            message = (
                f"term {entry.name!r} is linked from other pages"
                if used
                else f"term {entry.name!r} is never linked from a page outside the glossary"
            )
            self.case("glossary", entry.docname, entry.line, used, message)

    # 7. Facts to confirm: a to-do list, not failures
    def list_facts_to_confirm(self) -> None:
        registry = registry_of(self.env)
        if registry is None:
            return
        for fact in registry.facts.values():
            if fact.status != "confirmed":
                note = fact.note or "no note"
                message = f"{fact.key} is {fact.status}: {note} (source: {fact.source.title})"
                self.report.add(
                    Case(
                        "to confirm",
                        display_path(fact.origin.path),
                        fact.origin.line,
                        "to confirm",
                        message,
                    )
                )


def _link_lines(doctree: nodes.document) -> dict[str, int]:
    """The source line of each link a page's own content makes, by the URL written in the HTML."""
    lines: dict[str, int] = {}
    for node in doctree.findall(nodes.reference):
        url = node.get("refuri") or (f"#{node['refid']}" if node.get("refid") else "")
        if url:
            lines.setdefault(url, node_line(node))
    for node in doctree.findall(nodes.image):
        lines.setdefault(node.get("uri", ""), node_line(node))
    for node in doctree.findall(nodes.raw):
        for url in re.findall(r"""(?:href|src)\s*=\s*["']([^"']+)""", node.astext()):
            lines.setdefault(url, node_line(node))
    return lines


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
