"""The browser tests drive Chromium's headless shell (`serving.TEST_BROWSER`); readers run the
browser itself. A few of a reader's paths (a tap, hovering, the keyboard, search on a phone) run
again here in that browser, so that a difference between the two shows in the tests and not on
a reader's screen: the shell's `mouseleave` after a tap, which closed a tooltip, was one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser
from test_reading import (
    test_a_first_tap_on_a_fact_shows_its_source_and_a_second_follows_it,
    test_focusing_a_glossary_link_with_the_keyboard_shows_its_definition,
    test_hovering_a_glossary_link_shows_its_definition,
    test_moving_the_mouse_off_a_glossary_link_closes_its_definition,
)
from test_search_as_you_type import test_search_works_on_a_phone

from serving import READER_BROWSER, ServedSite, chromium

pytestmark = pytest.mark.browser

__all__ = [
    "test_a_first_tap_on_a_fact_shows_its_source_and_a_second_follows_it",
    "test_focusing_a_glossary_link_with_the_keyboard_shows_its_definition",
    "test_hovering_a_glossary_link_shows_its_definition",
    "test_moving_the_mouse_off_a_glossary_link_closes_its_definition",
    "test_search_works_on_a_phone",
]


@pytest.fixture(scope="module")
def browser(site: ServedSite) -> Iterator[Browser]:
    """The browser a reader runs, in place of the tests' headless shell, for this module."""
    with chromium(READER_BROWSER) as browser:
        yield browser


def test_this_module_drives_the_readers_browser_not_the_shell(browser: Browser) -> None:
    """The browser has its PDF viewer, which the shell leaves out."""
    context = browser.new_context()
    assert context.new_page().evaluate("navigator.pdfViewerEnabled") is True
    context.close()
