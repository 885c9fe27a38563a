"""Loading the knowledge registry: every fact the site states, from `docs/_data/*.yaml`.

Each file is validated by its model (`files.py`); then the references between files are
checked (a fact's source, an asset's stage, a rule's fact) and the flat index of facts pages
refer to is built (`entries.py`). Every error found is reported, each naming the file, the
line and the field in one sentence; any error stops the build: a site with a wrong fact must
not be published.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .dates import NOT_STATED, PartialDate
from .entries import FactEntry, Origin, Registry, TimelineEntry
from .events import EVENT_KINDS
from .files import (
    DATA_FILES,
    Asset,
    Milestone,
    PipelineFile,
    Platform,
    RegulatoryEvent,
    Rule,
    Source,
)
from .formatting import number_word
from .problems import Problem, RegistryError
from .validation import format_location, validation_problems
from .yamlsource import YamlDocument, YamlSourceError, load_yaml_file


def load_registry(data_dir: Path) -> Registry:
    """Load and validate every registry file in `data_dir`; raise `RegistryError` listing every
    problem found, each naming the file, line and field."""
    documents: dict[str, YamlDocument] = {}
    models: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, model in DATA_FILES.items():
        path = data_dir / name
        if not path.is_file():
            problems.append(Problem(path, None, f"missing registry file {name}"))
            continue
        try:
            documents[name] = load_yaml_file(path)
        except YamlSourceError as error:
            problems.extend(Problem(path, line, message) for line, message in error.problems)
            continue
        found = validation_problems(documents[name], model)
        if found:
            problems.extend(Problem(path, line, message) for line, message in found)
        else:
            models[name] = model.model_validate(documents[name].data)
    if problems:
        raise RegistryError(problems)
    return _RegistryBuilder(documents, models).build()


class _RegistryBuilder:
    """Cross-checks between files, and the flat index of facts pages refer to."""

    def __init__(self, documents: dict[str, YamlDocument], models: dict[str, Any]) -> None:
        self.documents = documents
        self.models = models
        self.sources: dict[str, Source] = {}
        self.facts: dict[str, FactEntry] = {}
        self.problems: list[Problem] = []

    def fail(self, file: str, location: tuple[str | int, ...], message: str) -> None:
        """Note a problem and go on, so that one build reports every problem."""
        document = self.documents[file]
        where = format_location(location)
        self.problems.append(
            Problem(document.path, document.line_of(location), f"{where}: {message}")
        )

    def build(self) -> Registry:
        self._collect_sources()
        self._collect_company_facts()
        pipeline: PipelineFile = self.models["pipeline.yaml"]
        assets = self._collect_assets(pipeline)
        platforms = self._collect_platforms()
        tags = self._unique("tags.yaml", "tags", self.models["tags.yaml"].tags, "id")
        rules = self._check_rules()
        milestones = self._timeline(assets)
        files = [doc.path for doc in self.documents.values()]
        if self.problems:
            order = {doc.path: index for index, doc in enumerate(self.documents.values())}
            self.problems.sort(key=lambda problem: (order[problem.path], problem.line or 0))
            raise RegistryError(self.problems)
        return Registry(
            sources=self.sources,
            facts=self.facts,
            stages=list(pipeline.stages),
            assets=assets,
            platforms=platforms,
            milestones=milestones,
            tags=tags,
            rules=rules,
            files=files,
            repetition=self.models["rules.yaml"].repetition,
            page_origins=self._page_origins(),
        )

    def _page_origins(self) -> dict[str, Origin]:
        origins = {}
        for file, key in (("pipeline.yaml", "assets"), ("platforms.yaml", "platforms")):
            for index, item in enumerate(getattr(self.models[file], key)):
                origins[item.page] = self._origin(file, (key, index, "page"))
        return origins

    def _unique(self, file: str, key: str, items: list[Any], attr: str) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for index, item in enumerate(items):
            name = getattr(item, attr)
            if name in seen:
                self.fail(file, (key, index, attr), f"duplicate {attr} {name!r}")
            seen.setdefault(name, item)
        return seen

    def _source(self, file: str, location: tuple[str | int, ...], source_id: str) -> Source:
        if source_id not in self.sources:
            known = ", ".join(sorted(self.sources))
            self.fail(file, location, f"unknown source {source_id!r} (known: {known})")
        return self._known_source(source_id)

    def _known_source(self, source_id: str) -> Source:
        """The source, or a stand-in for one already reported unknown (the build then stops)."""
        return self.sources.get(source_id, _UNKNOWN_SOURCE)

    def _origin(self, file: str, location: tuple[str | int, ...]) -> Origin:
        document = self.documents[file]
        return Origin(document.path, document.line_of(location))

    def _add_fact(self, entry: FactEntry, file: str, location: tuple[str | int, ...]) -> None:
        if entry.key in self.facts:
            self.fail(file, location, f"fact key {entry.key!r} is defined twice")
        self.facts.setdefault(entry.key, entry)

    def _collect_sources(self) -> None:
        sources = self.models["sources.yaml"].sources
        self.sources = self._unique("sources.yaml", "sources", sources, "id")

    def _collect_company_facts(self) -> None:
        for key, fact in self.models["facts.yaml"].facts.items():
            location = ("facts", key)
            source = self._source("facts.yaml", (*location, "source"), fact.source)
            text = fact.value if fact.value is not None else _date_text(fact.date)
            text = text or NOT_STATED
            entry = FactEntry(
                key=key,
                text=text,
                source=source,
                status=fact.status,
                note=fact.note,
                audience=fact.audience,
                origin=self._origin("facts.yaml", location),
                date=fact.date,
                owner=fact.owner,
            )
            self._add_fact(entry, "facts.yaml", location)

    def _collect_assets(self, pipeline: PipelineFile) -> dict[str, Asset]:
        assets = self._unique("pipeline.yaml", "assets", pipeline.assets, "code")
        for index, asset in enumerate(pipeline.assets):
            where = ("assets", index)
            if asset.stage not in pipeline.stages:
                stages = " → ".join(pipeline.stages)
                self.fail(
                    "pipeline.yaml", (*where, "stage"), f"unknown stage {asset.stage!r} ({stages})"
                )
            self._source("pipeline.yaml", (*where, "source"), asset.source)
            self._asset_facts(asset, where)
        return assets

    def _asset_facts(self, asset: Asset, where: tuple[str | int, ...]) -> None:
        plain = {
            "modality": (asset.modality, "modality"),
            "target": (asset.target, "target"),
            "indication": ("; ".join(asset.indications), "indications"),
            "stage": (asset.stage, "stage"),
        }
        source = self._known_source(asset.source)
        for name, (text, field_name) in plain.items():
            entry = FactEntry(
                key=f"{asset.code}.{name}",
                text=text,
                source=source,
                status="confirmed",
                note=asset.target_note if name == "target" else None,
                audience=asset.audience,
                origin=self._origin("pipeline.yaml", (*where, field_name)),
                asset=asset.code,
            )
            self._add_fact(entry, "pipeline.yaml", (*where, name))
        self._unique("pipeline.yaml", "events", asset.events, "id")
        for index, event in enumerate(asset.events):
            self._event_facts(asset, event, (*where, "events", index))

    def _event_facts(
        self, asset: Asset, event: RegulatoryEvent, where: tuple[str | int, ...]
    ) -> None:
        source = self._source("pipeline.yaml", (*where, "source"), event.source)
        date_source = self._source(
            "pipeline.yaml", (*where, "date_source"), event.date_source or event.source
        )
        values: dict[str, tuple[str | None, PartialDate | None]] = {
            "date": (_date_text(event.date), event.date),
            "agency": (event.agency, None),
            "identifier": (event.identifier, None),
        }
        for name, (text, date) in values.items():
            if text is None:
                continue
            stated = date is None or date.is_stated
            entry = FactEntry(
                key=f"{asset.code}.{event.id}.{name}",
                text=text,
                source=date_source if name == "date" else source,
                status="confirmed" if stated else "not stated",
                note=event.date_note if name == "date" else None,
                audience=event.audience,
                origin=self._origin("pipeline.yaml", (*where, name)),
                date=date,
                owner=event.owner,
                asset=asset.code,
                kind=f"{event.kind} by {event.agency}: {name}",
            )
            self._add_fact(entry, "pipeline.yaml", (*where, name))

    def _collect_platforms(self) -> list[Platform]:
        platforms: list[Platform] = self.models["platforms.yaml"].platforms
        self._unique("platforms.yaml", "platforms", platforms, "id")
        for index, platform in enumerate(platforms):
            self._source("platforms.yaml", ("platforms", index, "source"), platform.source)
        if platforms:
            first = platforms[0]
            entry = FactEntry(
                key="platforms.count",
                text=number_word(len(platforms)),
                source=self._known_source(first.source),
                status="confirmed",
                note="Counted from the platforms in platforms.yaml.",
                audience=first.audience,
                origin=self._origin("platforms.yaml", ("platforms",)),
            )
            self._add_fact(entry, "platforms.yaml", ("platforms",))
        return platforms

    def _check_rules(self) -> list[Rule]:
        rules: list[Rule] = self.models["rules.yaml"].rules
        self._unique("rules.yaml", "rules", rules, "id")
        for index, rule in enumerate(rules):
            if rule.fact not in self.facts:
                self.fail(
                    "rules.yaml", ("rules", index, "fact"), _unknown_fact(rule.fact, self.facts)
                )
        return rules

    def _timeline(self, assets: dict[str, Asset]) -> list[TimelineEntry]:
        entries = list(self._company_milestones())
        for asset in assets.values():
            for event in asset.events:
                decision = EVENT_KINDS[event.kind].in_english(event.agency)
                title = f"{asset.code}: {decision} ({event.region})"
                entries.append(
                    TimelineEntry(
                        date=event.date,
                        title=title,
                        event=event,
                        source=self._known_source(event.source),
                        link=event.news or asset.page,
                        asset=asset.code,
                        note=event.date_note,
                        audience=event.audience,
                    )
                )
        return sorted(entries, key=lambda entry: entry.date.sort_key())

    def _company_milestones(self) -> Iterator[TimelineEntry]:
        for index, milestone in enumerate(self.models["milestones.yaml"].milestones):
            where = ("milestones", index)
            source = self._source("milestones.yaml", (*where, "source"), milestone.source)
            yield TimelineEntry(
                date=self._milestone_date(milestone, where),
                title=self._fill_placeholders(milestone.title, (*where, "title")),
                template=milestone.title,
                source=source,
                link=milestone.link,
                note=milestone.note,
                audience=milestone.audience,
            )

    def _milestone_date(self, milestone: Milestone, where: tuple[str | int, ...]) -> PartialDate:
        if milestone.date is not None:
            return milestone.date
        key = milestone.date_fact or ""
        fact = self.facts.get(key)
        if fact is None or fact.date is None:
            self.fail(
                "milestones.yaml",
                (*where, "date_fact"),
                _unknown_fact(key, self.facts, "dated fact"),
            )
            return PartialDate()
        return fact.date

    def _fill_placeholders(self, text: str, where: tuple[str | int, ...]) -> str:
        def replace(match: re.Match[str]) -> str:
            key = match.group(1)
            if key not in self.facts:
                self.fail("milestones.yaml", where, _unknown_fact(key, self.facts))
                return match.group(0)
            return self.facts[key].text

        return re.sub(r"\{([A-Za-z0-9_.-]+)\}", replace, text)


_UNKNOWN_SOURCE = Source(
    id="unknown",
    title="unknown source",
    publisher="",
    kind="",
    date=PartialDate(),
    file="",
    description="",
)


def _date_text(date: PartialDate | None) -> str:
    return date.display() if date is not None else ""


def _unknown_fact(key: str, facts: dict[str, FactEntry], what: str = "fact key") -> str:
    near = difflib.get_close_matches(key, list(facts), n=3, cutoff=0.4)
    hint = f" (nearest: {', '.join(near)})" if near else ""
    return f"unknown {what} {key!r}{hint}"
