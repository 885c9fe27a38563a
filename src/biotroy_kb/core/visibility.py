"""The one rule of what an edition may show. The internal edition shows everything; the public
edition shows only what is marked public. Every directive, the check and the leak scan ask
here, so a new dimension (a language, say) changes one function. The audiences themselves are
named once, with the registry's fields (`registry/fields.py`)."""

from __future__ import annotations

from sphinx.config import Config

from ..registry.fields import AUDIENCES, INTERNAL, PUBLIC

__all__ = ["EDITIONS", "INTERNAL", "PUBLIC", "is_public", "is_public_edition", "visible"]

#: An edition is named for the audience it is built for.
EDITIONS = AUDIENCES


def is_public_edition(config: Config) -> bool:
    return config.kb_edition == PUBLIC


def is_public(audience: str) -> bool:
    """Whether something meant for `audience` may appear in the public edition."""
    return audience == PUBLIC


def visible(config: Config, audience: str) -> bool:
    """Whether something meant for `audience` may appear in the edition being built."""
    return not is_public_edition(config) or is_public(audience)
