"""Every label the extension writes has its Chinese translation: the messages marked with
`_()` in the code and the extension's own catalog are kept in step."""

from __future__ import annotations

import gettext
import shutil
from pathlib import Path

import polib
from babel.messages.extract import extract_from_dir

import biotroy_kb
from biotroy_kb.core.messages import compile_catalogs

PACKAGE = Path(biotroy_kb.__file__).parent
CATALOG = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES" / "biotroy_kb.po"


def marked_messages() -> set[str]:
    # `_` translates where a label is shown; `N_` marks one kept in a table (registry/events.py)
    found = extract_from_dir(str(PACKAGE), keywords={"_": None, "N_": None}, comment_tags=())
    return {message for _, _, message, _, _ in found if isinstance(message, str)}


def test_every_marked_label_has_a_chinese_translation() -> None:
    translated = {e.msgid: e.msgstr for e in polib.pofile(str(CATALOG)) if not e.obsolete}
    missing = sorted(m for m in marked_messages() if not translated.get(m))
    assert missing == []


def test_the_catalog_holds_no_label_the_code_no_longer_writes() -> None:
    stale = sorted(set(e.msgid for e in polib.pofile(str(CATALOG))) - marked_messages())
    assert stale == []


def test_each_translation_keeps_its_placeholders() -> None:
    for entry in polib.pofile(str(CATALOG)):
        wanted = sorted(part.split("}")[0] for part in entry.msgid.split("{")[1:])
        found = sorted(part.split("}")[0] for part in entry.msgstr.split("{")[1:])
        assert found == wanted, entry.msgid


def test_a_misspelt_placeholder_is_reported_at_its_line_and_the_label_shows_in_english(
    tmp_path: Path,
) -> None:
    """`{titel}` for `{title}`: a located problem, and the compiled catalog leaves the
    translation out, so formatting the label cannot fail with a KeyError."""
    source = tmp_path / "locale"
    shutil.copytree(CATALOG.parents[2], source)
    po = source / "zh_CN" / "LC_MESSAGES" / "biotroy_kb.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace("来源：{title}（", "来源：{titel}（"), encoding="utf-8")
    line = text.splitlines().index('msgid "Source: {title} ({publisher}, {date})"') + 1
    problems = compile_catalogs(tmp_path / "compiled", source)
    assert [str(problem) for problem in problems] == [
        f"{po}:{line}: the translation of 'Source: {{title}} ({{publisher}}, {{date}})' has "
        "the placeholders {date}, {publisher}, {titel}; it must keep those of the English "
        "({date}, {publisher}, {title}); shown in English until fixed."
    ]
    with (tmp_path / "compiled" / "zh_CN" / "LC_MESSAGES" / "biotroy_kb.mo").open("rb") as mo:
        translations = gettext.GNUTranslations(mo)
    label = translations.gettext("Source: {title} ({publisher}, {date})")
    shown = label.format(title="BT02", publisher="BioTroy", date="2023")
    assert shown == "Source: BT02 (BioTroy, 2023)"
    assert translations.gettext("Source: ") == "来源："
