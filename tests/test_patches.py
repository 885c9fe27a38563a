"""Reaches into other libraries' internals live in `patches/`, one module per library, each
guarded by the releases it was written against: on the pinned versions every patch applies,
and on a release outside its guard the library keeps its own behaviour."""

from __future__ import annotations

import gettext
import importlib
import io
import logging
import pickle
import pkgutil
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from docutils import nodes
from myst_parser.parsers.sphinx_ import MystParser
from sphinx import addnodes
from sphinx.builders.html import _assets as html_assets
from sphinx.environment import BuildEnvironment
from sphinx.transforms import i18n
from sphinx.util.i18n import CatalogInfo
from sphinx.util.nodes import NodeMatcher, is_translatable

import biotroy_kb.patches
from biotroy_kb.patches import babel as babel_patches
from biotroy_kb.patches import sphinx as sphinx_patches
from biotroy_kb.patches.sphinx import is_toctree_purge

from sitebuild import REPO_ROOT, copy_root, edit, run_sphinx

MODULES = [
    importlib.import_module(f"biotroy_kb.patches.{info.name}")
    for info in pkgutil.iter_modules(biotroy_kb.patches.__path__)
]


def test_there_is_one_patch_module_per_library() -> None:
    assert sorted(module.__name__.rpartition(".")[2] for module in MODULES) == [
        "babel",
        "docutils",
        "furo",
        "myst_parser",
        "sphinx",
        "sphinx_design",
        "sphinx_sitemap",
    ]


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__)
def test_every_patch_module_is_guarded_and_applies_to_the_pinned_release(module) -> None:
    assert callable(getattr(module, "supported", None)), f"{module.__name__} has no guard"
    assert module.supported()


def test_on_a_sphinx_outside_the_guard_sphinx_keeps_its_own_purge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sphinx_patches, "version_info", (99, 0, 0, "final", 0))
    built = run_sphinx(copy_root(tmp_path, "minimal"), tmp_path / "out")
    assert built.app is not None and built.statuscode == 0, built.warnings
    handlers = [listener.handler for listener in built.app.events.listeners["env-purge-doc"]]
    assert any(is_toctree_purge(handler) for handler in handlers)


class PickledObjects(pickle.Pickler):
    """Pickles nothing; counts each object a pickle of the page would hold, by class."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), pickle.HIGHEST_PROTOCOL)
        self.seen: set[int] = set()
        self.classes: Counter[type] = Counter()

    def persistent_id(self, obj: object) -> None:
        if id(obj) not in self.seen:
            self.seen.add(id(obj))
            self.classes[type(obj)] += 1


def pickled_classes(doctree_file: Path) -> Counter[type]:
    counter = PickledObjects()
    counter.dump(pickle.loads(doctree_file.read_bytes()))
    return counter.classes


def test_a_translated_page_pickles_its_own_doctree_and_no_environment(variant) -> None:
    """Sphinx parses each translated message into a scratch document that holds the build
    environment; a translated page's saved doctree must hold neither."""
    build = variant("i18n")
    assert build.statuscode == 0, build.warnings
    assert "新药临床试验申请" in (build.outdir / "index.html").read_text(encoding="utf-8")
    doctrees = build.outdir.parent / "doctrees"
    for page in ("index", "glossary"):
        classes = pickled_classes(doctrees / f"{page}.doctree")
        assert classes[nodes.document] == 1, page
        assert classes[BuildEnvironment] == 0, page


QUOTES_AND_TITLES = """# First *steps* -- "quoted"

## Part one

He said "go" -- and 'went'... then `"code" -- stays` and \\"escaped\\".

A plain paragraph with nothing to curl.

## Part two

````{tab-set}
```{tab-item} One
First "tab".
```
```{tab-item} Two
Second tab.
```
````

```{dropdown} More -- "details"
Hidden text.
```

```{card} A card
:link: https://example.org/
:link-new-tab:

Opens elsewhere.
```
"""


def html_pages(outdir: Path) -> dict[str, str]:
    return {
        str(page.relative_to(outdir)): page.read_text(encoding="utf-8")
        for page in sorted(outdir.rglob("*.html"))
    }


