"""Every kind of broken registry file is one located problem: the file, the line and what to fix.

Each test edits a copy of the real `docs/_data/` and reads the `RegistryError`'s problems.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from biotroy_kb.core.bugs import BUG_NOTE, OurBug, bug_noted
from biotroy_kb.registry import RegistryError, load_registry
from biotroy_kb.registry.problems import Problem

DATA_DIR = Path(__file__).resolve().parent.parent / "docs" / "_data"


@pytest.fixture
def data(data_copy: Path) -> Path:
    return data_copy


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def problems(data_dir: Path) -> list[Problem]:
    with pytest.raises(RegistryError) as caught:
        load_registry(data_dir)
    return caught.value.problems


def test_duplicate_key_names_both_lines(data: Path) -> None:
    facts = data / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text + "  company.city:\n    value: Beijing\n    source: bt02-press-release\n")
    first, again = line_of(facts, "company.city:"), len(text.splitlines()) + 1
    assert problems(data) == [
        Problem(
            facts,
            again,
            f"duplicate key 'company.city', first on line {first} and again on line {again} "
            "(YAML would keep only the last)",
        )
    ]


def test_duplicate_field_inside_an_entry_is_refused(data: Path) -> None:
    facts = data / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(
        text.replace("    value: Shanghai\n", "    value: Shanghai\n    value: Beijing\n")
    )
    line = line_of(facts, "value: Beijing")
    [problem] = problems(data)
    assert (problem.path, problem.line) == (facts, line)
    assert problem.message.startswith(f"duplicate key 'value', first on line {line - 1} and again")


def test_alias_bomb_is_refused_at_its_first_anchor(data: Path) -> None:
    tags = data / "tags.yaml"
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]"
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    tags.write_text(
        tags.read_text(encoding="utf-8") + "bomb:\n" + "".join(f"  {x}\n" for x in levels)
    )
    line = line_of(tags, "a: &a")
    assert problems(data) == [
        Problem(
            tags,
            line,
            "anchors and aliases (&name, *name) are not allowed here: write the value out",
        )
    ]


def test_merge_key_alias_is_refused(data: Path) -> None:
    sources = data / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(
        text.replace("  - id: bt02-press-release", "  - &release\n    id: bt02-press-release", 1)
    )
    [problem] = problems(data)
    assert problem.line == line_of(sources, "&release")
    assert "anchors and aliases" in problem.message


def test_a_file_far_larger_than_a_registry_is_refused_at_its_first_line(data: Path) -> None:
    """A pasted export, say: refused before it is parsed."""
    tags = data / "tags.yaml"
    padding = "# " + "x" * 98 + "\n"
    tags.write_text(tags.read_text(encoding="utf-8") + padding * (4 * 1024 * 1024 // 100))
    assert problems(data) == [
        Problem(tags, 1, "the file is larger than 4096 KB; is it the right file?")
    ]


def test_file_that_is_not_utf8_names_the_line_of_the_bad_byte(data: Path) -> None:
    pipeline = data / "pipeline.yaml"
    line = line_of(pipeline, "agency: NMPA's CDE")
    raw = pipeline.read_bytes().replace(b"NMPA's CDE", b"NMPA\x92s CDE", 1)
    pipeline.write_bytes(raw)
    assert problems(data) == [
        Problem(
            pipeline,
            line,
            "the file is not UTF-8: byte 0x92 cannot be read (save the file as UTF-8)",
        )
    ]


def test_control_character_names_its_line(data: Path) -> None:
    facts = data / "facts.yaml"
    line = line_of(facts, "value: Shanghai")
    facts.write_text(facts.read_text(encoding="utf-8").replace("Shanghai", "Shang\x07hai"))
    assert problems(data) == [
        Problem(facts, line, "control character 0x0007 is not allowed (delete it)")
    ]


def test_empty_file_names_the_file_and_what_was_expected(data: Path) -> None:
    (data / "platforms.yaml").write_text("# nothing here yet\n")
    assert problems(data) == [
        Problem(
            data / "platforms.yaml",
            1,
            "the file is empty; expected a mapping with the keys 'platforms'",
        )
    ]


def test_wrong_top_level_type_names_the_file_and_what_was_expected(data: Path) -> None:
    (data / "pipeline.yaml").write_text("- BT02\n- BT03\n")
    assert problems(data) == [
        Problem(
            data / "pipeline.yaml",
            1,
            "the file: expected a mapping with the keys 'stages', 'assets', found a list",
        )
    ]


def test_value_of_the_wrong_type_names_its_line(data: Path) -> None:
    pipeline = data / "pipeline.yaml"
    text = pipeline.read_text(encoding="utf-8")
    pipeline.write_text(text.replace("      - Advanced solid tumours", "      - [Advanced, solid]"))
    line = line_of(pipeline, "[Advanced, solid]")
    assert problems(data) == [
        Problem(pipeline, line, "assets[0].indications[0]: input should be a valid string")
    ]


def test_truncated_file_names_the_missing_fields(data: Path) -> None:
    sources = data / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    cut = text.index("    publisher:")
    sources.write_text(text[:cut])
    found = problems(data)
    assert {p.message for p in found} >= {
        "sources[0].publisher: required field is missing",
        "sources[0].description: required field is missing",
    }
    assert {(p.path, p.line) for p in found} == {(sources, line_of(sources, "  - id:"))}


def test_every_problem_of_every_file_is_reported_together(data: Path) -> None:
    (data / "platforms.yaml").write_text("")
    tags = data / "tags.yaml"
    tags.write_text(tags.read_text(encoding="utf-8").replace("label: China", "lable: China"))
    found = problems(data)
    assert [(p.path.name, p.message.split(":")[0]) for p in found] == [
        ("platforms.yaml", "the file is empty; expected a mapping with the keys 'platforms'"),
        ("tags.yaml", "tags[1].lable"),
    ]


def test_every_cross_reference_problem_is_reported_together(data: Path) -> None:
    facts = data / "facts.yaml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace("source: regulatory-notes", "source: notes")
    )
    pipeline = data / "pipeline.yaml"
    pipeline.write_text(
        pipeline.read_text(encoding="utf-8").replace("stage: IND", "stage: Phase 4")
    )
    found = problems(data)
    assert [p.path.name for p in found] == ["facts.yaml", "pipeline.yaml"]
    assert "unknown source 'notes'" in found[0].message
    assert "unknown stage 'Phase 4'" in found[1].message


def test_missing_registry_file_names_it(data: Path) -> None:
    (data / "rules.yaml").unlink()
    assert problems(data) == [
        Problem(data / "rules.yaml", None, "missing registry file rules.yaml")
    ]


def test_an_exception_in_our_handler_says_it_is_our_bug() -> None:
    def broken_handler(app: object) -> None:
        raise KeyError("oops")

    with pytest.raises(OurBug) as caught:
        bug_noted(broken_handler)(None)
    assert BUG_NOTE in str(caught.value)
    assert "KeyError" in str(caught.value)
    assert isinstance(caught.value.__cause__, KeyError)
