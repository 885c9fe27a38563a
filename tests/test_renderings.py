"""Renderings (`_data/renderings/<language>.yaml`) are a dependency of exactly the pages that show
one: an edit rebuilds those pages and no other, and a rendering taken away is reported on an
incremental build too, at the renderings file and naming the page that needs it."""

from __future__ import annotations

from pathlib import Path

from sitebuild import build_copy, copy_root, edit, run_sphinx

RENDERINGS = "_data/renderings/zh_CN.yaml"


def build(srcdir: Path, builddir: Path):
    return run_sphinx(srcdir, builddir)


def written_at(outdir: Path, *pages: str) -> dict[str, int]:
    return {page: (outdir / f"{page}.html").stat().st_mtime_ns for page in pages}


def test_an_edited_rendering_rebuilds_exactly_the_pages_that_show_it(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "renderings")
    first = build(srcdir, tmp_path / "out")
    assert first.statuscode == 0, first.warnings
    before = written_at(first.outdir, "city", "plain")
    edit(srcdir / RENDERINGS, "Shanghai: 上海", "Shanghai: 上海市")
    second = build(srcdir, tmp_path / "out")
    assert second.statuscode == 0, second.warnings
    after = written_at(second.outdir, "city", "plain")
    assert {page: after[page] != before[page] for page in before} == {"city": True, "plain": False}
    assert "上海市" in (second.outdir / "city.html").read_text(encoding="utf-8")


def test_a_removed_rendering_is_reported_on_an_incremental_build(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "renderings")
    assert build(srcdir, tmp_path / "out").statuscode == 0
    edit(srcdir / RENDERINGS, "  Shanghai: 上海\n", "")
    second = build(srcdir, tmp_path / "out")
    assert second.statuscode == 1
    assert f"{srcdir / RENDERINGS}:2: WARNING: no zh_CN rendering for the registry value " in (
        second.warnings
    )
    assert "'Shanghai' (shown on page city): add it to this file [kb.rendering]" in (
        second.warnings
    )


def test_the_wording_rules_apply_to_renderings_at_their_line(tmp_path: Path) -> None:
    """A rendering that gives the founder characters fails the check at its own line, as a
    catalog entry would: once for the forbidden rendering, once for the name it drops."""
    srcdir = copy_root(tmp_path, "renderings")
    edit(srcdir / RENDERINGS, "Dr. Xu: Xu博士", "Dr. Xu: 徐 博士")
    check = build_copy(srcdir, tmp_path / "out", "kbcheck")
    failures = [line for line in check.failures() if RENDERINGS in line]
    where = f"{srcdir / RENDERINGS}:8: [catalogs]"
    assert failures == [
        f"{where} forbidden rendering '徐 博士': keep 'Xu博士': no source gives Xu's characters",
        f"{where} the name 'Xu' is in the English 1 time(s) but in the translation 0: it keeps "
        "its Latin letters (no source gives Xu's characters)",
    ]
