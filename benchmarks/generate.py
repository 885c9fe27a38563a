"""A synthetic knowledge base of any size, for the build benchmarks (`benchmarks/run.py`).

It uses what the real site uses: the registry in `_data/*.yaml` (all seven files), facts, asset
summaries, the pipeline chart, milestones, news with front matter and a `news-list`, a reading
path, a glossary with `{term}` links, sphinx-design cards and tables, and a navigation tree at
least three levels deep. It grows as a real knowledge base does: no folder lists more than 40
pages, so a larger site has more sub-sections, news by year (and quarter) and groups of asset
pages, not longer lists. Every value is made up ("Synthetic Co", assets SX1, SX2, ...). The site
builds with no warnings under `-W --keep-going -n` and passes the `kbcheck` builder.

    python benchmarks/generate.py /tmp/kb-300 300    # write a 300-page site
    python benchmarks/generate.py /tmp/kb-300 300 --chinese   # and its Chinese edition
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

#: Pages that every generated site has, whatever its size.
FIXED_PAGES = (
    "index",
    "onboarding",
    "glossary",
    "company/index",
    "company/timeline",
    "company/sources",
    "pipeline/index",
    "platforms/index",
    "platforms/alpha-lab",
    "platforms/beta-lab",
    "news/index",
)
MIN_PAGES = 20
#: The most entries a folder's toctree lists, pages and sub-folders together. A real knowledge
#: base splits a folder long before it holds hundreds of pages; so does the synthetic one, so
#: that a page's sidebar (its siblings) stays the same size as the site grows.
FOLDER_CAP = 40
#: Pages a section split into sub-sections keeps at its own level (its overview pages).
DIRECT_PAGES = 5
#: What the levels below a section are called, from the top.
SUB_KINDS = ("area", "group", "team")
#: A news item every ten days, over at most twelve years.
NEWS_START = dt.date(2015, 1, 5)
NEWS_SPACING_DAYS = 10
NEWS_SPAN_DAYS = 12 * 365
QUARTERS = ("January to March", "April to June", "July to September", "October to December")

SECTION_NAMES = (
    "research",
    "clinical",
    "manufacturing",
    "quality",
    "operations",
    "people",
    "partnerships",
    "data-science",
    "safety",
    "facilities",
)
MONTHS = (
    "January February March April May June July August September October November December"
).split()
NUMBER_WORDS = "two|three|four|five|six|seven|eight|nine|ten"
STAGES = ("Discovery", "Preclinical", "IND", "Phase 1", "Phase 2", "Phase 3", "Filing", "Approved")
MODALITIES = ("Monoclonal antibody", "Bispecific antibody", "Antibody–drug conjugate")
INDICATIONS = ("Synthetic condition A", "Synthetic condition B", "Synthetic condition C")

#: Invented words, so that no ordinary filler word is ever a glossary term by accident.
TERMS = (
    "zentrofil", "quibrase", "morvalite", "delphane", "trivorex", "kelandine",
    "pramotide", "sulvenor", "ostrivane", "velquatin", "numbrisol", "caldoxine",
    "florimbe", "gastrevin", "hexalune", "ivorquine", "jastomel", "lumbrezan",
    "nexaprine", "orvadium", "plexitone", "rendaquil", "sorvanthe", "tremolide",
    "ulvarest", "vantrozine", "wendalite", "xylomarin", "yorbecane", "zephrolis",
)  # fmt: skip

# Filler vocabulary. It avoids every word a consistency rule looks for (founding years, money,
# regulators' months, counts of research groups), so that filler never states a fact.
ADJECTIVES = (
    "careful steady shared quarterly internal detailed practical early routine regional clear "
    "modest standard weekly seasonal simple thorough written local formal brief annual central "
    "digital manual open planned separate updated"
).split()
NOUNS = (
    "team review schedule sample report workflow meeting handbook record budget survey notebook "
    "inventory checklist template request dataset calendar summary archive draft process "
    "training rota handover ticket forecast audit roadmap backlog milestone plan estimate "
    "contract order shipment label freezer bench instrument method"
).split()
VERBS = (
    "updates describes follows tracks compares collects prepares checks documents supports "
    "reviews organises records shares plans confirms lists revises"
).split()
PHRASES = (
    "before the next",
    "during each",
    "after every",
    "alongside the",
    "for the",
    "ahead of the",
    "as part of the",
    "next to the",
)
ADVERBS = "Usually Often Sometimes Later Afterwards Meanwhile Occasionally Typically".split()
STATES = "current accurate visible complete consistent useful tidy readable".split()
PEOPLE = "Avery Blake Casey Devon Emery Finley Harper Jordan Morgan Quinn Reese Rowan".split()
STATUSES = ("Planned", "In progress", "Done", "On hold")


@dataclass
class Folder:
    """A folder of pages with its own index page; its sub-folders are one level deeper."""

    slug: str
    title: str
    pages: list[str] = field(default_factory=list)
    subfolders: list[Folder] = field(default_factory=list)

    @property
    def index(self) -> str:
        return f"{self.slug}/index"

    def tree(self) -> list[Folder]:
        """This folder and every folder below it, parents first."""
        return [self, *(folder for sub in self.subfolders for folder in sub.tree())]

    def entries(self) -> int:
        """How many entries its toctree lists: its pages and its sub-folders."""
        return len(self.pages) + len(self.subfolders)


def in_trees(folders: list[Folder]) -> list[Folder]:
    return [folder for top in folders for folder in top.tree()]


@dataclass
class Layout:
    """Which pages a site of `pages` pages has; `generate` writes them, `run.py` edits two."""

    pages: int
    assets: list[str]
    #: asset code -> its page, `pipeline/sx7` or, on a site of over 40 assets, `pipeline/sx1-40/sx7`
    asset_pages: dict[str, str]
    #: the groups of asset pages under pipeline/ (none while all fit in pipeline/ itself)
    asset_groups: list[Folder]
    #: every news item, oldest first
    news: list[str]
    #: news/<year>/, oldest first, each split into quarters when a year has over 40 items
    news_folders: list[Folder]
    sections: list[Folder]

    @property
    def ordinary(self) -> list[str]:
        return [page for folder in in_trees(self.sections) for page in folder.pages]

    @property
    def reading_path(self) -> list[str]:
        firsts = [section.pages[0] for section in self.sections[:3]]
        return ["company/index", "pipeline/index", "platforms/index", *firsts, "glossary"]

    @property
    def edit_page(self) -> str:
        """An ordinary page in a sub-section (third level or deeper), not on the reading path."""
        deep = [p for s in self.sections for f in in_trees(s.subfolders) for p in f.pages]
        candidates = [p for p in deep or self.ordinary if p not in self.reading_path]
        return candidates[len(candidates) // 2]

    @property
    def edit_news(self) -> str:
        return self.news[len(self.news) // 2]

    def folders(self) -> list[Folder]:
        """Every folder with an index page that `plan` chose (not the fixed ones)."""
        return [*self.asset_groups, *in_trees(self.news_folders), *in_trees(self.sections)]

    def all_docnames(self) -> list[str]:
        indexes = [folder.index for folder in self.folders()]
        return [*FIXED_PAGES, *self.asset_pages.values(), *self.news, *indexes, *self.ordinary]


def plan(pages: int) -> Layout:
    """The layout of a site with `pages` pages in all (every index and special page counted)."""
    if pages < MIN_PAGES:
        raise ValueError(f"a generated site needs at least {MIN_PAGES} pages, not {pages}")
    assets = [f"SX{number + 1}" for number in range(max(1, round(pages / 50)))]
    asset_pages, asset_groups = plan_assets(assets)
    news, news_folders = plan_news(max(1, round(pages / 10)))
    taken = len(FIXED_PAGES) + len(assets) + len(asset_groups) + len(news)
    taken += len(in_trees(news_folders))
    n_sections = min(len(SECTION_NAMES), max(2, pages // 12))
    sections = plan_sections(pages - taken, n_sections)
    layout = Layout(pages, assets, asset_pages, asset_groups, news, news_folders, sections)
    docnames = layout.all_docnames()
    assert len(docnames) == len(set(docnames)) == pages, (len(docnames), pages)
    too_full = [f.slug for f in layout.folders() if f.entries() > FOLDER_CAP]
    assert not too_full and len(asset_groups) <= FOLDER_CAP, too_full
    assert len(news_folders) <= FOLDER_CAP, len(news_folders)
    return layout


def shares(total: int, parts: int) -> list[int]:
    """`total` split into `parts` whole numbers that differ by at most one, larger first."""
    return [total // parts + (number < total % parts) for number in range(parts)]


def chunks(items: list[str], size: int = FOLDER_CAP) -> list[list[str]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def plan_assets(assets: list[str]) -> tuple[dict[str, str], list[Folder]]:
    """Asset pages sit in pipeline/ while they fit; beyond 40, in groups of 40 such as
    pipeline/sx41-80/, as a pipeline that grows is split into programmes."""
    if len(assets) <= FOLDER_CAP:
        return {code: f"pipeline/{code.lower()}" for code in assets}, []
    pages, groups = {}, []
    for group in chunks(assets):
        first, last = group[0][2:], group[-1][2:]
        folder = Folder(f"pipeline/sx{first}-{last}", f"Assets SX{first} to SX{last}")
        for code in group:
            pages[code] = f"{folder.slug}/{code.lower()}"
            folder.pages.append(pages[code])
        groups.append(folder)
    return pages, groups


def news_day(number: int, count: int) -> dt.date:
    """The day of news item `number` of `count`: every ten days, or closer together when that
    would span more than twelve years (a larger company publishes more news a year)."""
    span = min(NEWS_SPAN_DAYS, NEWS_SPACING_DAYS * count)
    return NEWS_START + dt.timedelta(days=number * span // count)


def plan_news(count: int) -> tuple[list[str], list[Folder]]:
    """The news items, oldest first, and their year folders news/<year>/."""
    years: dict[int, list[int]] = {}
    for number in range(count):
        years.setdefault(news_day(number, count).year, []).append(number)
    folders = [news_year(year, numbers, count) for year, numbers in years.items()]
    items = [page for folder in in_trees(folders) for page in folder.pages]
    return sorted(items, key=lambda docname: int(docname.rpartition("-")[2])), folders


def news_year(year: int, numbers: list[int], count: int) -> Folder:
    """news/<year>/ with its items, or, for a year of over 40 items, its quarters news/<year>/q1/
    and so on."""
    folder = Folder(f"news/{year}", f"News of {year}")
    if len(numbers) <= FOLDER_CAP:
        fill_news(folder, numbers)
        return folder
    quarters: dict[int, list[int]] = {}
    for number in numbers:
        quarters.setdefault((news_day(number, count).month - 1) // 3, []).append(number)
    for quarter, found in quarters.items():
        sub = Folder(f"{folder.slug}/q{quarter + 1}", f"News of {QUARTERS[quarter]} {year}")
        fill_news(sub, found)
        folder.subfolders.append(sub)
    return folder


def fill_news(folder: Folder, numbers: list[int]) -> None:
    """The items go into `folder`, or into parts of 40 when they are more (a quarter of over
    40 items happens only on sites far larger than the benchmark's)."""
    names = [f"item-{number + 1:04d}" for number in numbers]
    if len(names) <= FOLDER_CAP:
        folder.pages = [f"{folder.slug}/{name}" for name in names]
        return
    for part, found in enumerate(chunks(names), 1):
        sub = Folder(f"{folder.slug}/part-{part}", f"{folder.title}, part {part}")
        sub.pages = [f"{sub.slug}/{name}" for name in found]
        folder.subfolders.append(sub)


def plan_sections(budget: int, count: int) -> list[Folder]:
    """`count` sections sharing `budget` pages (their index pages included)."""
    assert budget >= 2 * count, (budget, count)  # each section: its index and one page
    sections = [Folder(slug, slug.replace("-", " ").capitalize()) for slug in SECTION_NAMES]
    numbers = itertools.count(1)
    for number, (section, share) in enumerate(zip(sections, shares(budget, count), strict=False)):
        # Every other section has a sub-section even when small: the tree is three levels
        # deep at every size, and `edit_page` has a page in a sub-section to edit.
        fill_section(section, share, number % 2 == 1, numbers)
    return sections[:count]


def fill_section(
    folder: Folder, budget: int, split: bool, numbers: Iterator[int], depth: int = 0
) -> None:
    """Give `folder` `budget` pages, its index included: all its own while they fit in one
    folder, otherwise a few of its own and the rest in sub-folders of at most 40 (deeper ones
    too when even 40 sub-folders would be too full)."""
    room = budget - 1
    if room <= FOLDER_CAP and not (split and room >= 3):
        folder.pages = [f"{folder.slug}/topic-{next(numbers):04d}" for _ in range(room)]
        return
    own = max(1, min(DIRECT_PAGES, room // 2))
    folder.pages = [f"{folder.slug}/topic-{next(numbers):04d}" for _ in range(own)]
    rest = room - own
    count = min(FOLDER_CAP - own, -(-rest // (FOLDER_CAP + 1)))
    kind = SUB_KINDS[min(depth, len(SUB_KINDS) - 1)]
    for number, share in enumerate(shares(rest, count), 1):
        sub = Folder(f"{folder.slug}/{kind}-{number:02d}", f"{folder.title}, {kind} {number}")
        folder.subfolders.append(sub)
        fill_section(sub, share, False, numbers, depth + 1)


class Filler:
    """Deterministic, varied filler text for one page."""

    def __init__(self, key: str) -> None:
        self.random = random.Random(zlib.crc32(key.encode()))

    def pick(self, words: list[str] | tuple[str, ...]) -> str:
        return self.random.choice(words)

    def sentence(self) -> str:
        r = self.pick
        templates = (
            lambda: (
                f"The {r(ADJECTIVES)} {r(NOUNS)} {r(VERBS)} the {r(NOUNS)} {r(PHRASES)} {r(NOUNS)}."
            ),
            lambda: (
                f"Each {r(NOUNS)} {r(VERBS)} one {r(ADJECTIVES)} {r(NOUNS)}, so the "
                f"{r(NOUNS)} stays {r(STATES)}."
            ),
            lambda: (
                f"When the {r(NOUNS)} changes, the {r(NOUNS)} team {r(VERBS)} the "
                f"{r(ADJECTIVES)} {r(NOUNS)} and the {r(NOUNS)}."
            ),
            lambda: (
                f"{r(ADVERBS)}, the {r(NOUNS)} {r(VERBS)} every {r(NOUNS)} that the "
                f"{r(ADJECTIVES)} {r(NOUNS)} {r(VERBS)}."
            ),
            lambda: (
                f"{r(PEOPLE)} {r(VERBS)} the {r(ADJECTIVES)} {r(NOUNS)} {r(PHRASES)} "
                f"{r(ADJECTIVES)} {r(NOUNS)}, and {r(PEOPLE)} {r(VERBS)} it."
            ),
        )
        return self.random.choice(templates)()

    def sentences(self, count: int) -> list[str]:
        return [self.sentence() for _ in range(count)]

    def paragraph(self, count: int, extra: tuple[str, ...] | list[str] = ()) -> str:
        """`count` sentences with the `extra` sentences spread among them, wrapped at 96."""
        parts = self.sentences(count)
        for position, sentence in enumerate(extra):
            parts.insert(min(len(parts), 1 + position * 2), sentence)
        return wrap(" ".join(parts))

    def title(self, number: int) -> str:
        return f"{self.pick(ADJECTIVES).capitalize()} {self.pick(NOUNS)} notes {number}"


def wrap(text: str, width: int = 96) -> str:
    """Wrap prose without breaking inside a role such as {term}`x <y>`."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width and line.count("`") % 2 == 0:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def front_matter(**fields: str | list[str]) -> str:
    lines = ["---"]
    for name, value in fields.items():
        text = f"[{', '.join(value)}]" if isinstance(value, list) else value
        lines.append(f"{name}: {text}")
    return "\n".join([*lines, "---"])


def toctree(entries: list[str], *options: str) -> str:
    return "\n".join(["```{toctree}", *options, "", *entries, "```"])


def grid(cards: list[tuple[str, str, str]]) -> str:
    """A sphinx-design grid of cards, each (title, docname, text)."""
    parts = ["::::{grid} 1 2 2 3", ":gutter: 2", ""]
    for title, docname, text in cards:
        parts += [
            f":::{{grid-item-card}} {title}",
            f":link: /{docname}",
            ":link-type: doc",
            "",
            text,
            ":::",
            "",
        ]
    return "\n".join([*parts, "::::"])


def table(filler: Filler, rows: int = 4) -> str:
    lines = ["| Item | Owner | Status |", "| --- | --- | --- |"]
    for _ in range(rows):
        item = f"{filler.pick(ADJECTIVES).capitalize()} {filler.pick(NOUNS)}"
        lines.append(f"| {item} | {filler.pick(PEOPLE)} | {filler.pick(STATUSES)} |")
    return "\n".join(lines)


def relative(docname: str) -> str:
    """`docname` as a toctree entry in its parent folder's index: `news/2024/index` from
    news/index is `2024/index`, `news/2024/item-0001` from news/2024/index is `item-0001`."""
    parts = docname.split("/")
    return "/".join(parts[-2:]) if parts[-1] == "index" else parts[-1]


def term_link(term: str) -> str:
    return f"{{term}}`{term}`"


class SiteWriter:
    def __init__(self, target: Path, layout: Layout) -> None:
        self.target = target
        self.layout = layout
        self.titles: dict[str, str] = {}

    def write(self, docname: str, text: str) -> None:
        path = self.target / f"{docname}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")

    def write_file(self, name: str, text: str) -> None:
        path = self.target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip("\n"), encoding="utf-8")

    # Titles are chosen first: cards and the reading path name other pages.
    def choose_titles(self) -> None:
        for docname in self.layout.ordinary:
            self.titles[docname] = Filler(docname).title(int(docname.rpartition("-")[2]))
        for number, docname in enumerate(self.layout.news, 1):
            filler = Filler(docname)
            self.titles[docname] = (
                f"{filler.pick(ADJECTIVES).capitalize()} {filler.pick(NOUNS)} update {number}"
            )

    def run(self) -> None:
        self.choose_titles()
        self.conf()
        self.registry()
        self.root_index()
        self.onboarding()
        self.glossary()
        self.company()
        self.pipeline()
        self.platforms()
        self.news()
        for section in self.layout.sections:
            self.section(section)

    def conf(self) -> None:
        self.write_file(
            "conf.py",
            '''
"""A synthetic knowledge base for the build benchmarks (benchmarks/generate.py)."""

project = "Synthetic Knowledge Base"
author = "Synthetic Co"
copyright = "2026, Synthetic Co"
language = "en"

extensions = ["myst_parser", "sphinx_design", "biotroy_kb"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_data"]
nitpicky = True
myst_enable_extensions = ["colon_fence", "deflist", "attrs_block"]

html_theme = "furo"
html_title = "Synthetic Knowledge Base"
# As on the real site: each page holds its own branch of the sidebar, the rest is shared.
kb_navigation_prune = True
html_baseurl = "http://127.0.0.1:8000/"
''',
        )

    def registry(self) -> None:
        layout = self.layout
        self.write_file(
            "_data/sources.yaml",
            """
# Synthetic sources for the benchmark: nothing here is true of any real company.
sources:
  - id: synthetic-release
    title: Synthetic Co announcement (made up)
    publisher: Synthetic Co
    kind: press release
    date: 2024-06
    file: synthetic/sources/announcement.txt
    description: A made-up announcement that every synthetic fact cites.
    audience: public
  - id: synthetic-notes
    title: Synthetic notes (made up)
    publisher: Benchmark maintainers
    kind: notes
    date: not stated
    date_note: The synthetic notes are undated.
    file: synthetic/sources/notes.md
    description: Made-up notes on the synthetic pipeline.
""",
        )
        self.write_file(
            "_data/facts.yaml",
            """
facts:
  company.name:
    value: Synthetic Co
    source: synthetic-release
    audience: public
  company.city:
    value: Example City
    source: synthetic-release
    audience: public
  company.founded:
    date: 2018
    source: synthetic-release
    audience: public
  company.financing:
    value: over 60 million RMB
    source: synthetic-release
    audience: public
  company.headcount:
    status: not stated
    source: synthetic-release
    note: The synthetic announcement does not say.
""",
        )
        assets = [f"stages: [{', '.join(STAGES)}]", "assets:"]
        for number, code in enumerate(layout.assets):
            assets += self.asset_entry(number, code)
        self.write_file("_data/pipeline.yaml", "\n".join(assets) + "\n")
        self.write_file(
            "_data/platforms.yaml",
            """
platforms:
  - id: alpha-lab
    name: Alpha lab
    discipline: Synthetic discipline one
    page: platforms/alpha-lab
    source: synthetic-release
    audience: public
  - id: beta-lab
    name: Beta lab
    discipline: Synthetic discipline two
    page: platforms/beta-lab
    source: synthetic-release
    audience: public
""",
        )
        self.write_file(
            "_data/milestones.yaml",
            """
milestones:
  - title: "{company.name} is set up in {company.city}"
    date_fact: company.founded
    source: synthetic-release
    link: company/index
  - title: "Financing of {company.financing} completed"
    date: not stated
    note: The synthetic announcement gives no date.
    source: synthetic-release
    link: company/index
  - title: First synthetic laboratory opens
    date: 2021-05
    source: synthetic-notes
""",
        )
        self.write_file(
            "_data/tags.yaml",
            """
tags:
  - id: research
    label: Research
    description: Synthetic research news.
  - id: company
    label: Company
    description: Synthetic company news.
""",
        )
        self.write_file(
            "_data/rules.yaml",
            r"""
rules:
  - id: cde-acceptance-number
    description: A CXSL number must be SX1's.
    pattern: '\b(CXSL\d{7})\b'
    fact: SX1.cn-acceptance.identifier
    compare: text
  - id: founding-year
    description: The founding year.
    pattern: '(?i)\bfounded\b[^.]{0,60}?\b((?:19|20)\d\d)\b'
    fact: company.founded
    compare: date
  - id: financing-total
    description: The financing total, in million RMB.
    pattern: '(?i)\b(\d[\d,.]*)\s+million\s+(?:RMB|yuan)\b'
    fact: company.financing
    compare: number
  - id: fda-ind-clearance
    description: The month SX1's IND was cleared.
    pattern: '\bFDA\b[^.]{0,80}?\b((?:MONTHS)\s+\d{4})\b'
    fact: SX1.us-ind.date
    compare: date
  - id: platform-count
    description: The number of research platforms.
    pattern: '(?i)\b(NUMBERS|\d+)\s+(?:research\s+)?platforms\b'
    fact: platforms.count
    compare: number
""".replace("MONTHS", "|".join(MONTHS)).replace("NUMBERS", NUMBER_WORDS),
        )

    def news_for(self, code: str) -> str | None:
        """The first news item about an asset."""
        number = self.layout.assets.index(code)
        return self.layout.news[number] if number < len(self.layout.news) else None

    def asset_entry(self, number: int, code: str) -> list[str]:
        lines = [
            f"  - code: {code}",
            f"    page: {self.layout.asset_pages[code]}",
            f"    modality: {MODALITIES[number % len(MODALITIES)]}",
            "    target: Undisclosed" if number % 3 == 0 else f"    target: TGT-{number + 1}",
            f"    indications: [{INDICATIONS[number % len(INDICATIONS)]}]",
            f"    stage: {STAGES[(number + 3) % 5]}",
            f"    summary: Synthetic asset number {number + 1}, made up for the benchmark.",
            f"    source: {'synthetic-release' if number % 2 == 0 else 'synthetic-notes'}",
            "    audience: public",
            "    events:",
        ]
        if number == 0:
            # Only SX1 has an FDA clearance: the consistency rule names its month.
            lines += [
                "      - id: us-ind",
                "        region: United States",
                "        agency: FDA",
                "        kind: ind-clearance",
                "        date: 2024-06",
                "        source: synthetic-release",
            ]
        # The sources page lists every identifier as text and the rule allows one CXSL number
        # (SX1's), so the other assets get a made-up kind of number.
        identifier, kind = (
            ("CXSL2400001", "CDE acceptance number")
            if number == 0
            else (f"SYN-{number + 1:05d}", "synthetic application number")
        )
        lines += [
            "      - id: cn-acceptance",
            "        region: China",
            "        agency: NMPA's CDE",
            "        kind: cta-acceptance",
            f"        identifier: {identifier}",
            f"        identifier_kind: {kind}",
            f"        date: {2022 + number % 3}",
            "        source: synthetic-release",
        ]
        news = self.news_for(code)
        if number % 2 == 0 and news:
            date = "not stated" if number == 0 else f"2025-{number % 12 + 1:02d}"
            lines += [
                "      - id: cn-approval",
                "        region: China",
                "        agency: NMPA's CDE",
                "        kind: cta-approval",
                f"        date: {date}",
            ]
            if number == 0:
                lines.append("        date_note: The synthetic announcement gives no date.")
            lines += ["        source: synthetic-release", f"        news: {news}"]
        return lines

    def root_index(self) -> None:
        layout = self.layout
        sections = [s.index for s in layout.sections]
        cards = [
            ("Start here", "onboarding", "The reading path for a first week."),
            ("Pipeline", "pipeline/index", "Every synthetic asset and where it stands."),
            ("News", "news/index", "What the synthetic company announced, newest first."),
            *((s.title, s.index, f"The {s.title.lower()} section.") for s in layout.sections),
        ]
        filler = Filler("index")
        intro = (
            f"{{fact}}`company.name` is a made-up company set up in {{fact}}`company.city` in "
            f"{{fact}}`company.founded`. Its lead asset SX1 is at the "
            f"{{fact}}`SX1.stage` stage. This site has {layout.pages} synthetic pages."
        )
        self.write(
            "index",
            "\n\n".join(
                [
                    front_matter(summary="The front page of the synthetic knowledge base."),
                    "# Synthetic Knowledge Base",
                    wrap(intro),
                    filler.paragraph(3),
                    grid(cards),
                    toctree(["onboarding", "glossary"], ":hidden:", ":caption: Start here"),
                    toctree(
                        [
                            "company/index",
                            "pipeline/index",
                            "platforms/index",
                            "news/index",
                        ],
                        ":hidden:",
                        ":caption: The company",
                    ),
                    toctree(sections, ":hidden:", ":caption: Sections"),
                ]
            ),
        )

    def onboarding(self) -> None:
        terms = ", ".join(term_link(term) for term in TERMS)
        self.write(
            "onboarding",
            "\n\n".join(
                [
                    front_matter(summary="A reading path for the first week."),
                    "# Start here",
                    wrap(f"Along this path you will meet these words: {terms}."),
                    "```{reading-path}\n" + "\n".join(self.layout.reading_path) + "\n```",
                ]
            ),
        )

    def glossary(self) -> None:
        entries = []
        for term in TERMS:
            filler = Filler(f"glossary-{term}")
            entries.append(f"{term}\n  A synthetic term. {' '.join(filler.sentences(2))}")
        self.write(
            "glossary",
            "\n\n".join(
                [
                    front_matter(summary="The synthetic words used on this site."),
                    "# Glossary",
                    "Every word here is invented for the benchmark.",
                    "```{glossary}\n" + "\n\n".join(entries) + "\n```",
                ]
            ),
        )

    def company(self) -> None:
        text = (
            "{fact}`company.name` was founded in {fact}`company.founded` in "
            "{fact}`company.city` and has raised {fact}`company.financing`. Its headcount is "
            "{fact}`company.headcount`. It runs {fact}`platforms.count` research platforms."
        )
        self.write(
            "company/index",
            "\n\n".join(
                [
                    front_matter(summary="Who the synthetic company is."),
                    "# Company",
                    wrap(text),
                    Filler("company").paragraph(4),
                    toctree(["timeline", "sources"], ":maxdepth: 1"),
                ]
            ),
        )
        self.write(
            "company/timeline",
            "\n\n".join(
                [
                    front_matter(summary="The synthetic company's milestones."),
                    "# Milestones",
                    "```{milestones}\n```",
                ]
            ),
        )
        self.write(
            "company/sources",
            "\n\n".join(
                [
                    front_matter(summary="Where the synthetic facts come from."),
                    "# Sources",
                    "```{source-list}\n```",
                ]
            ),
        )

    def pipeline(self) -> None:
        layout = self.layout
        entries = [relative(group.index) for group in layout.asset_groups]
        self.write(
            "pipeline/index",
            "\n\n".join(
                [
                    front_matter(summary="Every synthetic asset and its stage."),
                    "# Pipeline",
                    Filler("pipeline").paragraph(3),
                    "```{pipeline-chart}\n:caption: Synthetic pipeline\n```",
                    toctree(
                        entries or [relative(p) for p in layout.asset_pages.values()],
                        ":maxdepth: 1",
                    ),
                ]
            ),
        )
        for group in layout.asset_groups:
            self.asset_group(group)
        for number, code in enumerate(layout.assets):
            self.asset_page(number, code)

    def asset_group(self, group: Folder) -> None:
        self.write(
            group.index,
            "\n\n".join(
                [
                    front_matter(summary=f"{group.title}, each a synthetic asset."),
                    f"# {group.title}",
                    Filler(group.slug).paragraph(2),
                    toctree([relative(page) for page in group.pages], ":maxdepth: 1"),
                ]
            ),
        )

    def asset_page(self, number: int, code: str) -> None:
        filler = Filler(code)
        term = TERMS[number % len(TERMS)]
        extra = [
            f"It is a {{fact}}`{code}.modality` at the {{fact}}`{code}.stage` stage.",
            f"Its team studies {term_link(term)} closely.",
        ]
        self.write(
            self.layout.asset_pages[code],
            "\n\n".join(
                [
                    front_matter(summary=f"{code}, a synthetic asset."),
                    f"# {code}",
                    f"```{{asset-summary}} {code}\n```",
                    "## About",
                    filler.paragraph(5, extra),
                    "## News",
                    f"```{{news-list}}\n:asset: {code}\n```",
                ]
            ),
        )

    def platforms(self) -> None:
        self.write(
            "platforms/index",
            "\n\n".join(
                [
                    front_matter(summary="The synthetic research groups."),
                    "# Platforms",
                    Filler("platforms").paragraph(3),
                    toctree(["alpha-lab", "beta-lab"], ":maxdepth: 1"),
                ]
            ),
        )
        for number, (slug, name) in enumerate(
            (("alpha-lab", "Alpha lab"), ("beta-lab", "Beta lab"))
        ):
            self.write(
                f"platforms/{slug}",
                "\n\n".join(
                    [
                        front_matter(summary=f"{name}, a synthetic research group."),
                        f"# {name}",
                        Filler(slug).paragraph(6, [f"It works on {term_link(TERMS[number])}."]),
                        table(Filler(slug + "-table")),
                    ]
                ),
            )

    def news(self) -> None:
        layout = self.layout
        years = [relative(folder.index) for folder in reversed(layout.news_folders)]
        self.write(
            "news/index",
            "\n\n".join(
                [
                    front_matter(summary="Synthetic news, newest first."),
                    "# News",
                    "```{news-list}\n:feed:\n```",
                    "## Research news",
                    "```{news-list}\n:tag: research\n:limit: 5\n```",
                    toctree(years, ":hidden:"),
                ]
            ),
        )
        for folder in in_trees(layout.news_folders):
            self.news_folder(folder)
        for number, docname in enumerate(layout.news):
            self.news_item(number, docname)

    def news_folder(self, folder: Folder) -> None:
        """A year's (or quarter's) index: its items and sub-folders, newest first."""
        entries = [relative(sub.index) for sub in reversed(folder.subfolders)]
        entries += [relative(page) for page in reversed(folder.pages)]
        self.write(
            folder.index,
            "\n\n".join(
                [
                    front_matter(summary=f"{folder.title}, newest first."),
                    f"# {folder.title}",
                    toctree(entries, ":maxdepth: 1"),
                ]
            ),
        )

    def news_item(self, number: int, docname: str) -> None:
        layout = self.layout
        filler = Filler(docname)
        code = layout.assets[number % len(layout.assets)]
        day = news_day(number, len(layout.news))
        fields: dict[str, str | list[str]] = {}
        if number == len(layout.news) - 1 and number > 0:
            fields |= {"date": "not stated", "date_note": "The item carries no date."}
        elif number % 7 == 3:
            fields["date"] = day.strftime("%Y-%m")
        else:
            fields["date"] = day.isoformat()
        fields["summary"] = f"{code} {filler.pick(NOUNS)} {filler.pick(VERBS)} the team."
        fields["tags"] = ["research"] if number % 3 else ["research", "company"]
        if number % 5 != 4 or number < len(layout.assets):
            fields["assets"] = [code]
        term = TERMS[(number * 7) % len(TERMS)]
        extra = [
            f"{code} is at the {{fact}}`{code}.stage` stage.",
            f"The item mentions {term_link(term)}.",
        ]
        self.write(
            docname,
            "\n\n".join(
                [
                    front_matter(**fields),
                    f"# {self.titles[docname]}",
                    filler.paragraph(4, extra),
                    filler.paragraph(3),
                ]
            ),
        )

    def section(self, section: Folder) -> None:
        filler = Filler(section.index)
        entries = [relative(page) for page in section.pages]
        entries += [relative(sub.index) for sub in section.subfolders]
        cards = [(self.titles[p], p, "A page in this section.") for p in section.pages[:3]]
        parts = [
            front_matter(summary=f"{section.title}, a part of the synthetic site."),
            f"# {section.title}",
            filler.paragraph(4),
        ]
        if cards:
            parts.append(grid(cards))
        parts.append(toctree(entries, ":maxdepth: 2"))
        self.write(section.index, "\n\n".join(parts))
        for number, docname in enumerate(section.pages):
            siblings = section.pages[number + 1 : number + 4] or section.pages[:3]
            self.ordinary_page(docname, [s for s in siblings if s != docname] or [section.index])
        for sub in section.subfolders:
            self.section(sub)

    def ordinary_page(self, docname: str, related: list[str]) -> None:
        filler = Filler(docname)
        terms = filler.random.sample(TERMS, 3)
        code = filler.pick(self.layout.assets)
        first = [
            f"This page belongs to {{fact}}`company.name` and covers {term_link(terms[0])}.",
            f"The work relates to {code}, a {{fact}}`{code}.modality`.",
        ]
        second = [f"A second thread covers {term_link(terms[1])} in depth."]
        third = [
            f"The last thread is {term_link(terms[2])}, at the {{fact}}`{code}.stage` stage.",
            f"Notes on {terms[0]} are kept with the rest.",
        ]
        cards = [
            (self.titles.get(page, "Section overview"), page, filler.sentence()) for page in related
        ]
        parts = [
            front_matter(summary=filler.sentence()),
            f"# {self.titles[docname]}",
            filler.paragraph(4, first),
            "## Overview",
            filler.paragraph(5, second),
            grid(cards),
            "## Details",
            table(filler),
            filler.paragraph(4, third),
        ]
        number = int(docname.rpartition("-")[2])
        if number % 5 == 0:
            parts += [
                "## Quoted",
                "{.kb-quotation}\n> " + filler.sentence(),
                f"Owner\n: {filler.pick(PEOPLE)}\n\nReview\n: {filler.pick(STATUSES)}",
            ]
        parts.append(filler.paragraph(4))
        self.write(docname, "\n\n".join(parts))


def generate(target: Path, pages: int, chinese: bool = False) -> None:
    """Write a synthetic knowledge base of `pages` pages into `target` (created if missing),
    with its Chinese edition (catalogs and renderings, benchmarks/chinese.py) if asked."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    SiteWriter(target, plan(pages)).run()
    if chinese:
        from chinese import write_chinese_edition  # it reads this module's word lists

        write_chinese_edition(target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="the folder to write the site into")
    parser.add_argument("pages", type=int, help=f"how many pages (at least {MIN_PAGES})")
    parser.add_argument(
        "--chinese",
        action="store_true",
        help="also write the Chinese edition: catalogs in locale/zh_CN and the renderings "
        "(build it with -D language=zh_CN)",
    )
    args = parser.parse_args(argv)
    generate(args.target, args.pages, args.chinese)
    print(f"wrote {args.pages} pages into {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
