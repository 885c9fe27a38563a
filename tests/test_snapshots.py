"""The HTML the extension draws, pinned: every page body of the test roots, compared with the
files in `tests/snapshots/`. A refactoring must leave them as they are; a deliberate change to
the output is re-recorded with `KB_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py` and
reviewed as a diff."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import ROOTS_DIR, build_copy

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE = os.environ.get("KB_UPDATE_SNAPSHOTS") == "1"


def page_bodies(outdir: Path) -> dict[str, str]:
    """Each page's main content, prettified so that a difference reads line by line."""
    bodies = {}
    for path in sorted(outdir.rglob("*.html")):
        main = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(
            'div[role="main"]'
        )
        if main is not None:
            bodies[path.relative_to(outdir).as_posix()] = main.prettify()
    return bodies


@pytest.mark.parametrize(
    ("root", "edition"),
    [("registry", "internal"), ("editions", "internal"), ("editions", "public")],
)
def test_pages_drawn_by_the_extension_match_their_snapshots(
    tmp_path: Path, root: str, edition: str
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS_DIR / f"test-{root}", srcdir)
    # A fixed "today", so that review notices do not change with the calendar.
    settings = {"kb_edition": edition, "kb_today": "2026-11-26"}
    build = build_copy(srcdir, tmp_path / "out", "html", settings)
    assert build.statuscode == 0, build.warnings
    bodies = page_bodies(build.outdir)
    folder = SNAPSHOTS / f"{root}-{edition}"
    if UPDATE:
        for page, body in bodies.items():
            (folder / page).parent.mkdir(parents=True, exist_ok=True)
            (folder / page).write_text(body, encoding="utf-8")
    recorded = {p.relative_to(folder).as_posix() for p in folder.rglob("*.html")}
    assert set(bodies) == recorded
    for page, body in bodies.items():
        assert body == (folder / page).read_text(encoding="utf-8"), page
