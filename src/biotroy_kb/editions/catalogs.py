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

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib
from babel.messages.pofile import read_po, write_po

from ..core.problems import where
from ..registry.problems import Problem, display_path, undecodable
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
URL = re.compile(r"https?://[^\s)>`\"'（），。；：]+")
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


def reader_text(text: str) -> str:
    """What a reader sees of a message: a role's text (or its target), inline code's text, a
    link's words, emphasised words without their marks; placeholders (`{count}`) stand for a
    Latin word."""
    text = MARKUP.sub(_shown_part, text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return EMPHASIS.sub("", PLACEHOLDER.sub("X", text))


def used_text(text: str) -> str:
    """The words a message uses: what a reader sees, less what it quotes as code."""
    return reader_text(MARKUP.sub(lambda match: match[0] if match["role"] else " ", text))


def _shown_part(match: re.Match[str]) -> str:
    if match["role"]:
        body = " ".join(match["body"].split())
        return body.rpartition("<")[0].strip() if body.endswith(">") else body
    return match["code"]


#: MyST's emphasis marks (`*word*`, `**word**`), which the reader does not see.
EMPHASIS = re.compile(r"\*+")
#: An extension message's placeholder (`{count}`), not a MyST role's target.
PLACEHOLDER = re.compile(r"\{[A-Za-z_][\w.]*\}(?!`)")


def translation_problems(msgid: str, msgstr: str, wording: Wording | None = None) -> Iterator[str]:
    english, chinese = kept_parts(msgid), kept_parts(msgstr)
    for kind, wanted in english.items():
        missing = wanted - chinese[kind]
        if missing:
            shown = ", ".join(sorted(missing))
            yield f"the translation drops or changes the {kind} {shown}"
    if wording is not None:
        # a term quoted as code is mentioned, not used ("never write `先导候选药物`")
        yield from wording.problems(used_text(msgstr), english=used_text(msgid), prose=False)
        # a message of several lines is a drawing or code (prose is joined into one line)
        if "\n" not in msgid:
            yield from wording.spacing_problems(reader_text(msgstr))


def page_of(path: Path, locale_dir: Path) -> str:
    return path.relative_to(locale_dir).with_suffix("").as_posix()


@dataclass(frozen=True)
class PageMessages:
    """What a page asked its catalog for in the last translated build: its catalog's domain
    and each message with its first line in the page's source file."""

    docname: str
    source: Path
    domain: str
    messages: dict[str, int]


#: Catalogs that belong to no page: the theme's words (Sphinx reads a project's `sphinx.po`).
THEME_DOMAINS = frozenset({"sphinx"})
MSGFMT_PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<message>.+)$")


