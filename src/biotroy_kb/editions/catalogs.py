"""The Chinese edition kept in step with the English: the gettext catalogs under
`docs/locale/<language>/LC_MESSAGES/` (one per page), updated after an English edit and
checked entry by entry.

`python -m biotroy_kb.editions.catalogs update GETTEXT_DIR LOCALE_DIR LANGUAGE` merges freshly
extracted templates into the catalogs (a changed message keeps its old translation but becomes
fuzzy; a removed one becomes obsolete) and says what changed, page by page. `catalog_problems`
is what the check reports: untranslated, fuzzy and obsolete entries; a translation that drops
or changes a role target, a link, inline code or a number; and renderings the language's
wording rules forbid (`_data/wording/<language>.yaml`, `registry/wording.py`)."""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import polib
from babel.messages.pofile import read_po, write_po

from ..registry.problems import Problem
from ..registry.wording import Wording

#: `{role}`text <target>`` or `{role}`target``: what must survive translation is the role and
#: its target (the text may be translated), and for `{fact}` the key.
#: Read left to right, so that a role written inside inline code (``{fact}`key` ``) is code.
MARKUP = re.compile(
    r"\{(?P<role>[a-z:-]+)\}(?P<rticks>`+)(?P<body>.*?)(?P=rticks)"
    r"|(?P<ticks>`+)(?P<code>.+?)(?P=ticks)",
    re.DOTALL,
)
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
URL = re.compile(r"https?://[^\s)>`\"']+")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _role_target(role: str, body: str) -> str:
    """`{term}`IND`` and `{term}`新药临床试验申请 <IND>`` both have the target IND."""
    body = " ".join(body.split())
    target = body.rpartition("<")[2].rstrip(">").strip() if body.endswith(">") else body
    return f"{{{role}}}`{target}`"


def kept_parts(text: str) -> dict[str, Counter[str]]:
    """What a translation must carry over unchanged, by kind."""
    roles: Counter[str] = Counter()
    code: Counter[str] = Counter()
    for match in MARKUP.finditer(text):
        if match["role"]:
            roles[_role_target(match["role"], match["body"])] += 1
        else:
            code[match["code"].strip()] += 1
    plain = MARKUP.sub(" ", text)
    return {
        "role": roles,
        "link": Counter(LINK.findall(plain)),
        "URL": Counter(URL.findall(plain)),
        "inline code": code,
        "number": Counter(NUMBER.findall(URL.sub(" ", plain))),
    }


def translation_problems(msgid: str, msgstr: str, wording: Wording | None = None) -> Iterator[str]:
    english, chinese = kept_parts(msgid), kept_parts(msgstr)
    for kind, wanted in english.items():
        missing = wanted - chinese[kind]
        if missing:
            shown = ", ".join(sorted(missing))
            yield f"the translation drops or changes the {kind} {shown}"
    if wording is not None:
        yield from wording.problems(msgstr)


def page_of(path: Path, locale_dir: Path) -> str:
    return path.relative_to(locale_dir).with_suffix("").as_posix()


def catalog_problems(
    locale_dir: Path, language: str, wording: Wording | None = None
) -> Iterator[Problem]:
    messages = locale_dir / language / "LC_MESSAGES"
    for path in sorted(messages.rglob("*.po")):
        page = page_of(path, messages)
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                yield Problem(path, entry.linenum, "obsolete entry: run `make translations`")
            elif not entry.msgstr:
                yield Problem(path, entry.linenum, f"untranslated: translate page {page}")
            elif "fuzzy" in entry.flags:
                message = f"fuzzy: the English changed; re-translate this entry of page {page}"
                yield Problem(path, entry.linenum, message)
            else:
                for problem in translation_problems(entry.msgid, entry.msgstr, wording):
                    yield Problem(path, entry.linenum, problem)


def checked_entries(locale_dir: Path, language: str) -> int:
    messages = locale_dir / language / "LC_MESSAGES"
    return sum(len(polib.pofile(str(path))) for path in messages.rglob("*.po"))


def update_catalogs(gettext_dir: Path, locale_dir: Path, language: str) -> list[str]:
    """Merge each template into its catalog and describe what changed, one line per page."""
    changes = []
    for template_path in sorted(gettext_dir.rglob("*.pot")):
        relative = template_path.relative_to(gettext_dir).with_suffix(".po")
        path = locale_dir / language / "LC_MESSAGES" / relative
        with template_path.open("rb") as file:
            template = read_po(file)
        if path.is_file():
            with path.open("rb") as file:
                catalog = read_po(file, locale=language)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = read_po(template_path.open("rb"), locale=language)
        before = {m.id: (m.string, m.fuzzy) for m in catalog if m.id}
        catalog.update(template, update_creation_date=False)
        after = {m.id: (m.string, m.fuzzy) for m in catalog if m.id}
        new = [i for i in after if i not in before and not after[i][1]]
        fuzzy = [i for i in after if after[i][1] and not before.get(i, ("", False))[1]]
        # an edited message comes back fuzzy, remembering the text it was matched from
        reworded = {
            m.previous_id if isinstance(m.previous_id, str) else m.previous_id[0]
            for m in catalog
            if m.id and m.fuzzy and m.previous_id
        }
        gone = [i for i in before if i not in after and i not in reworded]
        with path.open("wb") as file:
            write_po(file, catalog, width=76, ignore_obsolete=True)
        if new or fuzzy or gone:
            changes.append(
                f"{path}: {len(new)} new, {len(fuzzy)} changed (fuzzy), {len(gone)} removed"
            )
    return changes


def main(argv: list[str]) -> int:
    if len(argv) != 4 or argv[0] != "update":
        print("usage: python -m biotroy_kb.editions.catalogs update GETTEXT LOCALE LANGUAGE")
        return 2
    changes = update_catalogs(Path(argv[1]), Path(argv[2]), argv[3])
    print("\n".join(changes) if changes else "No message changed: the catalogs are up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
