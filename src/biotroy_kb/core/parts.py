"""The two parts of the site: the reader's site and the maintainers' handbook.

The handbook (every page under `kb_maintainers_dir`) is built, checked and translated like any
page, but it stands apart: it is outside the reading path, the readers' Next/Previous chain and
their default search, and last in the sidebar.
"""

from __future__ import annotations

from sphinx.config import Config


def handbook_folder(config: Config) -> str:
    return str(config.kb_maintainers_dir).strip("/")


def in_handbook(config: Config, docname: str) -> bool:
    """Whether a page belongs to the maintainers' handbook (its index page included)."""
    return docname.startswith(f"{handbook_folder(config)}/")


def handbook_part(config: Config) -> str:
    """The part of the site search calls the handbook: its top folder."""
    return handbook_folder(config).split("/", 1)[0]
