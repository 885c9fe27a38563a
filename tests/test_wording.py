"""A language's wording rules are data (`_data/wording/<language>.yaml`): read strictly, each
mistake named by file and line, and applied to every catalog entry by the check."""

from __future__ import annotations

from pathlib import Path

import pytest

from biotroy_kb.registry.problems import RegistryError
from biotroy_kb.registry.wording import load_wording

from sitebuild import DOCS_DIR


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "zh_CN.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_real_rules_forbid_what_the_notes_forbid() -> None:
    wording = load_wording(DOCS_DIR / "_data" / "wording" / "zh_CN.yaml")
    said = "FDA批准了它。百奥泰。徐博士。美国食品药品管理局。国家食品药品监督管理局。"
    assert len(wording.problems(said)) == 5
    assert wording.problems("IND 获 FDA 许可，Xu 博士说。") == []


def test_a_language_without_rules_forbids_nothing(tmp_path: Path) -> None:
    assert load_wording(tmp_path / "missing.yaml").problems("FDA批准") == []


def test_a_pattern_that_does_not_compile_names_file_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, "forbidden:\n  - pattern: 'FDA(批准'\n    why: unbalanced\n")
    with pytest.raises(RegistryError) as caught:
        load_wording(path)
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == (path, 2)
    assert problem.message.startswith("forbidden[0].pattern: not a valid regular expression")


def test_a_misspelt_field_is_named_with_the_field_it_may_mean(tmp_path: Path) -> None:
    path = write(tmp_path, "forbidden:\n  - pattern: 百奥泰\n    wyh: another company\n")
    with pytest.raises(RegistryError) as caught:
        load_wording(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.message) == (
        3,
        "forbidden[0].wyh: unknown field (did you mean 'why'?)",
    )
