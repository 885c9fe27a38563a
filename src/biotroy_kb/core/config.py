"""Every setting of the extension in one table: name, default, type, what it does, what a
valid value looks like, and the environment variable that may set it (for hosts such as Read
the Docs, which pass no `-D`). A wrong value stops the build with one line naming the setting,
the value, what is allowed and where it was set (`conf.py` and its line, `-D`, or the
environment variable), instead of failing later deep inside a handler or showing Sphinx's
crash report."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util.logging import prefixed_warnings

from ..registry.problems import display_path
from .data import BuildStopped
from .language import CODES, UnknownLanguage, language_named
from .problems import report
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
    #: an environment variable whose value, when set, is the setting's (below `-D`)
    environment: str | None = None


SETTINGS: tuple[Setting, ...] = (
    Setting("kb_data_dir", "_data", "env", str, "Folder of the registry's YAML files.", _folder),
    Setting(
        "kb_edition",
        INTERNAL,
        "env",
        str,
        "Which edition to build: 'internal' (everything) or 'public'.",
        _one_of(EDITIONS),
        environment="KB_EDITION",
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
        "kb_maintainers_dir",
        "maintainers",
        "env",
        str,
        "Folder of the maintainers' handbook: outside the reading path, the readers' "
        "Next/Previous chain and their default search.",
        _folder,
    ),
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
        10000,
        "html",
        int,
        "The most pages in one part of the search index; a larger site's index is split.",
        _positive,
    ),
    Setting(
        "kb_search_recent_pages",
        200,
        "html",
        int,
        "The most pages a build indexes on their own, beside the parts the last full indexing "
        "wrote (an edit indexes only what it changed); past that, the parts are indexed "
        "again. The public edition always indexes its parts again.",
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


def from_environment(app: Sphinx, config: Config) -> None:
    """A setting's environment variable, when set, gives its value unless `-D` did."""
    for setting in SETTINGS:
        variable = setting.environment
        if variable and variable in os.environ and setting.name not in config.overrides:
            config[setting.name] = os.environ[variable]


#: What a value of each type of setting looks like, as an author is told.
TYPE_WORDS = {
    str: "text",
    int: "a whole number",
    bool: "True or False",
    list: "a list",
    dict: "a mapping",
}


def setting_problem(setting: Setting, value: Any) -> str | None:
    """What is wrong with `value` for `setting`, or None."""
    if not isinstance(value, setting.type):
        return f"expected {TYPE_WORDS[setting.type]}"
    return setting.check(value) if setting.check else None


def override_problem(setting: Setting, text: str) -> str | None:
    """What Sphinx cannot make of a `-D` value: it would warn, build the whole site with the
    setting's default instead, and only then fail (or, without -W, not fail at all)."""
    if setting.type is int:
        try:
            int(text)
        except ValueError:
            return setting_problem(setting, text)
    if setting.type is dict:
        return f"expected a mapping: give each entry as -D {setting.name}.<key>=<value>"
    return None


def read_setting(setting: Setting, config: Config) -> tuple[Any, str | None]:
    """The setting's value and what is wrong with it. Sphinx converts a `-D` value to a switch
    when it is first read, and refuses anything but 0 or 1 then."""
    try:
        value = config[setting.name]
    except ConfigError:
        return config.overrides.get(setting.name), "expected '0' or '1'"
    return value, setting_problem(setting, value)


def language_problem(value: Any) -> str | None:
    try:
        language_named(value)
    except UnknownLanguage as error:
        return str(error)
    return None


def validate_settings(app: Sphinx, config: Config) -> None:
    """Refuse a wrong value before anything uses it: one line naming the setting, the value,
    what is allowed and where it was set; then the build stops."""
    problems = [
        (setting.name, setting.environment, *read_setting(setting, config)) for setting in SETTINGS
    ]
    problems.append(("language", None, config.language, language_problem(config.language)))
    for name, environment, value, problem in problems:
        if problem is not None:
            stop_build(app, name, environment, value, problem)
    refuse_unknown_settings_in_conf_py(app)


def refuse_unknown_settings_in_conf_py(app: Sphinx) -> None:
    """A `kb_` name assigned in conf.py that is no setting (Sphinx ignores it without a word)."""
    conf = Path(app.confdir, "conf.py")
    if not conf.is_file():
        return
    known = {setting.name for setting in SETTINGS}
    for name in assignments_in(conf):
        if name.startswith("kb_") and name not in known:
            stop_build(app, name, None, NOT_SHOWN, unknown_setting_problem(name))


def unknown_setting_problem(name: str) -> str:
    """What to say of a `kb_` setting the extension does not have."""
    names = [setting.name for setting in SETTINGS]
    close = difflib.get_close_matches(name, names, n=1)
    if close:
        return f"no such setting: did you mean {close[0]}?"
    return f"no such setting: the settings are {', '.join(names)}"


def refuse_unusable_overrides(app: Sphinx) -> None:
    """A `-D` value Sphinx cannot use, refused before Sphinx first reads the settings (to log
    them as it emits `config-inited`, before any handler of ours runs). Sphinx would warn,
    build the whole site without it (a mistyped kb_edition=public: the internal edition) and
    fail only at the end, or without -W not at all."""
    settings = {setting.name: setting for setting in SETTINGS}
    for name, override in app.config.overrides.items():
        setting = settings.get(name)
        if setting is None:
            problem = unknown_setting_problem(name) if name.startswith("kb_") else None
        else:
            problem = override_problem(setting, override) if isinstance(override, str) else None
        if problem:
            # the line is about a setting, not "while setting up extension biotroy_kb"
            with prefixed_warnings(""):
                stop_build(app, name, None, override, problem)


#: The value of a name that is no setting: Sphinx keeps it nowhere it can be read from.
NOT_SHOWN = object()


def stop_build(app: Sphinx, name: str, environment: str | None, value: Any, problem: str) -> None:
    """One line naming the setting, the value, what is allowed and where it was set; then the
    build stops."""
    location, origin = where_set(name, environment, app.config, Path(app.confdir))
    shown = "" if value is NOT_SHOWN else f" = {value!r}"
    message = f"{name}{shown}{origin}: {problem}"
    report(message, location, "config", error=True)
    raise BuildStopped(f"{location}: {message}" if location else message)


def where_set(
    name: str, environment: str | None, config: Config, confdir: Path
) -> tuple[str | None, str]:
    """Where a setting's value comes from: a line of conf.py (a location), or ` (given with
    -D)` or the environment variable (said beside the value)."""
    if name in config.overrides:
        return None, " (given with -D)"
    if environment is not None and environment in os.environ:
        return None, f" (from the environment variable {environment})"
    conf = confdir / "conf.py"
    if not conf.is_file():
        return None, ""
    return f"{display_path(conf)}:{assignments_in(conf).get(name, 1)}", ""


#: A top-level assignment in conf.py (`name = …`, or with a type, `name: str = …`).
ASSIGNMENT = re.compile(r"(\w+)\s*(?::[^=]*)?=")


def assignments_in(conf: Path) -> dict[str, int]:
    """Each name conf.py assigns at its top level, with the line of its first assignment."""
    found: dict[str, int] = {}
    for number, text in enumerate(conf.read_text(encoding="utf-8").splitlines(), 1):
        if match := ASSIGNMENT.match(text):
            found.setdefault(match[1], number)
    return found


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(
            setting.name,
            setting.default,
            setting.rebuild,
            types=frozenset({setting.type}),
            description=setting.help,
        )
    refuse_unusable_overrides(app)
    app.connect("config-inited", from_environment, priority=90)
    app.connect("config-inited", validate_settings, priority=100)
