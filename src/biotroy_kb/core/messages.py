"""The extension's own words in the reader's language: every label a directive writes goes
through `_()` (Sphinx's translation machinery, the extension's own message catalog, as
pydata-sphinx-theme does), and every value from the registry or front matter through
`rendered()`, which takes its Chinese form from `_data/renderings/<language>.yaml`; dates
through `shown_date()`, in CLDR's format for the reader's language."""

from __future__ import annotations

import re
from pathlib import Path
from string import Formatter

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation

from ..registry.dates import PartialDate
from ..registry.problems import Problem
from ..registry.renderings import Renderings, load_renderings
from ..registry.wording import Wording, load_wording
from .data import note_dependency_once, stop_on_problems
from .language import language_of
from .problems import report, report_problem, where

MESSAGE_CATALOG = "biotroy_kb"
CATALOG_DIR = Path(__file__).resolve().parent.parent / "locale"

_ = get_translation(MESSAGE_CATALOG)
#: Codes and abbreviations (BT02, CXSL2300740, FDA, IND) read the same in every language.
CODE = re.compile(r"[A-Z0-9][A-Z0-9 ./-]*")


def compile_catalogs(target: Path, source: Path = CATALOG_DIR) -> list[Problem]:
    """Compile the extension's `.po` files (under `source`) into `target`: Sphinx compiles only
    the project's catalogs. Each catalog is read on every build, and a translation whose
    placeholders differ from its English (`{titel}` for `{title}`) is a problem at its file and
    line, left out of the compiled catalog: the label shows in English instead of the build
    ending in a `KeyError`. A `.mo` is rewritten only when its `.po` is newer."""
    problems = []
    for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as file:
            catalog = read_po(file)
        problems += drop_broken_placeholders(catalog, po)
        mo = target / po.relative_to(source).with_suffix(".mo")
        if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        temporary = mo.with_suffix(".mo.tmp")
        with temporary.open("wb") as out:
            write_mo(out, catalog)
        temporary.replace(mo)
    return problems


def placeholders(text: str) -> set[str] | None:
    """The names of the `{placeholders}` in `text`, or None when its braces do not pair."""
    try:
        fields = [name for _, name, _, _ in Formatter().parse(text) if name is not None]
    except ValueError:
        return None
    return {re.split(r"[.\[]", name, maxsplit=1)[0] for name in fields}


def drop_broken_placeholders(catalog: Catalog, path: Path) -> list[Problem]:
    """Each translation whose placeholders are not its English's, emptied (English shows)."""
    problems = []
    for message in catalog:
        if not message.id or not isinstance(message.string, str) or not message.string:
            continue
        wanted, found = placeholders(message.id), placeholders(message.string)
        if found == wanted:
            continue
        expected = ", ".join(f"{{{name}}}" for name in sorted(wanted or ())) or "none"
        got = (
            ", ".join(f"{{{name}}}" for name in sorted(found))
            if found is not None
            else ("unpaired braces")
        )
        text = (
            f"the translation of {message.id!r} has the placeholders {got}; "
            f"it must keep those of the English ({expected}); shown in English until fixed"
        )
        problems.append(Problem(path, message.lineno, text))
        message.string = ""
    return problems


def add_catalog(app: Sphinx, config: Config) -> None:
    """The extension's catalogs, compiled; the problems of the build's language's catalog
    are reported (an English build has no business failing on a Chinese typo)."""
    target = Path(app.doctreedir) / "kb-locale"
    language = language_of(config).code
    for problem in compile_catalogs(target):
        if problem.path.parts[-3] == language:
            report_problem(problem, "catalog")
    app.add_message_catalog(MESSAGE_CATALOG, str(target))


def load_renderings_for_build(app: Sphinx) -> None:
    """The registry values' renderings for the build's language (none for the source's), and
    the wording rules its translations keep."""
    language = language_of(app.config)
    data_dir = Path(app.srcdir, app.config.kb_data_dir)
    translated = not language.is_source
    path = data_dir / "renderings" / f"{language.code}.yaml"
    app.env.kb_renderings = stop_on_problems(load_renderings, path) if translated else None
    app.env.kb_wording = stop_on_problems(
        load_wording, data_dir / "wording" / f"{language.code}.yaml"
    )


def wording_of(env: BuildEnvironment) -> Wording | None:
    return getattr(env, "kb_wording", None)


def rendered(env: BuildEnvironment, text: str) -> str:
    """A registry or front-matter value in the build's language. The page being read depends
    on the renderings file from then on (an edit to it rebuilds exactly the pages that show a
    rendering). A value with no rendering is shown in English and warned about at the
    renderings file, naming the page: under -W the Chinese edition cannot fall behind the
    registry, on an incremental build too."""
    renderings: Renderings | None = getattr(env, "kb_renderings", None)
    if renderings is None or not text or CODE.fullmatch(text):
        return text
    note_renderings_dependency(env)
    value = renderings.values.get(text)
    if value is None:
        if text not in renderings.reported:
            renderings.reported.add(text)
            shown_on = f" (shown on page {env.docname})" if env.docname else ""
            message = (
                f"no {renderings.language} rendering for the registry value {text!r}{shown_on}: "
                "add it to this file"
            )
            report(message, where(renderings.path, renderings.table_line), "rendering")
        return text
    return value


def note_renderings_dependency(env: BuildEnvironment) -> None:
    """While a page is read: it shows renderings, so it is read again when they change (a
    directive that renders only when the page is written notes this when it runs)."""
    renderings: Renderings | None = getattr(env, "kb_renderings", None)
    if renderings is not None and env.docname:
        note_dependency_once(env, str(renderings.path))


def phrase_gap(config: Config) -> str:
    """What separates two phrases set side by side (a date and a title, a title and its reading
    time): a space in English, nothing in Chinese, which puts no space between Chinese and
    Latin letters or digits (the CSS keeps the two apart)."""
    return "" if language_of(config).cjk else " "


#: A date is read whole: a line never breaks inside one ("2023年9" / "月").
DATE_CLASS = "kb-date"


def date_node(config: Config, date: PartialDate) -> nodes.inline:
    return nodes.inline(text=shown_date(config, date), classes=[DATE_CLASS])


def message_nodes(message: str, **values: str | nodes.Node) -> list[nodes.Node]:
    """A translated message formatted with values of which some are nodes (a date that must
    not break, a link): the whole sentence stays one message, in the order its language
    puts the values."""
    marks = {
        name: f"\x00{name}\x00" if isinstance(value, nodes.Node) else value
        for name, value in values.items()
    }
    parts = message.format(**marks).split("\x00")
    built: list[nodes.Node] = []
    for index, part in enumerate(parts):
        if index % 2:
            value = values[part]
            built.append(value.deepcopy() if isinstance(value, nodes.Node) else nodes.Text(value))
        elif part:
            built.append(nodes.Text(part))
    return built


def shown_date(config: Config, date: PartialDate) -> str:
    """A date for readers, at its own precision, in the build's language."""
    if not date.is_stated:
        return _("Not stated")
    return date.display(language_of(config).cldr_locale)


def setup_messages(app: Sphinx) -> None:
    app.connect("config-inited", add_catalog)
    app.connect("builder-inited", load_renderings_for_build)
