"""The registry's files as pydantic models: one model per YAML file in `docs/_data/`, and the
records they hold (sources, facts, assets and their regulatory events, platforms, milestones,
tags, rules). A model says what a file may hold; `loader.py` checks what the files say of
each other. `make schema` exports them as JSON Schema for editors."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from .events import EventKindName
from .fields import INTERNAL, Audience, DateField, Docname, FactStatus, Slug, StrictModel


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
    audience: Audience = INTERNAL


class Fact(StrictModel):
    """One fact: a value (or a date) and the source it comes from."""

    value: str | None = None
    date: DateField | None = None
    source: Slug
    status: FactStatus = "confirmed"
    note: str | None = None
    owner: str | None = Field(default=None, description="The team or role that confirms it")
    audience: Audience = INTERNAL

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
    kind: EventKindName
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
    audience: Audience = INTERNAL


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
    events: list[RegulatoryEvent] = []  # noqa: RUF012 - pydantic copies a default per model
    audience: Audience = INTERNAL


class Platform(StrictModel):
    """A research platform the company runs."""

    id: Slug
    name: str
    discipline: str
    page: Docname
    source: Slug
    audience: Audience = INTERNAL


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
    audience: Audience = INTERNAL

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


class RepetitionRule(StrictModel):
    """Each thing said once: a sentence at least this long, on more pages than `max_pages`,
    fails the check. Length counts words, or, in a language written without spaces between
    words (Chinese), characters."""

    min_words: Annotated[int, Field(ge=1)] = 10
    min_characters: Annotated[int, Field(ge=1, description="In Chinese: characters, not words")] = (
        20
    )
    max_pages: Annotated[int, Field(ge=1)] = 2


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
    repetition: RepetitionRule = RepetitionRule()


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


def json_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each registry file, for editors' autocompletion."""
    return {name: model.model_json_schema() for name, model in DATA_FILES.items()}