def test_the_patches_change_no_byte_of_any_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings made once, titles rendered once, SmartQuotes skipping what it cannot change,
    sphinx-design's transforms only where needed: the pages are those Sphinx writes without
    them (quotes, dashes, ellipses, a title with markup shown beside other pages, tabs, a
    dropdown, a card opening in a new tab)."""
    srcdir = copy_root(tmp_path, "navigation")
    (srcdir / "guide" / "first.md").write_text(QUOTES_AND_TITLES, encoding="utf-8")
    patched = run_sphinx(srcdir, tmp_path / "patched", freshenv=True)
    monkeypatch.setattr(sphinx_patches, "version_info", (99, 0, 0, "final", 0))
    plain = run_sphinx(srcdir, tmp_path / "plain", freshenv=True)
    assert patched.statuscode == plain.statuscode == 0, patched.warnings + plain.warnings
    patched_pages, plain_pages = html_pages(patched.outdir), html_pages(plain.outdir)
    curled = "\N{LEFT DOUBLE QUOTATION MARK}go\N{RIGHT DOUBLE QUOTATION MARK} \N{EN DASH} and"
    first_page = patched_pages["guide/first.html"]
    assert curled in first_page
    assert "sd-tab-set" in first_page and "<details" in first_page
    assert 'target="_blank"' in first_page
    assert patched_pages == plain_pages


def test_the_saved_environment_holds_each_dependency_path_once(tmp_path: Path) -> None:
    """Every page showing registry data depends on the same files: one path object each, so
    the pickle stores (and a rebuild loads) each once, not once per page."""
    built = run_sphinx(copy_root(tmp_path, "registry"), tmp_path / "out", freshenv=True)
    assert built.statuscode == 0, built.warnings
    env = pickle.loads((tmp_path / "out" / "doctrees" / "environment.pickle").read_bytes())
    paths = [path for paths in env.dependencies.values() for path in paths]
    assert len(paths) > len({str(path) for path in paths}), "no file shared by two pages"
    assert len({id(path) for path in paths}) == len({str(path) for path in paths})


PAGE_TEMPLATE = '{% extends "!page.html" %}{% block content %}MARK {{ super() }}{% endblock %}'


def test_compiled_templates_are_kept_and_a_changed_template_is_compiled_again(
    tmp_path: Path,
) -> None:
    srcdir = copy_root(tmp_path, "navigation")
    template = srcdir / "_templates" / "page.html"
    template.parent.mkdir()
    template.write_text(PAGE_TEMPLATE.replace("MARK", "first-template"), encoding="utf-8")
    settings = {"templates_path": ["_templates"]}
    first = run_sphinx(srcdir, tmp_path / "out", confoverrides=settings)
    assert first.statuscode == 0, first.warnings
    assert list((tmp_path / "out" / "doctrees" / sphinx_patches.TEMPLATE_CACHE).rglob("*.cache"))
    edit(template, "first-template", "second-template")
    second = run_sphinx(srcdir, tmp_path / "out", confoverrides=settings)
    assert second.statuscode == 0, second.warnings
    assert "second-template" in (second.outdir / "index.html").read_text(encoding="utf-8")


def test_translated_pages_are_the_same_with_each_message_parsed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = copy_root(tmp_path, "i18n")
    patched = run_sphinx(srcdir, tmp_path / "patched", freshenv=True)
    monkeypatch.setattr(sphinx_patches, "version_info", (99, 0, 0, "final", 0))
    plain = run_sphinx(srcdir, tmp_path / "plain", freshenv=True)
    assert patched.statuscode == plain.statuscode == 0, patched.warnings + plain.warnings
    patched_pages = html_pages(patched.outdir)
    assert "新药临床试验申请" in patched_pages["index.html"]
    assert patched_pages == html_pages(plain.outdir)


def translated_parses(monkeypatch: pytest.MonkeyPatch) -> Counter[tuple[str, str]]:
    """How often MyST parses each translated message (scratch document, text) from now on."""
    parses: Counter[tuple[str, str]] = Counter()
    parse = MystParser.parse

    def counted(self: MystParser, inputstring: str, document: nodes.document) -> None:
        if document["source"].endswith(":<translated>"):
            parses[document["source"], inputstring] += 1
        parse(self, inputstring, document)

    monkeypatch.setattr(MystParser, "parse", counted)
    return parses


def test_a_translated_message_with_a_reference_is_parsed_once_on_its_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sphinx parses each message twice (for titles and glossary terms first, then to put it
    in the page); a message with a role or a link is not kept for the build, but is for its
    page's second parse."""
    parses = translated_parses(monkeypatch)
    built = run_sphinx(copy_root(tmp_path, "i18n"), tmp_path / "out", freshenv=True)
    assert built.statuscode == 0, built.warnings
    with_reference = [key for key in parses if "{term}" in key[1] or "](" in key[1]]
    assert with_reference, "the root's catalogs should translate a message with a reference"
    assert [key for key, times in parses.items() if times > 1] == []


