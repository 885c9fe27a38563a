"""Each thing said once: the check fails a long sentence said on more than two pages, naming
every page and line, and its thresholds are data (`repetition` in rules.yaml)."""

from __future__ import annotations

import pytest

from biotroy_kb.check.repetition import is_long, normalised
from biotroy_kb.check.text import FACT_MARK
from biotroy_kb.registry.files import RepetitionRule

SAID = "The same background sentence of more than ten words is pasted onto this page."
ON_THREE_PAGES = {
    "facts.md": ("# Facts\n", f"# Facts\n\n{SAID}\n"),
    "chart.md": ("# Chart\n", f"# Chart\n\n{SAID}\n"),
    "timeline.md": ("# Timeline\n", f"# Timeline\n\n{SAID}\n"),
}


def test_a_sentence_on_three_pages_fails_naming_each_page_and_line(variant) -> None:
    build = variant("registry", ON_THREE_PAGES, builder="kbcheck")
    failures = [f for f in build.failures() if "[repetition]" in f]
    where = ", ".join(
        f"{build.srcdir / name}:7" for name in ("chart.md", "facts.md", "timeline.md")
    )
    assert failures == [
        f"{build.srcdir / 'chart.md'}:7: [repetition] the same sentence on 3 pages (at most 2): "
        f"{SAID!r} at {where}; say it once and link to it"
    ]


def test_the_pages_allowed_are_data(variant) -> None:
    rule = ("rules:\n", "repetition:\n  max_pages: 3\nrules:\n")
    build = variant("registry", {**ON_THREE_PAGES, "_data/rules.yaml": rule}, builder="kbcheck")
    assert [f for f in build.failures() if "[repetition]" in f] == []


@pytest.mark.parametrize(
    ("sentence", "long"),
    [
        ("One two three four five six seven eight nine ten", True),
        ("One two three four five six seven eight nine", False),
        ("临床前研究显示出良好的安全性和突出的临床前疗效，针对多种实体瘤。", True),
        ("这是一个短句。", False),
    ],
)
def test_a_sentence_counts_in_words_or_chinese_characters(sentence: str, long: bool) -> None:
    assert is_long(normalised(sentence), RepetitionRule()) is long


def test_a_fact_counts_as_one_word_whatever_its_value() -> None:
    assert normalised(f"Founded in {FACT_MARK} in {FACT_MARK}, it grew.") == normalised(
        f"founded in {FACT_MARK} in {FACT_MARK} it grew"
    )
