"""MyST-Parser internals: what MyST makes again for every text it parses, made once per build.

For every text it parses (each page, and in a translated build each translated message, which
Sphinx's i18n transform publishes through the page's parser) MyST makes two things that do not
change within a build:

- a scratch document whose default docutils settings come from a fresh option parser
  (`make_document`, called by `setup_render` even when the page's own document is passed and
  the scratch one is thrown away). The defaults are made once per set of components; each
  document gets a shallow copy with a dependency list of its own, which is all a fresh one
  differs in (`frontend.Values.copy`).
- a markdown-it parser with every plugin (`create_md_parser`). One is kept per configuration
  and renderer and reused: every render starts by resetting the renderer's state
  (`setup_render`). Configurations are compared by value (a page's front matter makes a copy
  of the project's), through their repr, which is computed once for each configuration object
  in a row: a Chinese page hands the same one for each of its messages.

Written against `myst_parser.mdit_to_docutils.base.get_default_settings` and
`myst_parser.parsers.sphinx_.create_md_parser` of the releases below; on another release MyST
keeps its own behaviour.

Also: MyST prints its whole configuration (`myst v5.2.0: MdParserConfig(...)`, 1,500 characters)
on every build, where a reader of the build's output looks for what went wrong. That one line
is dropped from MyST's logger (`myst_parser.sphinx_ext.main`); its warnings and errors stay.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache
from typing import Any

from docutils import frontend, utils
from sphinx.application import Sphinx
from sphinx.config import Config

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
    settings = _defaults(*components).copy()
    settings.record_dependencies = utils.DependencyList()
    return settings


def reusing_parsers(create: Callable[..., Any]) -> Callable[..., Any]:
    """`create_md_parser`, returning the parser it made before for an equal configuration and
    the same renderer."""
    made: dict[tuple[str, Any], Any] = {}
    last: list[Any] = [None, ""]  # the configuration object seen last, and its repr

    def create_md_parser(config: Any, renderer: Any) -> Any:
        if config is not last[0]:
            last[:] = [config, repr(config)]
        key = (last[1], renderer)
        if key not in made:
            made[key] = create(config, renderer)
        return made[key]

    return create_md_parser


def make_parsing_cheaper(app: Sphinx, config: Config) -> None:
    """Only where MyST still works this way."""
    if not supported():
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
    app.connect("config-inited", make_parsing_cheaper)
