"""The generated synthetic site (benchmarks/generate.py) as an MkDocs project, so that MkDocs
Material and Zensical build the same content as our Sphinx build (benchmarks/peers.py).

    python benchmarks/mkdocs_site.py /tmp/kb-300 /tmp/kb-300-mkdocs

It reads the Sphinx source that `generate.py` wrote and writes, under the target folder:

- every page in the same folder with the same front matter and text. MyST's syntax
  becomes Python-Markdown's: `{term}` roles are relative links to the glossary, `{fact}` roles
  the registry's value as text, sphinx-design cards Material's grid cards, the glossary a
  definition list, tables and definition lists stay as they are, a visible toctree is a list of
  links (to the depth it asks for), and each registry-driven directive (`asset-summary`,
  `news-list`, `pipeline-chart`, `milestones`, `source-list`, `reading-path`) is written out
  as the plain Markdown that shows what ours draws from the registry.
- one project folder per configuration measured (`CONFIGURATIONS`), each with its own copy of
  the pages in `docs/`, its `mkdocs.yml` and its output folder `site/` (and Zensical's cache),
  so that the builds being compared share nothing (Zensical wants `docs_dir` inside the
  project's folder). The toctrees become an explicit `nav`.

What this conversion leaves out is listed in benchmarks/README.md ("MkDocs Material and
Zensical"): our build does more with the same sources (it checks facts and references, reads
and validates a registry, writes a feed, ...), the peers' builds do less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import posixpath
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

#: What a new Zensical project switches on (`zensical new`, 0.0.73: the features its
#: `zensical.toml` does not comment out); Material supports the same features.
DEFAULT_FEATURES = (
    "announce.dismiss",
    "content.code.annotate",
    "content.code.copy",
    "content.code.select",
    "content.footnote.tooltips",
    "content.tabs.link",
    "content.tooltips",
    "navigation.footer",
    "navigation.indexes",
    "navigation.instant",
    "navigation.instant.prefetch",
    "navigation.path",
    "navigation.sections",
    "navigation.top",
    "navigation.tracking",
    "search.highlight",
)
#: What both recommend for a large site: each page holds only the navigation a reader sees
#: (`navigation.prune`), which `navigation.sections` (every top-level section drawn open)
#: would defeat.
PRUNED_FEATURES = tuple(
    "navigation.prune" if feature == "navigation.sections" else feature
    for feature in DEFAULT_FEATURES
)
#: Each configuration's folder and its features; the tool that builds it is the runner's
#: business (both tools read the same `mkdocs.yml`).
CONFIGURATIONS = {
    "mkdocs-default": DEFAULT_FEATURES,
    "mkdocs-pruned": PRUNED_FEATURES,
    "zensical-default": DEFAULT_FEATURES,
    "zensical-pruned": PRUNED_FEATURES,
}
SITE_DIR = "site"
DOCS_DIR = "docs"
MONTHS = (
    "January February March April May June July August September October November December"
).split()
NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()
WORDS_PER_MINUTE = 200

ROLE = re.compile(r"\{(term|fact|doc)\}`([^`]*)`")
EXPLICIT_TARGET = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.S)
DIRECTIVE_START = re.compile(r"^```\{([\w-]+)\}\s*(.*)$")
COLON_START = re.compile(r"^(:{3,})\{([\w-]+)\}\s*(.*)$")


# The source as Sphinx reads it


@dataclass
class Toctree:
    entries: list[str]
    hidden: bool = False
    caption: str | None = None
    maxdepth: int = -1


@dataclass
class SourcePage:
    docname: str
    front_matter: str
    meta: dict[str, Any]
    title: str
    headings: list[str]
    body: list[str]
    toctrees: list[Toctree] = field(default_factory=list)


def read_site(source: Path) -> dict[str, SourcePage]:
    """Every page of the generated site, by docname, with its title, level-2 headings and
    toctrees (entries made absolute, as Sphinx resolves them)."""
    pages = {}
    for path in sorted(source.rglob("*.md")):
        relative = path.relative_to(source)
        if relative.parts[0].startswith("_"):
            continue
        docname = relative.with_suffix("").as_posix()
        pages[docname] = read_page(docname, path.read_text(encoding="utf-8"))
    return pages


def read_page(docname: str, text: str) -> SourcePage:
    lines = text.splitlines()
    front: list[str] = []
    if lines and lines[0] == "---":
        end = lines.index("---", 1)
        front, lines = lines[: end + 1], lines[end + 1 :]
    meta = yaml.safe_load("\n".join(front[1:-1])) or {} if front else {}
    title = next(line[2:].strip() for line in lines if line.startswith("# "))
    headings = [line[3:].strip() for line in lines if line.startswith("## ")]
    page = SourcePage(docname, "\n".join(front), meta, title, headings, lines)
    for name, _argument, options, content in directives(lines):
        if name == "toctree":
            page.toctrees.append(
                Toctree(
                    entries=[absolute(docname, entry) for entry in content if entry.strip()],
                    hidden="hidden" in options,
                    caption=options.get("caption"),
                    maxdepth=int(options.get("maxdepth", -1)),
                )
            )
    return page


def absolute(here: str, entry: str) -> str:
    """A toctree entry of page `here` as a docname."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(here), entry.strip()))


