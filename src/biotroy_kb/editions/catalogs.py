"""The Chinese edition kept in step with the English: the gettext catalogs under
`docs/locale/<language>/LC_MESSAGES/` (one per page), updated after an English edit and
checked entry by entry.

`python -m biotroy_kb.editions.catalogs update GETTEXT_DIR LOCALE_DIR LANGUAGE` merges freshly
extracted templates into the catalogs (a changed message keeps its old translation but becomes
fuzzy; a removed one becomes obsolete) and says what changed, page by page. `catalog_problems`
is what the check reports: untranslated, fuzzy and obsolete entries; a translation that drops
or changes a role target, a link, inline code or a number; and renderings the notes forbid."""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib
from babel.messages.pofile import read_po, write_po

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
#: What the Chinese edition must never say (the notes' "Chinese terms" and "Names").
FORBIDDEN = (
    (
        re.compile(r"FDA[^\u3002\uff1b\uff0c;,.]*?批准"),
        "the FDA clears an IND (许可); it never 批准",
    ),
    (re.compile(r"百奥泰"), "百奥泰 is Bio-Thera Solutions, a different company"),
    (re.compile(r"[徐许]\s*博士"), "keep 'Xu 博士': no source gives Xu's characters"),
    (re.compile(r"美国食品药品管理局|美国食品和药物管理局"), "FDA is 美国食品药品监督管理局"),
    (re.compile(r"国家食品药品监督管理"), "NMPA is 国家药品监督管理局 (the CFDA name is gone)"),
)


@dataclass(frozen=True)
class CatalogProblem:
    path: Path
    line: int
    message: str


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


def translation_problems(msgid: str, msgstr: str) -> Iterator[str]:
    english, chinese = kept_parts(msgid), kept_parts(msgstr)
    for kind, wanted in english.items():
        missing = wanted - chinese[kind]
        if missing:
            shown = ", ".join(sorted(missing))
            yield f"the translation drops or changes the {kind} {shown}"
    for pattern, why in FORBIDDEN:
        if pattern.search(msgstr):
            yield f"forbidden rendering {pattern.search(msgstr).group(0)!r}: {why}"


def page_of(path: Path, locale_dir: Path) -> str:
    return path.relative_to(locale_dir).with_suffix("").as_posix()


def catalog_problems(locale_dir: Path, language: str) -> Iterator[CatalogProblem]:
    messages = locale_dir / language / "LC_MESSAGES"
    for path in sorted(messages.rglob("*.po")):
        page = page_of(path, messages)
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                yield CatalogProblem(path, entry.linenum, "obsolete entry: run `make translations`")
            elif not entry.msgstr:
                yield CatalogProblem(path, entry.linenum, f"untranslated: translate page {page}")
            elif "fuzzy" in entry.flags:
                message = f"fuzzy: the English changed; re-translate this entry of page {page}"
                yield CatalogProblem(path, entry.linenum, message)
            else:
                for problem in translation_problems(entry.msgid, entry.msgstr):
                    yield CatalogProblem(path, entry.linenum, problem)


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
        gone = [i for i in before if i not in after]
        with path.open("wb") as file:
            write_po(file, catalog, width=76)
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