def strict_problems(path: Path) -> list[Problem]:
    """What GNU gettext's own compiler (`msgfmt`, Debian's gettext) finds wrong in the file:
    an unterminated string, a duplicated message, a line that is no part of an entry. Babel
    and polib read such a file leniently (a string loses its last character, a duplicate
    wins or loses silently), and so does Sphinx when it compiles the catalog."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        needed = "the strict catalog check needs msgfmt: apt-get install gettext"
        return [Problem(path, None, needed)]
    done = subprocess.run(
        [msgfmt, "-o", os.devnull, str(path)], capture_output=True, text=True, check=False
    )
    problems: list[Problem] = []
    for line in done.stderr.splitlines():
        match = MSGFMT_PROBLEM.match(line)
        if not match or Path(match["file"]).name != path.name:
            continue
        message = match["message"].strip(".")
        if message.startswith("this is the location of the first definition") and problems:
            first = problems.pop()
            message = f"{first.message} (first defined at line {match['line']})"
            problems.append(Problem(path, first.line, message))
        else:
            problems.append(Problem(path, int(match["line"]), message))
    if done.returncode and not problems:
        problems.append(Problem(path, None, done.stderr.strip() or "msgfmt cannot compile it"))
    return problems


#: A line of a catalog that starts an entry's part: the keyword, then its string.
KEYWORD_LINE = re.compile(
    r"(?P<keyword>msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(?P<rest>.*)"
)
#: One string on one line: double quotes around text in which a backslash starts an escape C
#: knows (`\"`, `\\`, `\n`, an octal or hexadecimal code).
STRING = re.compile(r'"(?:[^"\\]|\\(?:[\\"abfnrtv?\']|[0-7]{1,3}|x[0-9a-fA-F]+))*"\s*')
UNCLOSED = (
    'expected one string between double quotes on this line, a " inside it written \\" and '
    "a backslash \\\\"
)
NO_KEYWORD = (
    "expected a comment (#), blank line, msgctxt, msgid, msgid_plural, msgstr, or a string "
    "continuing the one above"
)


def syntax_problems(path: Path) -> list[Problem]:
    """Each line of a catalog that is not gettext's syntax, read line by line in Python:
    quick enough for every build (a thousand catalogs, where running GNU msgfmt on each took
    3.7 s), and it sees what Babel's and polib's lenient reading hides, a string whose closing
    quote is missing (its last letter is dropped). The check also runs msgfmt itself, which
    sees the rest (a message defined twice)."""
    raw = path.read_bytes()
    if (found := undecodable(raw, "catalog")) is not None:
        return [Problem(path, *found)]
    problems = []
    for number, line in enumerate(raw.decode("utf-8-sig").splitlines(), 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        keyword = KEYWORD_LINE.fullmatch(text)
        if keyword is None and not text.startswith('"'):
            problems.append(Problem(path, number, NO_KEYWORD))
        elif not STRING.fullmatch(keyword["rest"] if keyword else text):
            problems.append(Problem(path, number, UNCLOSED))
    return problems


def entry_problems(
    path: Path, page: str, catalog: polib.POFile, wording: Wording | None
) -> Iterator[Problem]:
    for entry in catalog:
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


def currency_problems(page: PageMessages, path: Path, catalog: polib.POFile) -> Iterator[Problem]:
    """The page's messages against its catalog: each English message the catalog lacks (new,
    or edited after the catalog was last updated), and each catalog entry the page no longer
    says."""
    entries = {entry.msgid: entry for entry in catalog if not entry.obsolete}
    for message, line in page.messages.items():
        if message not in entries:
            yield Problem(
                page.source,
                line,
                f"the English {_short(message)} is not in {display_path(path)}: it is new or was "
                "edited after the catalog was updated; run `make translations` and translate it",
            )
    for msgid, entry in entries.items():
        if msgid not in page.messages:
            yield Problem(
                path,
                entry.linenum,
                f"stale: page {page.docname} no longer says {_short(msgid)}; run "
                "`make translations` (a reworded sentence keeps its translation as a guide)",
            )


def _short(text: str, limit: int = 70) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def catalog_problems(
    locale_dir: Path,
    language: str,
    wording: Wording | None = None,
    pages: list[PageMessages] | None = None,
) -> Iterator[Problem]:
    """Everything wrong with a language's catalogs: each file checked strictly and entry by
    entry; with the pages' messages (`pages`), each page's catalog present and current."""
    messages = locale_dir / language / "LC_MESSAGES"
    catalogs = {page_of(path, messages): path for path in sorted(messages.rglob("*.po"))}
    parsed = {}
    for domain, path in catalogs.items():
        yield from strict_problems(path)
        parsed[domain] = polib.pofile(str(path))
        yield from entry_problems(path, domain, parsed[domain], wording)
    if pages is None:
        return
    domains = {page.domain for page in pages}
    for domain, path in catalogs.items():
        if domain not in domains and domain not in THEME_DOMAINS:
            message = f"a catalog of no page: there is no page {domain}; move or remove it"
            yield Problem(path, None, message)
    for page in sorted(pages, key=lambda page: page.docname):
        if not page.messages:
            continue
        if page.domain not in catalogs:
            expected = display_path(messages / f"{page.domain}.po")
            message = (
                f"page {page.docname} has no catalog ({expected}): the Chinese edition shows "
                "it in English; run `make translations` and translate it"
            )
            yield Problem(page.source, 1, message)
            continue
        yield from currency_problems(page, catalogs[page.domain], parsed[page.domain])


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
    broken = broken_catalog_lines(Path(argv[2]), argv[3])
    if broken:
        print("\n".join(broken), file=sys.stderr)
        return 1
    changes = update_catalogs(Path(argv[1]), Path(argv[2]), argv[3])
    print("\n".join(changes) if changes else "No message changed: the catalogs are up to date.")
    return 0


def broken_catalog_lines(locale_dir: Path, language: str) -> list[str]:
    """Each broken line of the language's catalogs, located, with what to do. Updating reads a
    catalog as leniently as Babel does: `msgstr "公司` would be written back as "公", the
    damage hidden and the mistake gone from view. Nothing is written while any is broken."""
    catalogs = sorted((locale_dir / language / "LC_MESSAGES").rglob("*.po"))
    return [
        f"{where(problem.path, problem.line)}: {problem.message}; fix it, then run "
        "`make translations` again"
        for path in catalogs
        for problem in syntax_problems(path)
    ]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
