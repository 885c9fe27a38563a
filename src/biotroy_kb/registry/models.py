"""The knowledge registry: every fact the site states, loaded once from `docs/_data/*.yaml`.

Each YAML file has a pydantic model; the loader validates each file, then the references between
files (a fact's source, an asset's stage, a rule's fact). Every error found is reported, each
naming the file, the line and the field in one sentence; any error stops the build: a site with a
wrong fact must not be published.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

from .dates import NOT_STATED, PartialDate, PartialDateError
from .formatting import number_word
from .problems import Problem, RegistryError, display_path
from .yamlsource import YamlDocument, YamlSourceError, load_yaml_file

__all__ = ["Problem", "RegistryError", "display_path"]


def _parse_date(value: Any) -> PartialDate:
    try:
        return PartialDate.parse(value)
    except PartialDateError as error:
        raise ValueError(str(error)) from None


DateField = Annotated[
    PartialDate,
    PlainValidator(_parse_date),
    PlainSerializer(str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1900, "maximum": 2999},
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"const": "not stated"},
            ],
            "description": "A date at the precision the source gives: YYYY, YYYY-MM, "
            "YYYY-MM-DD, or 'not stated' (then give a note).",
        }
    ),
]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Docname = Annotated[str, Field(pattern=r"^[a-z0-9_/-]+$", description="A page, e.g. pipeline/bt02")]
Audience = Literal["internal", "public"]
FactStatus = Literal["confirmed", "not stated", "unconfirmed"]
EventKind = Literal["ind-clearance", "cta-acceptance", "cta-approval"]


#: The exact regulatory words for each kind of event: the FDA clears, the NMPA/CDE approves.
#: English; the directives show them in the reader's language through the message catalog.
EVENT_WORDS: dict[str, str] = {
    "ind-clearance": "IND cleared",
    "cta-acceptance": "Clinical trial application accepted for review",
    "cta-approval": "Clinical trial application approved",
}


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(StrictModel):
    """A document facts come from."""

    id: Slug
    title: str
    publisher: str
    kind: str = Field(description="e.g. press release, notes")
    date: DateField
    date_note: str | None = None
    file: str = Field(description="Where the document is kept, relative to the repository's parent")
    description: str
    audience: Audience = "internal"


class Fact(StrictModel):
    """One fact: a value (or a date) and the source it comes from."""

    value: str | None = None
    date: DateField | None = None
    source: Slug
    status: FactStatus = "confirmed"
    note: str | None = None
    owner: str | None = Field(default=None, description="The team or role that confirms it")
    audience: Audience = "internal"

    @model_validator(mode="after")
    def _value_or_date(self) -> Fact:
        if self.status == "not stated":
            if self.note is None:
                raise ValueError("a fact that is 'not stated' needs a note saying what is missing")
            return self
        if (self.value is None) == (self.date is None):
            raise ValueError("give exactly one of 'value' or 'date'")
        return self


class RegulatoryEvent(StrictModel):
    """A regulator's decision or step for one asset in one region."""

    id: Slug
    region: str
    agency: str
    kind: EventKind
    identifier: str | None = None
    identifier_kind: str | None = None
    date: DateField
    date_note: str | None = None
    date_source: Slug | None = Field(
        default=None, description="The source of the date, when it is not the event's source"
    )
    source: Slug
    news: Docname | None = None
    owner: str | None = Field(default=None, description="The team or role that confirms it")
    audience: Audience = "internal"


class Asset(StrictModel):
    """A drug candidate in the pipeline."""

    code: Annotated[str, Field(pattern=r"^[A-Z]{2,}[0-9]+[A-Z0-9-]*$")]
    page: Docname
    modality: str
    target: str = Field(description="The target's name, or 'undisclosed'")
    target_note: str | None = None
    indications: Annotated[list[str], Field(min_length=1)]
    stage: str
    summary: str
    source: Slug
    events: list[RegulatoryEvent] = []
    audience: Audience = "internal"


class Platform(StrictModel):
    """A research platform the company runs."""

    id: Slug
    name: str
    discipline: str
    page: Docname
    source: Slug
    audience: Audience = "internal"


class Milestone(StrictModel):
    """A company milestone that is not a regulatory event (those are added from the pipeline).

    `title` may hold `{fact.key}` placeholders, so that a fact is never retyped here.
    """

    title: str
    date: DateField | None = None
    date_fact: str | None = None
    note: str | None = None
    source: Slug
    link: Docname | None = None
    audience: Audience = "internal"

    @model_validator(mode="after")
    def _date_or_date_fact(self) -> Milestone:
        if (self.date is None) == (self.date_fact is None):
            raise ValueError("give exactly one of 'date' or 'date_fact'")
        return self


class Tag(StrictModel):
    id: Slug
    label: str
    description: str


