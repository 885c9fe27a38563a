"""MyST-Parser internals: a translated build parses each message once, not once per parser.

Sphinx's i18n transform publishes every translated message through the page's parser. For each
of them MyST builds a scratch document whose default docutils settings come from a fresh option
parser, and a new markdown-it parser with every plugin: together most of the cost of a Chinese
build. Neither changes within a build, so each is made once per configuration: the settings are
copied for each scratch document, and the parser (whose state is reset by every render) is
reused. Written against `myst_parser.mdit_to_docutils.base.get_default_settings` and
`myst_parser.parsers.sphinx_.create_md_parser` of the releases below.

Also: MyST prints its whole configuration (`myst v5.2.0: MdParserConfig(...)`, 1,500 characters)
on every build, where a reader of the build's output looks for what went wrong. That one line
is dropped from MyST's logger (`myst_parser.sphinx_ext.main`); its warnings and errors stay.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from functools import cache
from typing import Any

from docutils import frontend
from sphinx.application import Sphinx
from sphinx.config import Config

from ..core.language import language_of
from . import installed_version

#: MyST-Parser major releases whose two functions this module wraps.
SUPPORTED_MAJOR = frozenset({4, 5})


def supported() -> bool:
    release = installed_version("myst-parser")
    return release is not None and release[0] in SUPPORTED_MAJOR


@cache
def _defaults(*components: Any) -> frontend.Values:
    return frontend.get_default_settings(*components)


def cached_default_settings(*components: Any) -> frontend.Values:
    return copy.deepcopy(_defaults(*components))


def reusing_parsers(create: Callable[..., Any]) -> Callable[..., Any]:
    """`create_md_parser`, returning the parser it made before for the same configuration and
    renderer (configurations compared by value, through their repr)."""
    made: dict[tuple[Any, Any], Any] = {}

    def create_md_parser(config: Any, renderer: Any) -> Any:
        key = (repr(config), renderer)
        if key not in made:
            made[key] = create(config, renderer)
        return made[key]

    return create_md_parser


def speed_up_translated_parsing(app: Sphinx, config: Config) -> None:
    """Only in a translated build, and only where MyST still works this way."""
    if language_of(config).is_source or not supported():
        return
    try:
        from myst_parser.mdit_to_docutils import base
        from myst_parser.parsers import sphinx_
    except ImportError:
        return
    if getattr(base, "get_default_settings", None) is frontend.get_default_settings:
        base.get_default_settings = cached_default_settings
    if not hasattr(sphinx_.create_md_parser, "__wrapped_by_kb__"):
        sphinx_.create_md_parser = reusing_parsers(sphinx_.create_md_parser)
        sphinx_.create_md_parser.__wrapped_by_kb__ = True


#: The logger MyST's Sphinx setup writes through (Sphinx prefixes each module's name).
MYST_LOGGER = "sphinx.myst_parser.sphinx_ext.main"


def is_settings_dump(record: logging.LogRecord) -> bool:
    args = record.args if isinstance(record.args, tuple) else ()
    return any(type(arg).__name__ == "MdParserConfig" for arg in args)


class NoSettingsDump(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not is_settings_dump(record)


def quiet_settings_dump() -> None:
    logger = logging.getLogger(MYST_LOGGER)
    if supported() and not any(isinstance(f, NoSettingsDump) for f in logger.filters):
        logger.addFilter(NoSettingsDump())


def setup_myst_parser_patches(app: Sphinx) -> None:
    quiet_settings_dump()
    app.connect("config-inited", speed_up_translated_parsing)