def directives(lines: list[str]) -> Iterator[tuple[str, str, dict[str, str], list[str]]]:
    """Each backtick-fenced MyST directive: name, argument, options and content lines."""
    index = 0
    while index < len(lines):
        match = DIRECTIVE_START.match(lines[index])
        if not match:
            index += 1
            continue
        end = lines.index("```", index + 1)
        options, content = split_options(lines[index + 1 : end])
        yield match.group(1), match.group(2), options, content
        index = end + 1


def split_options(block: list[str]) -> tuple[dict[str, str], list[str]]:
    """A directive's leading `:name: value` lines, and the rest (after one blank line)."""
    options: dict[str, str] = {}
    index = 0
    while index < len(block) and block[index].startswith(":"):
        name, _, value = block[index][1:].partition(":")
        options[name] = value.strip()
        index += 1
    if index < len(block) and not block[index].strip():
        index += 1
    return options, block[index:]


# The registry, read as plain YAML


def format_date(value: Any) -> str:
    """The registry's `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `not stated`, as ours shows it."""
    if isinstance(value, dt.date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    text = str(value)
    if text == "not stated":
        return "Not stated"
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 1:
        return text
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"


def date_key(value: Any) -> tuple[int, ...]:
    if isinstance(value, dt.date):
        return (1, value.year, value.month, value.day)
    text = str(value)
    if text == "not stated":
        return (0,)
    return (1, *(int(part) for part in text.split("-")), 0, 0)


def undated_last(value: Any) -> tuple[bool, tuple[int, ...]]:
    """Oldest first, as ours lists milestones and events; a date not stated comes last."""
    return (date_key(value) == (0,), date_key(value))


AGENCY_DECISIONS = {
    "ind-clearance": "IND cleared by the {agency}",
    "cta-acceptance": "Clinical trial application accepted for review by the {agency}",
    "cta-approval": "Clinical trial application approved by the {agency}",
}


class Registry:
    """The values that the generated pages' `{fact}` roles and directives show."""

    def __init__(self, data: Path) -> None:
        def load(name: str) -> Any:
            return yaml.safe_load((data / f"{name}.yaml").read_text(encoding="utf-8"))

        self.facts: dict[str, dict[str, Any]] = load("facts")["facts"]
        self.assets: list[dict[str, Any]] = load("pipeline")["assets"]
        self.stages: list[str] = load("pipeline")["stages"]
        self.platforms: list[dict[str, Any]] = load("platforms")["platforms"]
        self.milestones: list[dict[str, Any]] = load("milestones")["milestones"]
        self.sources: list[dict[str, Any]] = load("sources")["sources"]
        self.tags = {tag["id"]: tag["label"] for tag in load("tags")["tags"]}
        self.by_code = {asset["code"]: asset for asset in self.assets}

    def fact(self, key: str) -> str:
        if key == "platforms.count":
            return NUMBER_WORDS[len(self.platforms)]
        if key in self.facts:
            entry = self.facts[key]
            if "value" in entry:
                return str(entry["value"])
            if "date" in entry:
                return format_date(entry["date"])
            return str(entry["status"])
        code, _, name = key.partition(".")
        asset = self.by_code[code]
        if name == "indication":
            return asset["indications"][0]
        return str(asset[name])

    def source_title(self, source_id: str) -> str:
        return next(s["title"] for s in self.sources if s["id"] == source_id)


# Pages as Markdown


class Converter:
    def __init__(self, source: Path) -> None:
        self.pages = read_site(source)
        self.registry = Registry(source / "_data")
        self.news = sorted(
            (page for page in self.pages.values() if "date" in page.meta),
            key=lambda page: (date_key(page.meta["date"]), page.docname),
            reverse=True,
        )

    def link(self, here: str, target: str, anchor: str = "") -> str:
        """The relative address of `target`'s Markdown file from page `here`."""
        path = posixpath.relpath(f"{target}.md", posixpath.dirname(here) or ".")
        return f"{path}#{anchor}" if anchor else path

    def inline(self, here: str, text: str) -> str:
        def replace(match: re.Match[str]) -> str:
            role, content = match.groups()
            explicit = EXPLICIT_TARGET.match(content)
            label, target = explicit.groups() if explicit else (content, content)
            if role == "fact":
                return label if explicit else self.registry.fact(target)
            if role == "term":
                return f"[{label}]({self.link(here, 'glossary', term_anchor(target))})"
            docname = target.lstrip("/")
            shown = label if explicit else self.pages[docname].title
            return f"[{shown}]({self.link(here, docname)})"

        return ROLE.sub(replace, text)

    def page(self, docname: str) -> str:
        page = self.pages[docname]
        out: list[str] = [page.front_matter] if page.front_matter else []
        lines, index = page.body, 0
        while index < len(lines):
            line = lines[index]
            directive = DIRECTIVE_START.match(line)
            colon = COLON_START.match(line)
            if directive:
                end = lines.index("```", index + 1)
                options, content = split_options(lines[index + 1 : end])
                name, argument = directive.groups()
                out.append(self.directive(docname, name, argument, options, content))
                index = end + 1
            elif colon and colon.group(2) == "grid":
                end = lines.index(colon.group(1), index + 1)
                out.append(self.grid(docname, lines[index + 1 : end]))
                index = end + 1
            elif line.startswith("{.") and line.endswith("}"):
                index += 1  # a MyST block attribute: Python-Markdown has none for blocks
            else:
                out.append(self.inline(docname, line))
                index += 1
        return "\n".join(out).rstrip("\n") + "\n"

    def directive(
        self, here: str, name: str, argument: str, options: dict[str, str], content: list[str]
    ) -> str:
        if name == "toctree":
            return "" if "hidden" in options else self.toctree_list(here, options, content)
        if name == "glossary":
            return self.glossary(here, content)
        if name == "reading-path":
            return self.reading_path(here, [line for line in content if line.strip()])
        if name == "pipeline-chart":
            return self.pipeline_chart(here, options.get("caption", "Pipeline"))
        if name == "milestones":
            return self.milestones(here)
        if name == "source-list":
            return self.source_list()
        if name == "asset-summary":
            return self.asset_summary(here, argument.strip())
        if name == "news-list":
            return self.news_list(here, options)
        raise ValueError(f"{here}: no conversion for the directive {name!r}")

    def toctree_list(self, here: str, options: dict[str, str], content: list[str]) -> str:
        """A visible toctree: links to its entries, and below them, to the depth it asks for,
        their sections and their own toctrees' entries (as Sphinx draws it)."""
        entries = [absolute(here, entry) for entry in content if entry.strip()]
        depth = int(options.get("maxdepth", -1))
        return "\n".join(self.toctree_items(here, entries, depth if depth > 0 else 99, 0))

    def toctree_items(self, here: str, entries: list[str], depth: int, level: int) -> list[str]:
        lines = []
        indent = "    " * level
        for entry in entries:
            page = self.pages[entry]
            lines.append(f"{indent}- [{page.title}]({self.link(here, entry)})")
            if depth <= 1:
                continue
            for heading in page.headings:
                anchor = slug(heading)
                lines.append(f"{indent}    - [{heading}]({self.link(here, entry, anchor)})")
            children = [e for tree in page.toctrees for e in tree.entries]
            lines += self.toctree_items(here, children, depth - 1, level + 1)
        return lines

    def grid(self, here: str, block: list[str]) -> str:
        """sphinx-design's grid of cards as Material's grid cards: each card's title links to
        its page, a rule, then its text."""
        cards, index = [], 0
        while index < len(block):
            start = COLON_START.match(block[index])
            if not start or start.group(2) != "grid-item-card":
                index += 1
                continue
            end = block.index(start.group(1), index + 1)
            options, content = split_options(block[index + 1 : end])
            target = options["link"].lstrip("/")
            text = " ".join(line.strip() for line in content if line.strip())
            cards += [
                f"-   [__{start.group(3)}__]({self.link(here, target)})",
                "",
                "    ---",
                "",
                f"    {self.inline(here, text)}",
                "",
            ]
            index = end + 1
        return "\n".join(['<div class="grid cards" markdown>', "", *cards, "</div>"])

    def glossary(self, here: str, content: list[str]) -> str:
        """Each term with the anchor Sphinx gives it (`term-<name>`), its definition below."""
        out, term = [], None
        for line in content:
            if not line.strip():
                continue
            if not line.startswith(" "):
                term = line.strip()
                out += ["", f"{term} {{ #{term_anchor(term)} }}"]
            else:
                out.append(f":   {self.inline(here, line.strip())}")
        assert term is not None, f"{here}: an empty glossary"
        return "\n".join(out).lstrip("\n")

    def reading_path(self, here: str, docnames: list[str]) -> str:
        """A numbered list of the pages: title, reading time and summary; then the total."""
        lines, total = [], 0
        for number, docname in enumerate(docnames, 1):
            page = self.pages[docname]
            minutes = max(1, round(sum(len(line.split()) for line in page.body) / 200))
            total += minutes
            lines += [
                f"{number}. [{page.title}]({self.link(here, docname)}) ({minutes} min read)",
                "",
                f"    {page.meta.get('summary', '')}",
                "",
            ]
        return "\n".join([*lines, f"**Total: about {total} minutes for {len(docnames)} pages.**"])

    def pipeline_chart(self, here: str, caption: str) -> str:
        rows = [
            f"### {caption}",
            "",
            "| Asset | Target | Modality | Indication | Stage | Status by region |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for asset in self.registry.assets:
            status = "; ".join(
                f"{event['region']}: {self.decision(event)} ({format_date(event['date'])})"
                for event in asset["events"]
            )
            rows.append(
                f"| [{asset['code']}]({self.link(here, asset['page'])}) | {asset['target']} | "
                f"{asset['modality']} | {asset['indications'][0]} | {asset['stage']} | {status} |"
            )
        source = self.registry.source_title(self.registry.assets[0]["source"])
        return "\n".join([*rows, "", f"Source: {source}"])

    def decision(self, event: dict[str, Any]) -> str:
        return AGENCY_DECISIONS[event["kind"]].format(agency=event["agency"])

    def milestones(self, here: str) -> str:
        entries = []
        for milestone in self.registry.milestones:
            date = milestone.get("date") or self.registry.facts[milestone["date_fact"]]["date"]
            title = re.sub(r"\{([\w.]+)\}", lambda m: self.registry.fact(m[1]), milestone["title"])
            entries.append((date, title, milestone.get("note"), milestone["source"]))
        for asset in self.registry.assets:
            for event in asset["events"]:
                title = f"{asset['code']}: {self.decision(event)} ({event['region']})"
                entries.append((event["date"], title, event.get("date_note"), event["source"]))
        entries.sort(key=lambda entry: undated_last(entry[0]))
        lines = []
        for date, title, note, source in entries:
            lines += [f"**{format_date(date)}**", f":   {title}"]
            if note:
                lines.append(f":   {note}")
            lines += [f":   Source: {self.registry.source_title(source)}", ""]
        return "\n".join(lines)

    def source_list(self) -> str:
        lines = []
        for source in self.registry.sources:
            lines += [f"## {source['title']}", ""]
            for label, key in (
                ("Publisher", "publisher"),
                ("Kind", "kind"),
                ("Date", "date"),
                ("File", "file"),
                ("What it covers", "description"),
            ):
                value = format_date(source[key]) if key == "date" else source[key]
                lines += [label, f":   {value}", ""]
            facts = [k for k, fact in self.registry.facts.items() if fact["source"] == source["id"]]
            facts += [
                f"{asset['code']}.{name}"
                for asset in self.registry.assets
                if asset["source"] == source["id"]
                for name in ("modality", "target", "indication", "stage")
            ]
            lines += [f"Facts on this site from this source ({len(facts)}):", ""]
            lines += [f"- `{key}`: {self.registry.fact(key)}" for key in facts]
            lines.append("")
        return "\n".join(lines)

    def asset_summary(self, here: str, code: str) -> str:
        asset = self.registry.by_code[code]
        lines = [
            f"### {code} at a glance",
            "",
            *(
                f"{label}\n:   {value}\n"
                for label, value in (
                    ("Modality", asset["modality"]),
                    ("Target", asset["target"]),
                    ("Indication", asset["indications"][0]),
                    ("Stage", asset["stage"]),
                )
            ),
            "#### Regulatory events",
            "",
            "| Date | Region | Decision | Identifier |",
            "| --- | --- | --- | --- |",
        ]
        for event in sorted(asset["events"], key=lambda event: undated_last(event["date"])):
            identifier = event.get("identifier")
            shown = f"{identifier} ({event['identifier_kind']})" if identifier else "—"
            news = f" ([news]({self.link(here, event['news'])}))" if "news" in event else ""
            lines.append(
                f"| {format_date(event['date'])} | {event['region']} | "
                f"{self.decision(event)}{news} | {shown} |"
            )
        return "\n".join(lines)

    def news_list(self, here: str, options: dict[str, str]) -> str:
        asset, tag = options.get("asset"), options.get("tag")
        chosen = [
            page
            for page in self.news
            if (asset is None or asset in page.meta.get("assets", []))
            and (tag is None or tag in page.meta.get("tags", []))
        ]
        limit = int(options.get("limit", 0))
        chosen = chosen[:limit] if limit else chosen
        lines = []
        for page in chosen:
            date = page.meta["date"]
            shown = "Date not stated" if date == "not stated" else format_date(date)
            tags = ", ".join(self.registry.tags[t] for t in page.meta.get("tags", []))
            lines += [
                f"- {shown}: [{page.title}]({self.link(here, page.docname)})",
                "",
                f"    {page.meta.get('summary', '')} Tags: {tags}",
                "",
            ]
        return "\n".join(lines)

    # The navigation

    def nav(self) -> list[Any]:
        """The toctrees as MkDocs' `nav`: the root's captioned toctrees as top-level groups,
        a page with a toctree as a section whose first page is itself."""
        root = self.pages["index"]
        nav: list[Any] = [{root.title: "index.md"}]
        for tree in root.toctrees:
            items = [self.nav_item(entry) for entry in tree.entries]
            nav += [{tree.caption: items}] if tree.caption else items
        return nav

    def nav_item(self, docname: str) -> Any:
        page = self.pages[docname]
        children = [entry for tree in page.toctrees for entry in tree.entries]
        if not children:
            return {page.title: f"{docname}.md"}
        return {page.title: [f"{docname}.md", *(self.nav_item(child) for child in children)]}


def term_anchor(term: str) -> str:
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def slug(heading: str) -> str:
    """Python-Markdown's `toc` slug for a plain heading."""
    return re.sub(r"[\s-]+", "-", re.sub(r"[^\w\s-]", "", heading).strip().lower())


# The project


def config_text(name: str, features: tuple[str, ...], nav: list[Any]) -> str:
    """One configuration's `mkdocs.yml`. Nothing in it reaches the network: no Google fonts
    (`font: false`: the system's fonts), no privacy or social plugin (they download at build
    time), only the built-in search."""
    config = {
        "site_name": "Synthetic Knowledge Base",
        "site_url": "http://127.0.0.1:8000/",
        "docs_dir": DOCS_DIR,
        "site_dir": SITE_DIR,
        "theme": {"name": "material", "language": "en", "font": False, "features": list(features)},
        "plugins": ["search"],
        "markdown_extensions": [
            "attr_list",
            "md_in_html",
            "def_list",
            "tables",
            {"toc": {"permalink": True}},
        ],
        "nav": nav,
    }
    header = f"# {name}: written by benchmarks/mkdocs_site.py from the generated Sphinx site.\n"
    return header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)


def convert(source: Path, target: Path) -> dict[str, Path]:
    """Write the MkDocs project for the site in `source` into `target`; return each
    configuration's folder (the one to run the tool in)."""
    converter = Converter(source)
    pages = {docname: converter.page(docname) for docname in converter.pages}
    nav = converter.nav()
    folders = {}
    for name, features in CONFIGURATIONS.items():
        folder = target / name
        for docname, text in pages.items():
            path = folder / DOCS_DIR / f"{docname}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        (folder / "mkdocs.yml").write_text(config_text(name, features, nav), encoding="utf-8")
        folders[name] = folder
    return folders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a site written by benchmarks/generate.py")
    parser.add_argument("target", type=Path, help="the folder to write the MkDocs project into")
    args = parser.parse_args(argv)
    folders = convert(args.source, args.target)
    print(f"wrote {args.target / 'docs'} and {', '.join(sorted(folders))}")
    print(f"build one with: cd {os.path.relpath(folders['mkdocs-default'])} && mkdocs build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
