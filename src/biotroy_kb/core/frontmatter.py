"""A page's front matter: one model, read with line numbers, parsed once per page and kept on
the build environment, where every part of the extension reads it.

Every page may say who may read it (`audience`), which team owns it (`owner`), when it is due
for review (`review_by`) and what it is about in one sentence (`summary`); a news item also says
when (`date`), which `tags` and which `assets` (`NewsFrontMatter`, read by every part of the
news as MkDocs Material's blog reads its `PostConfig`). A mistyped key or value is a located
warning naming the field and what is allowed, never dropped; the page is then treated with the
safe defaults (internal, no owner, no review date).

Pages the edition leaves out of the build (internal pages of the public edition) are never
read by Sphinx, yet the edition and the leak check must know their audience: for them
`front_matter_of_file` reads the same model from disk, once per file version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..registry.fields import INTERNAL, Audience, DateField
from ..registry.problems import Problem
from ..registry.validation import validation_problems
from ..registry.yamlsource import YamlDocument, YamlSourceError, parse_yaml, read_text

#: The fields other pages show to readers (the reading path, the news list and feed): each is
#: one of its page's messages, translated with the page (`editions/translated_front_matter.py`).
SHOWN_TO_READERS = ("summary",)


class PageFrontMatter(BaseModel):
    """What any page's front matter may say."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    audience: Audience = INTERNAL
    owner: str | None = None
    review_by: DateField | None = None
    summary: str | None = None
    # read by Sphinx and MyST themselves
    orphan: Any = None
    nocomments: Any = None
    nosearch: Any = None
    tocdepth: int | None = None
    myst: dict[str, Any] | None = None
    html_meta: dict[str, Any] | None = None


class NewsFrontMatter(PageFrontMatter):
    """A news item's front matter: when, what, which tags and which assets."""

    date: DateField
    date_note: str | None = None
    summary: Annotated[str, Field(min_length=1)]
    tags: Annotated[list[str], Field(min_length=1)]
    assets: list[str] = []

    @model_validator(mode="after")
    def _undated_needs_note(self) -> NewsFrontMatter:
        if not self.date.is_stated and not self.date_note:
            raise ValueError("a news item whose date is 'not stated' needs a date_note")
        return self


@dataclass(frozen=True)
class FrontMatter:
    """A page's front matter as read: the validated model (or `None` when it has problems),
    the YAML with its lines (for reports about single values), and every problem found."""

    model: PageFrontMatter | None
    document: YamlDocument | None = None
    problems: tuple[Problem, ...] = ()

    @property
    def page(self) -> PageFrontMatter:
        """What the page says, or the safe defaults when what it says is wrong."""
        return self.model if self.model is not None else PageFrontMatter()

    @property
    def data(self) -> Mapping[str, Any]:
        """The raw mapping, for checks that read values even when another field is wrong."""
        data = self.document.data if self.document is not None else None
        return data if isinstance(data, dict) else {}


def parse_front_matter(path: Path, news: bool = False) -> FrontMatter:
    """Read the front matter block of the Markdown file `path` and validate it by the page
    model (or the news model): every problem is located at its line of the file."""
    model = NewsFrontMatter if news else PageFrontMatter
    try:
        document = _front_matter_block(path)
    except YamlSourceError as error:
        return FrontMatter(None, None, tuple(Problem(path, ln, m) for ln, m in error.problems))
    if document is None:
        if news:
            missing = "a news item needs front matter (date, summary, tags, assets)"
            return FrontMatter(None, None, (Problem(path, 1, missing),))
        return FrontMatter(PageFrontMatter())
    found = validation_problems(document, model, whole="front matter")
    if found:
        return FrontMatter(None, document, tuple(Problem(path, ln, m) for ln, m in found))
    return FrontMatter(model.model_validate(document.data), document)


def _front_matter_block(path: Path) -> YamlDocument | None:
    text = read_text(path)
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 4)
    if end < 0:
        return None
    return parse_yaml(text[4 : end + 1], path, first_line=2)


def front_matter_of_file(path: Path, news: bool = False) -> FrontMatter:
    """`parse_front_matter`, once per version of the file (for pages Sphinx does not read)."""
    stat = path.stat()
    return _cached(path, stat.st_mtime_ns, stat.st_size, news)


@lru_cache(maxsize=4096)
def _cached(path: Path, mtime_ns: int, size: int, news: bool) -> FrontMatter:
    return parse_front_matter(path, news)
