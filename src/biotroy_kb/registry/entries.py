"""The registry as pages see it: each fact under its key with the text shown and where it is
written, the timeline's entries, and the `Registry` that holds them all."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from .dates import PartialDate
from .fields import Audience, FactStatus
from .files import Asset, Platform, RegulatoryEvent, RepetitionRule, Rule, Source, Tag
from .problems import display_path


@dataclass(frozen=True)
class Origin:
    """Where in the registry something is written."""

    path: Path
    line: int

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}"


@dataclass(frozen=True)
class FactEntry:
    """A fact as pages see it: its key, the text shown, and where it comes from."""

    key: str
    text: str
    source: Source
    status: FactStatus
    note: str | None
    audience: Audience
    origin: Origin
    date: PartialDate | None = None
    owner: str | None = None
    #: the asset the fact is about, if any
    asset: str | None = None
    #: what kind of value it is, shared by every asset's value of that kind, e.g.
    #: "ind-clearance by FDA: date"; None for a fact that has no counterpart elsewhere
    kind: str | None = None

    @property
    def is_confirmed(self) -> bool:
        return self.status == "confirmed"


@dataclass(frozen=True)
class TimelineEntry:
    date: PartialDate
    title: str
    source: Source
    link: str | None
    asset: str | None = None
    note: str | None = None
    audience: Audience = "internal"
    #: set for an asset's regulatory event: the timeline words it in the reader's language
    event: RegulatoryEvent | None = None
    #: a company milestone's title as written, `{fact.key}` placeholders unfilled
    template: str | None = None


@dataclass
class Registry:
    """Everything in `docs/_data/`, validated and cross-checked."""

    sources: dict[str, Source]
    facts: dict[str, FactEntry]
    stages: list[str]
    assets: dict[str, Asset]
    platforms: list[Platform]
    milestones: list[TimelineEntry]
    tags: dict[str, Tag]
    rules: list[Rule]
    files: list[Path] = field(default_factory=list)
    #: how long a sentence must be, and on how many pages, to count as said too often
    repetition: RepetitionRule = field(default_factory=RepetitionRule)
    #: where each asset's and platform's page is named, for reports about the page
    page_origins: dict[str, Origin] = field(default_factory=dict)

    def fact(self, key: str) -> FactEntry:
        return self.facts[key]

    def nearest_fact_keys(self, key: str, count: int = 3) -> list[str]:
        return difflib.get_close_matches(key, list(self.facts), n=count, cutoff=0.4)

    def stage_index(self, stage: str) -> int:
        return self.stages.index(stage)

    def source_of(self, source_id: str) -> Source:
        return self.sources[source_id]
