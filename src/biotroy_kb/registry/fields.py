"""The kinds of value registry files and front matter hold, each defined once: dates at their
own precision, slugs, page names, and who may read something (the audience vocabulary)."""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, WithJsonSchema

from .dates import PartialDate, PartialDateError

#: Who may read a page, a fact or an event: internal readers only, or everyone.
Audience = Literal["internal", "public"]
AUDIENCES: tuple[str, ...] = get_args(Audience)
INTERNAL, PUBLIC = AUDIENCES
FactStatus = Literal["confirmed", "not stated", "unconfirmed"]


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


class StrictModel(BaseModel):
    """A model that refuses unknown fields (a misspelt key is an error, never ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