class Rule(StrictModel):
    """A consistency rule: text matching `pattern` on any page must agree with `fact`."""

    id: Slug
    description: str
    pattern: str = Field(description="A regular expression whose first group is the stated value")
    fact: str
    compare: Literal["text", "number", "date"] = "text"

    @model_validator(mode="after")
    def _pattern_compiles(self) -> Rule:
        try:
            compiled = re.compile(self.pattern)
        except re.error as error:
            raise ValueError(f"pattern is not a valid regular expression ({error})") from None
        if compiled.groups < 1:
            raise ValueError("pattern needs one group, around the value the page states")
        return self


class SourcesFile(StrictModel):
    sources: list[Source]


class FactsFile(StrictModel):
    facts: dict[Annotated[str, Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")], Fact]


class PipelineFile(StrictModel):
    stages: Annotated[list[str], Field(min_length=1)]
    assets: list[Asset]


class PlatformsFile(StrictModel):
    platforms: list[Platform]


class MilestonesFile(StrictModel):
    milestones: list[Milestone]


class TagsFile(StrictModel):
    tags: list[Tag]


class RulesFile(StrictModel):
    rules: list[Rule]


#: Each registry file and the model that validates it.
DATA_FILES: dict[str, type[StrictModel]] = {
    "sources.yaml": SourcesFile,
    "facts.yaml": FactsFile,
    "pipeline.yaml": PipelineFile,
    "platforms.yaml": PlatformsFile,
    "milestones.yaml": MilestonesFile,
    "tags.yaml": TagsFile,
    "rules.yaml": RulesFile,
}


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


def format_location(location: tuple[str | int, ...]) -> str:
    """('assets', 0, 'events', 1, 'date') -> 'assets[0].events[1].date'."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


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


def validation_problems(
    document: YamlDocument, model: type[BaseModel], whole: str = "the file"
) -> list[tuple[int, str]]:
    """Every (line, message) that keeps `document` from matching `model`; none if it does."""
    top = _top_level_problem(document, model, whole)
    if top is not None:
        return [top]
    try:
        model.model_validate(document.data)
    except ValidationError as error:
        return explain_validation_errors(error, document, whole)
    return []


def _top_level_problem(
    document: YamlDocument, model: type[BaseModel], whole: str
) -> tuple[int, str] | None:
    if isinstance(document.data, dict):
        return None
    required = [name for name, info in model.model_fields.items() if info.is_required()]
    keys = ", ".join(repr(name) for name in required or model.model_fields)
    expected = f"expected a mapping with the keys {keys}"
    if document.data is None:
        return document.first_line, f"{whole} is empty; {expected}"
    found = type(document.data).__name__
    found = {"list": "a list", "str": "a text", "int": "a number", "float": "a number"}.get(
        found, found
    )
    return document.first_line, f"{whole}: {expected}, found {found}"


def explain_validation_errors(
    error: ValidationError, document: YamlDocument, whole: str = "the file"
) -> list[tuple[int, str]]:
    """The line and one sentence for each error, in file order. A misspelt field is reported
    once, as a misspelling, not again as the required field it leaves missing."""
    errors = error.errors()
    explained = {
        tuple(e["loc"]): _explain(e, errors) for e in errors if e["type"] == "extra_forbidden"
    }
    found: list[tuple[int, str]] = []
    seen: set[tuple[str | int, ...]] = set()
    for item in errors:
        location = tuple(item["loc"])
        if location in seen or _explained_by_misspelling(item, explained):
            continue
        seen.add(location)
        where = format_location(location) or whole
        found.append((document.line_of(location), f"{where}: {_explain(item, errors)}"))
    return sorted(found, key=lambda problem: problem[0])


def _explained_by_misspelling(error: Any, explained: dict[tuple[Any, ...], str]) -> bool:
    if error["type"] != "missing":
        return False
    parent, name = tuple(error["loc"][:-1]), repr(error["loc"][-1])
    return any(
        loc[:-1] == parent and f"did you mean {name}?" in message
        for loc, message in explained.items()
    )


def _explain(error: Any, errors: list[Any]) -> str:
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        parent = tuple(error["loc"][:-1])
        missing = [
            e["loc"][-1]
            for e in errors
            if e["type"] == "missing" and tuple(e["loc"][:-1]) == parent
        ]
        near = difflib.get_close_matches(str(error["loc"][-1]), [str(m) for m in missing], n=1)
        hint = f"did you mean {near[0]!r}?" if near else "see the schema in docs/_data/schemas/"
        return f"unknown field ({hint})"
    if error["type"] == "missing":
        return "required field is missing"
    return message[0].lower() + message[1:] if message else message


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
                words = EVENT_WORDS[event.kind]
                title = f"{asset.code}: {words} by the {event.agency} ({event.region})"
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


def json_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each registry file, for editors' autocompletion."""
    return {name: model.model_json_schema() for name, model in DATA_FILES.items()}