def test_without_the_patches_sphinx_parses_a_message_with_a_reference_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the test above saves: Sphinx's own two parses of the same message."""
    monkeypatch.setattr(sphinx_patches, "version_info", (99, 0, 0, "final", 0))
    parses = translated_parses(monkeypatch)
    built = run_sphinx(copy_root(tmp_path, "i18n"), tmp_path / "out", freshenv=True)
    assert built.statuscode == 0, built.warnings
    assert any(times == 2 and "{term}" in text for (_, text), times in parses.items())


def node_details(node: nodes.Node) -> list[tuple[Any, ...]]:
    """Each node under `node` (itself included): its class, source, line and attributes."""
    return [
        (type(found).__name__, str(found))
        if isinstance(found, nodes.Text)
        else (type(found).__name__, found.rawsource, found.source, found.line, found.attributes)
        for found in node.findall()
    ]


PLAIN_MESSAGES = ["新药临床试验申请（IND）", "第2节说明 IND 的含义。", "术语表"]
MARKED_UP_MESSAGES = [
    "**重要**事项",
    "见[术语表](glossary.md)",
    "{term}`IND`",
    '"引号"',
    "BT02 v1.2",
    "1. 第一步",
    "2023年",
    "# 标题",
    " 前有空格",
    "第一行\n第二行",
    "",
]


def test_a_message_without_markup_is_the_paragraph_myst_parses(tmp_path: Path) -> None:
    """Made without MyST's parse, node for node as MyST makes it (patches/sphinx.py)."""
    built = run_sphinx(copy_root(tmp_path, "i18n"), tmp_path / "out", freshenv=True)
    assert built.statuscode == 0 and built.app is not None, built.warnings
    app = built.app
    settings = app.env.get_doctree("index").settings
    settings.env = app.env
    parse = i18n._publish_msgstr.__wrapped__  # Sphinx's own, which ours wraps
    page = str(built.srcdir / "index.md")
    for message in PLAIN_MESSAGES:
        parsed = parse(
            message,
            page,
            7,
            config=app.config,
            env=app.env,
            registry=app.registry,
            settings=settings,
        )
        made = sphinx_patches.plain_paragraph(message, page, 7, app.config)
        assert made is not None
        assert node_details(made) == node_details(parsed)


@pytest.mark.parametrize("message", MARKED_UP_MESSAGES)
def test_a_message_that_could_hold_markup_is_left_to_myst(message: str, tmp_path: Path) -> None:
    built = run_sphinx(copy_root(tmp_path, "i18n"), tmp_path / "out")
    assert built.app is not None
    page = str(built.srcdir / "index.md")
    assert sphinx_patches.plain_paragraph(message, page, 7, built.app.config) is None


def test_a_translated_message_without_markup_is_never_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parses = translated_parses(monkeypatch)
    built = run_sphinx(copy_root(tmp_path, "i18n"), tmp_path / "out", freshenv=True)
    assert built.statuscode == 0, built.warnings
    assert "新药临床试验申请（IND）" in html_pages(built.outdir)["glossary.html"]
    parsed = {text for _, text in parses}
    assert parsed, "the root's catalogs should translate messages with markup too"
    assert [text for text in parsed if not sphinx_patches.MARKUP_CHARACTERS.search(text)] == []


class MadeWhenShown:
    """A log argument that counts how often it is made into text."""

    def __init__(self) -> None:
        self.made = 0

    def __str__(self) -> str:
        self.made += 1
        return "<paragraph/>"


