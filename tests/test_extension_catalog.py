"""Every label the extension writes has its Chinese translation: the messages marked with
`_()` in the code and the extension's own catalog are kept in step."""

from __future__ import annotations

from pathlib import Path

import polib
from babel.messages.extract import extract_from_dir

import biotroy_kb

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
