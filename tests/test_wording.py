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
    assert wording.problems("IND获FDA许可，Xu博士说。") == []


def test_the_real_rules_want_one_term_for_the_lead_asset_and_research_platforms() -> None:
    wording = load_wording(DOCS_DIR / "_data" / "wording" / "zh_CN.yaml")
    for variant in ("核心在研药物", "先导候选药物", "核心抗体"):
        [problem] = wording.problems(f"BT02是BioTroy的{variant}。")
        assert problem.startswith(f"'{variant}' for the lead asset (BT02): write 核心候选药物")
    [problem] = wording.problems("七个科研平台")
    assert problem == "'科研平台' for a research platform: write 研究平台 (one term per concept)"


def test_a_name_kept_in_latin_letters_must_be_as_often_in_the_translation() -> None:
    wording = load_wording(DOCS_DIR / "_data" / "wording" / "zh_CN.yaml")
    assert (
        wording.problems("BioTroy的创始人是Xu博士。", english="BioTroy's founder is Dr. Xu.") == []
    )
    problems = wording.problems("公司的创始人是许博士。", english="BioTroy's founder is Dr. Xu.")
    assert "the name 'BioTroy' is in the English 1 time(s) but in the translation 0" in problems[-2]
    assert problems[-1].startswith("the name 'Xu' is in the English 1 time(s)")


def test_the_spacing_rule_is_data_and_either_way(tmp_path: Path) -> None:
    none = load_wording(write(tmp_path, "spacing: none\n"))
    assert none.problems("获FDA许可") == []
    assert none.problems("获 FDA 许可") == [
        "spacing '获 F': the rule is no space between Chinese characters and Latin letters or "
        "digits",
        "spacing 'A 许': the rule is no space between Chinese characters and Latin letters or "
        "digits",
    ]
    space = load_wording(write(tmp_path, "spacing: space\n"))
    assert space.problems("获 FDA 许可") == []
    assert len(space.problems("获FDA许可")) == 2


def test_a_spacing_rule_outside_the_two_is_named_with_what_is_allowed(tmp_path: Path) -> None:
    with pytest.raises(RegistryError) as caught:
        load_wording(write(tmp_path, "forbidden: []\nspacing: thin\n"))
    [problem] = caught.value.problems
    assert problem.line == 2
    assert problem.message.startswith("spacing: ")
    assert "'none' or 'space'" in problem.message


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
