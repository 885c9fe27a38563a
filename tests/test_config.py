"""The extension's settings: a wrong value stops the build with one line naming the setting."""

from __future__ import annotations

import pytest

from biotroy_kb.core.config import SETTINGS


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("kb_edition", "publik", "kb_edition = 'publik': expected one of 'internal', 'public'"),
        ("kb_today", "2026-13-01", "kb_today = '2026-13-01': expected a date as YYYY-MM-DD"),
        ("kb_news_dir", "../news", "kb_news_dir = '../news': expected a folder inside"),
        ("kb_fast_navigation", "yes", "'kb_fast_navigation' must be '0' or '1', got 'yes'"),
        ("kb_search_pages_per_part", 0, "kb_search_pages_per_part = 0: expected a whole number"),
        ("language", "fr", "language = 'fr': expected one of 'en', 'zh_CN'"),
    ],
)
def test_a_wrong_setting_is_one_configuration_error_naming_it(
    variant, setting: str, value: object, message: str
) -> None:
    build = variant("minimal", confoverrides={setting: value})
    assert build.statuscode != 0
    assert build.error is not None
    assert build.error.startswith(message)
    assert "\n" not in build.error


def test_every_setting_is_declared_with_help_text() -> None:
    names = [setting.name for setting in SETTINGS]
    assert len(names) == len(set(names))
    assert all(name.startswith("kb_") for name in names)
    assert all(setting.help.endswith(".") for setting in SETTINGS)
