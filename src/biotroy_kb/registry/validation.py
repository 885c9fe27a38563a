"""What is wrong with a YAML document that a model refuses, said for people: one sentence per
problem, at the line it is on, naming the field (`assets[0].events[1].date`). A misspelt field
is reported once, as a misspelling, with the nearest known name."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from .yamlsource import YamlDocument


def format_location(location: tuple[str | int, ...]) -> str:
    """('assets', 0, 'events', 1, 'date') -> 'assets[0].events[1].date'."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


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
        return explain_validation_errors(error, document, whole, list(model.model_fields))
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
    error: ValidationError,
    document: YamlDocument,
    whole: str = "the file",
    top_fields: list[str] | None = None,
) -> list[tuple[int, str]]:
    """The line and one sentence for each error, in file order. A misspelt field is reported
    once, as a misspelling, not again as the required field it leaves missing; an unknown
    top-level field (of `top_fields`) is told the fields allowed there."""
    errors = [_with_fields(e, top_fields or []) for e in error.errors()]
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


def _with_fields(error: Any, top_fields: list[str]) -> Any:
    """The error, with the fields allowed beside an unknown top-level field."""
    if error["type"] == "extra_forbidden" and len(error["loc"]) == 1:
        return {**error, "allowed": top_fields}
    return error


def _explain(error: Any, errors: list[Any]) -> str:
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        return f"unknown field ({_field_hint(error, errors)})"
    if error["type"] == "missing":
        return "required field is missing"
    return message[0].lower() + message[1:] if message else message


def _field_hint(error: Any, errors: list[Any]) -> str:
    """The missing field a misspelt one may mean; else the fields allowed at the top level;
    else where the schema is."""
    parent, name = tuple(error["loc"][:-1]), str(error["loc"][-1])
    missing = [
        str(e["loc"][-1])
        for e in errors
        if e["type"] == "missing" and tuple(e["loc"][:-1]) == parent
    ]
    allowed = error.get("allowed", [])
    near = difflib.get_close_matches(name, missing, n=1) or difflib.get_close_matches(
        name, allowed, n=1
    )
    if near:
        return f"did you mean {near[0]!r}?"
    if allowed:
        return "allowed: " + ", ".join(allowed)
    return "see the schema in docs/_data/schemas/"
