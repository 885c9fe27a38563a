"""Partial dates are shown and ordered at their own precision, never padded."""

from __future__ import annotations

import datetime as dt

import pytest

from biotroy_kb.registry.dates import PartialDate, PartialDateError


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (2020, "2020"),
        ("2023-09", "September 2023"),
        ("2023-09-15", "15 September 2023"),
        (dt.date(2021, 6, 1), "1 June 2021"),
        ("not stated", "Not stated"),
    ],
)
def test_date_is_shown_at_its_own_precision(raw: object, shown: str) -> None:
    assert PartialDate.parse(raw).display() == shown


@pytest.mark.parametrize(
    ("raw", "iso"), [(2020, "2020"), ("2023-09", "2023-09"), ("Not Stated", "not stated")]
)
def test_date_round_trips_to_what_the_registry_wrote(raw: object, iso: str) -> None:
    assert PartialDate.parse(raw).iso() == iso


def test_month_date_is_never_padded_with_a_day() -> None:
    date = PartialDate.parse("2023-09")
    assert (date.year, date.month, date.day, date.precision) == (2023, 9, None, "month")


def test_dates_sort_chronologically_year_before_its_months_unstated_last() -> None:
    raw = ["not stated", "2023-09", "2023", "2020", "2023-09-02"]
    ordered = sorted(PartialDate.parse(r) for r in raw)
    assert [d.iso() for d in ordered] == ["2020", "2023", "2023-09", "2023-09-02", "not stated"]


@pytest.mark.parametrize("raw", ["2023-13", "2023-02-30", "Sept 2023", "23", "2023/09"])
def test_impossible_or_malformed_date_is_refused_with_what_was_found(raw: str) -> None:
    with pytest.raises(PartialDateError, match=raw.replace("/", ".")):
        PartialDate.parse(raw)


def test_a_date_with_a_time_of_day_is_refused() -> None:
    with pytest.raises(PartialDateError, match="time of day"):
        PartialDate.parse(dt.datetime(2023, 9, 1, 12, 0))
