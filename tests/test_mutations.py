"""Whatever an author does to a registry file or a page's front matter, the outcome is a clean
build or located one-line problems: never a traceback, never a hang.

Hypothesis mutates copies of the real `docs/_data/*.yaml` and of a real news page's front matter
the ways people break YAML by hand (a deleted line, a wrong indent, a value of the wrong type, a
truncated file, a control byte, an empty file, a duplicated key, an alias bomb, bytes that are not
UTF-8, ...). The seed is fixed (`derandomize`), so every run tries the same examples.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biotroy_kb.directives.news import read_news_item
from biotroy_kb.registry import RegistryError, load_registry

from sitebuild import DOCS_DIR, ROOTS_DIR, build_copy

DATA_DIR = DOCS_DIR / "_data"
REGISTRY_FILES = sorted(path.name for path in DATA_DIR.glob("*.yaml"))
NEWS_PAGE = DOCS_DIR / "news" / "bt02-nmpa-clinical-trial-approval.md"
ALIAS_BOMB = b"bomb:\n  a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
    b"  %s: &%s [%s]\n" % (name, name, b", ".join([b"*" + prev] * 9))
    for prev, name in zip(
        [b"a", b"b", b"c", b"d", b"e", b"f", b"g"],
        [b"b", b"c", b"d", b"e", b"f", b"g", b"h"],
        strict=True,
    )
)
WRONG_VALUES = [b"[1, 2]", b"{a: 1}", b"12", b"", b"null", b"'", b"2023-13-45", b"- x"]

Mutation = Callable[[bytes], bytes]


def _lines(raw: bytes) -> list[bytes]:
    return raw.splitlines(keepends=True) or [b""]


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, Mutation]:
    """A named way to break a file, with its positions drawn as fractions of the file."""
    where = draw(st.floats(min_value=0, max_value=1, allow_nan=False))
    other = draw(st.floats(min_value=0, max_value=1, allow_nan=False))
    byte = draw(st.sampled_from([b"\x00", b"\x07", b"\x1b", b"\x7f", b"\xff", b"\x92", b"\xc3"]))
    value = draw(st.sampled_from(WRONG_VALUES))
    text = draw(st.text(alphabet=":-[]{}&*!|>'\"#\t ,?%@`x\n", max_size=6))

    def at(lines: list[bytes], fraction: float) -> int:
        return min(int(fraction * len(lines)), len(lines) - 1)

    def delete_line(raw: bytes) -> bytes:
        lines = _lines(raw)
        del lines[at(lines, where)]
        return b"".join(lines)

    def duplicate_line(raw: bytes) -> bytes:
        lines = _lines(raw)
        index = at(lines, where)
        lines.insert(index, lines[index])
        return b"".join(lines)

    def indent(raw: bytes) -> bytes:
        lines = _lines(raw)
        index = at(lines, where)
        lines[index] = (b"  " if other < 0.5 else b" ") + lines[index]
        return b"".join(lines)

    def dedent(raw: bytes) -> bytes:
        lines = _lines(raw)
        index = at(lines, where)
        lines[index] = lines[index].lstrip(b" ")
        return b"".join(lines)

    def wrong_value(raw: bytes) -> bytes:
        lines = _lines(raw)
        index = at(lines, where)
        key, colon, _ = lines[index].partition(b": ")
        if colon:
            lines[index] = key + colon + value + b"\n"
        return b"".join(lines)

    def truncate(raw: bytes) -> bytes:
        return raw[: int(where * len(raw))]

    def insert_byte(raw: bytes) -> bytes:
        cut = int(where * len(raw))
        return raw[:cut] + byte + raw[cut:]

    def insert_text(raw: bytes) -> bytes:
        cut = int(where * len(raw))
        return raw[:cut] + text.encode() + raw[cut:]

    def swap_lines(raw: bytes) -> bytes:
        lines = _lines(raw)
        i, j = at(lines, where), at(lines, other)
        lines[i], lines[j] = lines[j], lines[i]
        return b"".join(lines)

    def empty(raw: bytes) -> bytes:
        return b""

    def alias_bomb(raw: bytes) -> bytes:
        return raw + ALIAS_BOMB

    def top_level_list(raw: bytes) -> bytes:
        return b"- " + raw.replace(b"\n", b"\n  ")

    name, mutate = draw(
        st.sampled_from(
            [
                ("delete a line", delete_line),
                ("duplicate a line", duplicate_line),
                ("indent a line", indent),
                ("dedent a line", dedent),
                ("a value of the wrong type", wrong_value),
                ("truncate", truncate),
                ("insert a byte", insert_byte),
                ("insert YAML punctuation", insert_text),
                ("swap two lines", swap_lines),
                ("empty the file", empty),
                ("append an alias bomb", alias_bomb),
                ("make the top level a list", top_level_list),
            ]
        )
    )
    return name, mutate


#: `path:line: WARNING: ...` (or ERROR); MyST names only the file for some front matter problems
LOCATED = re.compile(r"^/\S+?(:\d+)?: (WARNING|ERROR): \S")
COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def assert_located_one_line(message: str, line: int | None, line_count: int) -> None:
    assert message.strip() and "\n" not in message, message
    assert "Traceback" not in message
    if line is not None:
        assert 1 <= line <= line_count + 1, (line, message)


@settings(
    derandomize=True,
    database=None,
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(file=st.sampled_from(REGISTRY_FILES), mutation=mutations())
def test_mutated_registry_loads_or_reports_located_problems(
    file: str, mutation: tuple[str, Mutation]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "_data"
        shutil.copytree(DATA_DIR, data)
        _, mutate = mutation
        mutated = mutate((DATA_DIR / file).read_bytes())
        (data / file).write_bytes(mutated)
        try:
            load_registry(data)
        except RegistryError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.path.parent == data
                count = len(problem.path.read_bytes().splitlines()) if problem.line else 0
                assert_located_one_line(problem.message, problem.line, count)


@settings(derandomize=True, database=None, max_examples=100, deadline=None)
@given(mutation=mutations())
def test_mutated_news_front_matter_is_accepted_or_reported_on_its_lines(
    mutation: tuple[str, Mutation],
) -> None:
    registry = load_registry(DATA_DIR)
    raw = NEWS_PAGE.read_bytes()
    end = raw.index(b"\n---\n", 4) + 1
    _, mutate = mutation
    front = mutate(raw[4:end])
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.md"
        page.write_bytes(b"---\n" + front + raw[end:])
        try:
            item, problems = read_news_item(page, registry)
        except UnicodeDecodeError:
            return  # Sphinx itself refuses to read such a page, naming it
        assert (item is None) == bool(problems)
        for problem in problems:
            assert_located_one_line(problem.message, problem.line, len(front.splitlines()) + 2)


@settings(
    derandomize=True,
    database=None,
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    file=st.sampled_from(["_data/pipeline.yaml", "_data/facts.yaml", "news/early.md"]),
    mutation=mutations(),
)
def test_mutated_site_builds_cleanly_or_prints_only_located_lines(
    file: str, mutation: tuple[str, Mutation]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        srcdir = Path(tmp) / "src"
        shutil.copytree(ROOTS_DIR / "test-registry", srcdir)
        _, mutate = mutation
        target = srcdir / file
        if file.endswith(".md"):
            raw = target.read_bytes()
            end = raw.index(b"\n---\n", 4) + 1
            mutated = b"---\n" + mutate(raw[4:end]).replace(b"\n---", b"\n- --") + raw[end:]
            mutated = mutated.decode("utf-8", "replace").encode()  # Sphinx names other bytes
        else:
            mutated = mutate(target.read_bytes())
        target.write_bytes(mutated)
        build = build_copy(srcdir, Path(tmp) / "out", "html")
        if build.statuscode == 0:
            return
        lines = [COLOUR.sub("", line) for line in build.warnings.splitlines() if line.strip()]
        assert lines, build.error
        for line in lines:
            assert LOCATED.match(line), build.warnings
        assert "Traceback" not in build.warnings