def log_record(level: int, message: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("sphinx.test", level, __file__, 1, message, args, None)


def test_a_forked_process_sends_back_only_the_records_a_handler_shows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Sphinx formats every record a forked reader or writer logged before sending it back,
    a debug line's node made into XML too (patches/sphinx.py)."""
    monkeypatch.setattr(sphinx_patches, "_SHOWN_LEVEL", [logging.INFO])
    node = MadeWhenShown()
    records = [
        log_record(logging.DEBUG, "passed over %s", node),
        log_record(logging.INFO, "read %s", "index"),
        log_record(logging.WARNING, "a warning"),
    ]
    sphinx_patches.shown_records_serializable(records)
    assert [(record.msg, record.args) for record in records] == [
        ("read index", ()),
        ("a warning", ()),
    ]
    assert node.made == 0


def test_the_level_sent_back_is_the_lowest_a_handler_of_the_build_shows(tmp_path: Path) -> None:
    quiet = run_sphinx(copy_root(tmp_path, "minimal"), tmp_path / "quiet")
    assert quiet.statuscode == 0, quiet.warnings
    assert sphinx_patches._SHOWN_LEVEL == [logging.INFO]


def test_a_node_matcher_finds_what_sphinx_walk_finds_in_the_same_order(tmp_path: Path) -> None:
    built = run_sphinx(copy_root(tmp_path, "i18n"), tmp_path / "out", freshenv=True)
    assert built.statuscode == 0, built.warnings
    doctree = pickle.loads((tmp_path / "out" / "doctrees" / "index.doctree").read_bytes())
    matchers = [
        NodeMatcher(nodes.Element, translated=Any),
        NodeMatcher(addnodes.pending_xref, reftype="term"),
        NodeMatcher(nodes.section, ids=["welcome"]),
        NodeMatcher(nodes.paragraph, nodes.title),
        NodeMatcher(translated=True),
    ]
    for matcher in matchers:
        found = list(sphinx_patches.findall_by_class(matcher, doctree))
        assert found, f"{matcher.classes} {matcher.attrs} should find something"
        assert found == list(doctree.findall(matcher.match))


ASSET_LINK = re.compile(r'(?:href|src)="(?:\.\./)*(_static/[^"?]+)\?v=([0-9a-f]+)"')


def test_every_asset_link_carries_the_checksum_sphinx_gives_its_file(tmp_path: Path) -> None:
    built = run_sphinx(copy_root(tmp_path, "navigation"), tmp_path / "out", freshenv=True)
    assert built.statuscode == 0, built.warnings
    outdir = Path(built.outdir)
    links = {
        (page.parent, name, checksum)
        for page in outdir.rglob("*.html")
        for name, checksum in ASSET_LINK.findall(page.read_text(encoding="utf-8"))
    }
    assert len({name for _, name, _ in links}) > 5
    for folder, name, checksum in links:
        assert html_assets._file_checksum(outdir, name) == checksum, (folder, name)


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_a_passed_over_nodes_xml_is_made_only_when_its_debug_line_is_printed() -> None:
    """Sphinx's i18n passes over a node without a source with a debug line naming the node as
    XML: the line reads as Sphinx's own, and the XML is made only when the line is printed."""
    sphinx_patches.make_node_xml_when_shown()
    logger, records = logging.getLogger("sphinx.sphinx.util.nodes"), Records()
    level = logger.level
    logger.addHandler(records)
    logger.setLevel(logging.DEBUG)
    try:
        assert not is_translatable(nodes.paragraph("", "Built in"))
    finally:
        logger.removeHandler(records)
        logger.setLevel(level)
    [record] = records.records
    assert isinstance(record.args[1], sphinx_patches.NodeAsXml)
    assert record.getMessage() == (
        "[i18n] SKIP 'docutils.nodes.paragraph' because no node.source: "
        "<paragraph>Built in</paragraph>"
    )


CATALOG_HEADER = """# Chinese translations of a test page.
msgid ""
msgstr ""
"Project-Id-Version: Test 1\\n"
"POT-Creation-Date: 2026-01-01 00:00+0000\\n"
"Language: zh_CN\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"""

#: Every part of a catalog the quick compiling reads itself.
PLAIN_CATALOG = (
    CATALOG_HEADER
    + r"""
#: index.md:3
msgid "Schedule"
msgstr "日程"

#, fuzzy
msgid "Draft"
msgstr "草稿"

#. a comment for translators
msgid ""
"A long message "
"with a \"quote\", a tab\t, a backslash \\ and a new line\n"
msgstr ""
"一条长消息，"
"带引号\"、制表符\t、反斜杠\\和换行\n"

msgid "Untranslated"
msgstr ""

#~ msgid "Gone"
#~ msgstr "已删"
"""
)


def babel_written(text: str, locale: str, use_fuzzy: bool = False) -> bytes:
    """Babel's own compiling of a catalog, its `Catalog` and all: what the quick one must equal."""
    out = io.BytesIO()
    write_mo(out, read_po(io.StringIO(text), locale), use_fuzzy)
    return out.getvalue()


@pytest.mark.parametrize("use_fuzzy", [False, True], ids=["without fuzzy", "with fuzzy"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_a_plain_catalog_compiles_to_the_bytes_babel_writes(
    tmp_path: Path, use_fuzzy: bool, newline: str
) -> None:
    po_path = tmp_path / "page.po"
    po_path.write_bytes(PLAIN_CATALOG.replace("\n", newline).encode("utf-8"))
    text = po_path.read_text(encoding="utf-8")
    quick = babel_patches.compiled(text, "zh_CN", use_fuzzy)
    assert quick == babel_written(text, "zh_CN", use_fuzzy)
    catalog = gettext.GNUTranslations(io.BytesIO(quick))
    assert catalog.gettext("Schedule") == "日程"
    assert catalog.gettext("Draft") == ("草稿" if use_fuzzy else "Draft")
    assert catalog.gettext("Gone") == "Gone"


def test_every_catalog_of_the_site_compiles_to_the_bytes_babel_writes() -> None:
    catalogs = sorted((REPO_ROOT / "docs" / "locale").rglob("*.po"))
    assert len(catalogs) > 20
    for po_path in catalogs:
        text = po_path.read_text(encoding="utf-8")
        assert babel_patches.compiled(text, "zh_CN") == babel_written(text, "zh_CN"), po_path


NOT_PLAIN = {
    "a context": 'msgctxt "menu"\nmsgid "Open"\nmsgstr "打开"\n',
    "a plural": 'msgid "page"\nmsgid_plural "pages"\nmsgstr[0] "页"\n',
    "a message twice": 'msgid "Open"\nmsgstr "打开"\n\nmsgid "Open"\nmsgstr "开放"\n',
    "a msgid without msgstr": 'msgid "Open"\n\nmsgid "Close"\nmsgstr "关闭"\n',
    "an obsolete msgstr of a live msgid": 'msgid "Open"\n#~ msgstr "打开"\n',
}


@pytest.mark.parametrize("entries", NOT_PLAIN.values(), ids=NOT_PLAIN.keys())
def test_a_catalog_only_babel_reads_as_babel_does_is_compiled_by_babel(
    tmp_path: Path, entries: str
) -> None:
    text = CATALOG_HEADER + "\n" + entries
    with pytest.raises(babel_patches.NotPlain):
        babel_patches.compiled(text, "zh_CN")
    po_path = tmp_path / "page.po"
    po_path.write_text(text, encoding="utf-8")
    catalog = CatalogInfo(str(tmp_path), "page", "utf-8")
    sphinx_patches.write_mo_quickly(catalog, "zh_CN")
    assert Path(catalog.mo_path).read_bytes() == babel_written(text, "zh_CN")


def test_a_catalog_whose_header_gives_no_creation_date_is_compiled_by_babel() -> None:
    """Babel dates such a catalog with the moment it compiles it (the theme's `sphinx.po`)."""
    undated = CATALOG_HEADER.replace('"POT-Creation-Date: 2026-01-01 00:00+0000\\n"\n', "")
    assert "POT-Creation-Date" not in undated
    with pytest.raises(babel_patches.NotPlain):
        babel_patches.compiled(undated + '\nmsgid "Open"\nmsgstr "打开"\n', "zh_CN")


def test_a_catalog_without_a_header_is_compiled_by_babel() -> None:
    """Babel dates the header it makes up for such a catalog with the time it compiles it."""
    with pytest.raises(babel_patches.NotPlain):
        babel_patches.compiled('msgid "Open"\nmsgstr "打开"\n', "zh_CN")


def test_a_chinese_build_compiles_each_catalog_to_the_bytes_babel_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The root's catalogs, dated as `make translations` dates them, are plain: none of them
    goes to Babel, and each compiles as Babel would have compiled it."""
    left_to_babel: list[str] = []
    monkeypatch.setattr(
        sphinx_patches, "SPHINX_WRITE_MO", lambda catalog, *_: left_to_babel.append(catalog)
    )
    srcdir = copy_root(tmp_path, "i18n")
    for po_path in srcdir.rglob("*.po"):
        header = 'msgid ""\nmsgstr ""\n'
        text = po_path.read_text(encoding="utf-8")
        assert text.startswith(header)
        dated = text.replace(header, header + '"POT-Creation-Date: 2026-11-26 15:59+0000\\n"\n', 1)
        po_path.write_text(dated, encoding="utf-8")
    built = run_sphinx(srcdir, tmp_path / "out", freshenv=True)
    assert built.statuscode == 0, built.warnings
    assert left_to_babel == []
    catalogs = sorted(srcdir.rglob("*.po"))
    assert catalogs
    for po_path in catalogs:
        compiled = po_path.with_suffix(".mo").read_bytes()
        text = po_path.read_text(encoding="utf-8")
        assert compiled == babel_written(text, "zh_CN"), po_path
