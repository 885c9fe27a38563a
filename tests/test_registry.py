"""The registry: the real data loads and cross-checks; bad data stops with file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from biotroy_kb.registry import RegistryError, load_registry
from biotroy_kb.registry.schema import schema_files

DATA_DIR = Path(__file__).resolve().parent.parent / "docs" / "_data"


def edit(path: Path, old: str, new: str) -> int:
    """Replace `old` by `new` once; return the line the edit is on."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_real_registry_loads_with_every_fact_sourced() -> None:
    registry = load_registry(DATA_DIR)
    assert registry.facts["BT02.cn-acceptance.identifier"].text == "CXSL2300740"
    assert registry.facts["BT02.us-ind.date"].text == "September 2023"
    assert registry.facts["company.founded"].text == "2020"
    assert all(fact.source.id in registry.sources for fact in registry.facts.values())


def test_platform_count_is_derived_from_the_platforms() -> None:
    registry = load_registry(DATA_DIR)
    assert len(registry.platforms) == 7
    assert registry.facts["platforms.count"].text == "seven"


def test_regulatory_events_use_the_exact_words() -> None:
    registry = load_registry(DATA_DIR)
    titles = [m.title for m in registry.milestones]
    assert "BT02: IND cleared by the FDA (United States)" in titles
    assert "BT02: Clinical trial application approved by the NMPA's CDE (China)" in titles
    assert not any("FDA" in t and "approved" in t for t in titles)


def test_timeline_orders_dates_at_their_precision_with_unstated_last() -> None:
    registry = load_registry(DATA_DIR)
    shown = [m.date.display() for m in registry.milestones]
    assert shown[:3] == ["2020", "2023", "September 2023"]
    assert set(shown[3:]) == {"Not stated"}


def test_malformed_yaml_names_file_and_line(data_copy: Path) -> None:
    line = edit(data_copy / "pipeline.yaml", "  - code: BT02", "  - code: [BT02")
    with pytest.raises(RegistryError, match=rf"pipeline\.yaml:{line + 1}: malformed YAML"):
        load_registry(data_copy)


def test_unknown_field_names_file_line_and_field_path(data_copy: Path) -> None:
    line = edit(data_copy / "pipeline.yaml", "    modality:", "    modalty:")
    with pytest.raises(
        RegistryError,
        match=rf"pipeline\.yaml:{line}: assets\[0\]\.modalty: unknown field \(did you mean 'modality'\?\)",
    ):
        load_registry(data_copy)


def test_missing_field_names_the_entry(data_copy: Path) -> None:
    line = edit(data_copy / "pipeline.yaml", "    stage: IND\n", "")
    with pytest.raises(
        RegistryError, match=r"pipeline\.yaml:\d+: assets\[0\]\.stage: required field is missing"
    ):
        load_registry(data_copy)
    assert line > 1


def test_invalid_date_names_file_line_and_value(data_copy: Path) -> None:
    line = edit(data_copy / "pipeline.yaml", "date: 2023-09", "date: 2023-13")
    with pytest.raises(
        RegistryError,
        match=rf"pipeline\.yaml:{line}: assets\[0\]\.events\[0\]\.date: '2023-13' is not a real date",
    ):
        load_registry(data_copy)


def test_unknown_source_lists_the_known_ones(data_copy: Path) -> None:
    line = edit(data_copy / "facts.yaml", "source: bt02-press-release", "source: bt02-pres-release")
    with pytest.raises(
        RegistryError,
        match=rf"facts\.yaml:{line}: facts\.company\.name\.source: unknown source 'bt02-pres-release' "
        r"\(known: bt02-press-release, regulatory-notes\)",
    ):
        load_registry(data_copy)


def test_unknown_stage_lists_the_stages(data_copy: Path) -> None:
    line = edit(data_copy / "pipeline.yaml", "stage: IND", "stage: Phase 4")
    with pytest.raises(
        RegistryError, match=rf"pipeline\.yaml:{line}: assets\[0\]\.stage: unknown stage 'Phase 4'"
    ):
        load_registry(data_copy)


def test_rule_naming_an_unknown_fact_suggests_the_nearest(data_copy: Path) -> None:
    line = edit(data_copy / "rules.yaml", "fact: company.founded", "fact: company.founed")
    with pytest.raises(
        RegistryError,
        match=rf"rules\.yaml:{line}: rules\[1\]\.fact: unknown fact key 'company.founed' \(nearest: company.founded",
    ):
        load_registry(data_copy)


def test_duplicate_asset_code_is_refused(data_copy: Path) -> None:
    text = (data_copy / "pipeline.yaml").read_text()
    asset = text[text.index("  - code: BT02") :]
    (data_copy / "pipeline.yaml").write_text(text + asset)
    with pytest.raises(
        RegistryError, match=r"pipeline\.yaml:\d+: assets\[1\]\.code: duplicate code 'BT02'"
    ):
        load_registry(data_copy)


def test_not_stated_fact_without_a_note_is_refused(data_copy: Path) -> None:
    edit(
        data_copy / "facts.yaml",
        "    note: The release does not say how many people",
        "    remark: x",
    )
    with pytest.raises(RegistryError, match=r"facts\.yaml:\d+: facts\.company\.headcount"):
        load_registry(data_copy)


def test_committed_json_schemas_match_the_models() -> None:
    committed = {p.name: p.read_text() for p in (DATA_DIR / "schemas").glob("*.json")}
    assert committed == schema_files(), "run `make schema` and commit docs/_data/schemas/"


def test_every_registry_file_points_editors_at_its_schema() -> None:
    for name in schema_files():
        yaml_file = DATA_DIR / name.replace(".schema.json", ".yaml")
        assert f"$schema=schemas/{name}" in yaml_file.read_text().splitlines()[0]
        assert json.loads((DATA_DIR / "schemas" / name).read_text())["type"] == "object"
