"""The extension's settings: a wrong value stops the build with one line naming the setting,
the value, what is allowed and where it was set; never Sphinx's crash report."""

from __future__ import annotations

from pathlib import Path

import pytest

from biotroy_kb.core.config import SETTINGS, TYPE_WORDS

from sitebuild import copy_root, sphinx_build


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("kb_edition", "publik", "expected one of 'internal', 'public'"),
        ("kb_today", "2026-13-01", "expected a date as YYYY-MM-DD, or '' for today"),
        ("kb_news_dir", "../news", "expected a folder inside the source directory"),
        ("kb_search_pages_per_part", 0, "expected a whole number above 0"),
        ("kb_search_recent_pages", "zero", "expected a whole number"),
        (
            "kb_titles",
            "BioTroy",
            "expected a mapping: give each entry as -D kb_titles.<key>=<value>",
        ),
        ("language", "fr", "expected one of 'en', 'zh_CN', the languages the site is written in"),
    ],
)
def test_a_wrong_setting_is_one_line_naming_it_and_where_it_was_set(
    variant, setting: str, value: object, message: str
) -> None:
    build = variant("minimal", confoverrides={setting: value})
    assert build.statuscode != 0
    assert build.error == f"{setting} = {value!r} (given with -D): {message}"
    assert "\n" not in build.error


def test_a_wrong_switch_value_is_the_same_one_line(variant) -> None:
    build = variant("minimal", confoverrides={"kb_fast_navigation": "yes"})
    assert build.statuscode != 0
    assert build.error == "kb_fast_navigation = 'yes' (given with -D): expected '0' or '1'"


def test_a_wrong_value_given_with_d_is_one_line_and_no_crash_report(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "minimal")
    run = sphinx_build(srcdir, "-D", "kb_edition=publik")
    assert run.returncode != 0
    assert run.stderr.strip().splitlines() == [
        "ERROR: kb_edition = 'publik' (given with -D): expected one of 'internal', 'public' "
        "[kb.config]"
    ]


@pytest.mark.parametrize(
    ("option", "line"),
    [
        (
            "kb_search_recent_pages=zero",
            "kb_search_recent_pages = 'zero' (given with -D): expected a whole number",
        ),
        (
            "kb_editon=public",
            "kb_editon = 'public' (given with -D): no such setting: did you mean kb_edition?",
        ),
    ],
    ids=["a number Sphinx cannot read", "a mistyped name"],
)
def test_a_d_option_sphinx_would_ignore_stops_the_build_before_anything_is_written(
    tmp_path: Path, option: str, line: str
) -> None:
    """Sphinx itself would warn, build every page without it (a mistyped kb_edition=public:
    the internal edition) and fail only at the end, or without -W not at all."""
    srcdir = copy_root(tmp_path, "minimal")
    run = sphinx_build(srcdir, "-D", option)
    assert run.returncode != 0
    assert run.stderr.strip().splitlines() == [f"ERROR: {line} [kb.config]"]
    assert list((srcdir / "_build").rglob("*.html")) == []


def test_an_unknown_setting_unlike_any_lists_the_settings(variant) -> None:
    build = variant("minimal", confoverrides={"kb_colour": "blue"})
    assert build.statuscode != 0
    names = ", ".join(setting.name for setting in SETTINGS)
    assert build.error == (
        f"kb_colour = 'blue' (given with -D): no such setting: the settings are {names}"
    )


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ('kb_editon = "public"', "kb_editon: no such setting: did you mean kb_edition?"),
        ('kb_search_recent_pages = "4"', "kb_search_recent_pages = '4': expected a whole number"),
    ],
    ids=["a mistyped name", "a value of the wrong type"],
)
def test_a_wrong_line_in_conf_py_is_named_with_what_is_allowed(
    tmp_path: Path, assignment: str, message: str
) -> None:
    srcdir = copy_root(tmp_path, "minimal")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text() + assignment + "\n")
    line = len(conf.read_text().splitlines())
    run = sphinx_build(srcdir)
    assert run.returncode != 0
    assert run.stderr.strip().splitlines() == [f"{conf}:{line}: ERROR: {message} [kb.config]"]


def test_every_type_of_setting_has_words_for_what_is_allowed() -> None:
    assert {setting.type for setting in SETTINGS} <= TYPE_WORDS.keys()


def test_a_wrong_value_from_the_environment_names_the_variable(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "minimal")
    run = sphinx_build(srcdir, env={"KB_EDITION": "publik"})
    assert run.returncode != 0
    assert (
        "ERROR: kb_edition = 'publik' (from the environment variable KB_EDITION): expected one "
        "of 'internal', 'public'"
    ) in run.stderr
    assert "Traceback" not in run.stderr and "please open an issue" not in run.stderr


def test_a_wrong_value_in_conf_py_names_its_line(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "minimal")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text() + 'kb_today = "2026-13-01"\n')
    line = len(conf.read_text().splitlines())
    run = sphinx_build(srcdir)
    assert run.returncode != 0
    assert (
        f"conf.py:{line}: ERROR: kb_today = '2026-13-01': expected a date as YYYY-MM-DD"
        in run.stderr
    )
    assert "Traceback" not in run.stderr


def test_the_environment_variable_sets_the_edition_and_d_wins_over_it(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "minimal")
    run = sphinx_build(srcdir, "-D", "kb_edition=internal", env={"KB_EDITION": "publik"})
    assert run.returncode == 0, run.stderr


def test_a_project_whose_kb_edition_is_public_builds_the_public_edition(
    variant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a Read the Docs project does, which passes no -D but its environment variables."""
    monkeypatch.setenv("KB_EDITION", "public")
    build = variant("editions")
    assert build.statuscode == 0, build.warnings
    assert (build.outdir / "public-page.html").is_file()
    assert not (build.outdir / "internal-page.html").exists()


def test_every_setting_is_declared_with_help_text() -> None:
    names = [setting.name for setting in SETTINGS]
    assert len(names) == len(set(names))
    assert all(name.startswith("kb_") for name in names)
    assert all(setting.help.endswith(".") for setting in SETTINGS)
