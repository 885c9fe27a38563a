"""Every setting of the extension in one table: name, default, type, what it does, and what a
valid value looks like. A wrong value stops the build with one line naming the setting, as
Sphinx does for its own settings, instead of failing later deep inside a handler."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from .language import CODES, UnknownLanguage, language_named
from .visibility import EDITIONS, INTERNAL


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if value in choices else f"expected one of {', '.join(map(repr, choices))}"

    return check


def _iso_date_or_empty(value: Any) -> str | None:
    if value == "":
        return None
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return "expected a date as YYYY-MM-DD, or '' for today"
    return None


def _positive(value: Any) -> str | None:
    # bool is an int to Python, but True pages per part is a mistake
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return None
    return "expected a whole number above 0"


def _folder(value: Any) -> str | None:
    if isinstance(value, str) and value.strip("/") and ".." not in value.split("/"):
        return None
    return "expected a folder inside the source directory"


def holds_entry(folder: str, docname: str) -> bool:
    """Whether `docname` is one of the entries a folder setting is about (a news item, an asset
    page): any page under `folder`, at any depth, except index pages. A folder that grows is
    split into sub-folders such as news/2024/, and their index pages only list the entries."""
    inside = docname.startswith(f"{folder.strip('/')}/")
    return inside and docname.rpartition("/")[2] != "index"


def _known_languages(value: Any) -> str | None:
    unknown = [code for code in value if code not in CODES]
    known = ", ".join(repr(code) for code in CODES)
    return f"expected languages among {known}, not {unknown}" if unknown else None


@dataclass(frozen=True)
class Setting:
    """One `kb_*` setting: what `conf.py` (or `-D`) may set, and how it is checked."""

    name: str
    default: Any
    rebuild: str
    type: type
    help: str
    check: Callable[[Any], str | None] | None = None


SETTINGS: tuple[Setting, ...] = (
    Setting("kb_data_dir", "_data", "env", str, "Folder of the registry's YAML files.", _folder),
    Setting(
        "kb_edition",
        INTERNAL,
        "env",
        str,
        "Which edition to build: 'internal' (everything) or 'public'.",
        _one_of(EDITIONS),
    ),
    Setting(
        "kb_today",
        "",
        "env",
        str,
        "The date review deadlines are measured against (YYYY-MM-DD); '' means today.",
        _iso_date_or_empty,
    ),
    Setting("kb_news_dir", "news", "env", str, "Folder of the news items.", _folder),
    Setting(
        "kb_local_base_url",
        "http://127.0.0.1:8000/",
        "html",
        str,
        "Address of a local build, for the feed when html_baseurl is not set.",
    ),
    Setting("kb_asset_dir", "pipeline", "env", str, "Folder of the asset pages.", _folder),
    Setting("kb_platform_dir", "platforms", "env", str, "Folder of the platform pages.", _folder),
    Setting(
        "kb_check_html_dir",
        "",
        "",
        str,
        "The built HTML the check reads; '' means the `html` folder beside the check's.",
    ),
    Setting(
        "kb_languages",
        [],
        "html",
        list,
        "The languages the site is built in (e.g. ['en', 'zh_CN']); two or more add a switcher.",
        _known_languages,
    ),
    Setting(
        "kb_titles",
        {},
        "html",
        dict,
        "The site's title in each further language (e.g. {'zh_CN': '...'}), for html_title.",
    ),
    Setting(
        "kb_search",
        True,
        "html",
        bool,
        "Search with a Pagefind index built after the HTML, as the reader types.",
    ),
    Setting(
        "kb_search_pages_per_part",
        2500,
        "html",
        int,
        "The most pages in one part of the search index; a larger site's index is split.",
        _positive,
    ),
    Setting(
        "kb_fast_navigation",
        True,
        "html",
        bool,
        "Render furo's sidebar once per build instead of once per page.",
    ),
    Setting(
        "kb_navigation_prune",
        False,
        "html",
        bool,
        "Each page holds only its own branch of furo's sidebar; the rest loads from one file.",
    ),
)


def validate_settings(app: Sphinx, config: Config) -> None:
    """Refuse a wrong value before anything uses it, naming the setting and what it expects."""
    for setting in SETTINGS:
        value = config[setting.name]
        if not isinstance(value, setting.type):
            expected = setting.type.__name__
            raise ConfigError(f"{setting.name} = {value!r}: expected a {expected}")
        problem = setting.check(value) if setting.check else None
        if problem:
            raise ConfigError(f"{setting.name} = {value!r}: {problem}")
    try:
        language_named(config.language)
    except UnknownLanguage as error:
        raise ConfigError(f"language = {config.language!r}: {error}") from None


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(
            setting.name,
            setting.default,
            setting.rebuild,
            types=frozenset({setting.type}),
            description=setting.help,
        )
    app.connect("config-inited", validate_settings, priority=100)
