"""Linear navigation: furo's sidebar built once per build, each page byte for byte the same as
stock furo's, and stock behaviour wherever the speed-up does not apply."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from biotroy_kb.html import navigation

from sitebuild import DOCS_DIR, ROOTS_DIR, run_sphinx


def build(srcdir: Path, builddir: Path, fast: bool, parallel: int = 0) -> dict[str, bytes]:
    # the pruned sidebar (tests/test_navigation_prune.py) is not stock furo's by design
    settings = {"kb_fast_navigation": fast, "kb_navigation_prune": False}
    built = run_sphinx(srcdir, builddir, confoverrides=settings, parallel=parallel)
    assert built.statuscode == 0, built.warnings
    outdir = built.outdir
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}


@pytest.fixture
def navigation_root(tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS_DIR / "test-navigation", srcdir)
    return srcdir


def test_every_page_is_byte_identical_to_stock_furo(navigation_root: Path, tmp_path: Path) -> None:
    stock = build(navigation_root, tmp_path / "stock", fast=False)
    fast = build(navigation_root, tmp_path / "fast", fast=True)
    assert len(stock) >= 9
    assert fast.keys() == stock.keys()
    assert [page for page in stock if fast[page] != stock[page]] == []


def test_the_real_site_is_byte_identical_to_stock_furo(tmp_path: Path) -> None:
    stock = build(DOCS_DIR, tmp_path / "stock", fast=False)
    fast = build(DOCS_DIR, tmp_path / "fast", fast=True)
    assert [page for page in stock if fast[page] != stock[page]] == []


def test_parallel_build_with_the_speed_up_matches_a_serial_one(
    navigation_root: Path, tmp_path: Path
) -> None:
    serial = build(navigation_root, tmp_path / "serial", fast=True)
    parallel = build(navigation_root, tmp_path / "parallel", fast=True, parallel=2)
    assert parallel == serial


def test_the_sidebar_is_rendered_once_per_build(
    navigation_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    original = navigation.NavigationTemplate.parse
    monkeypatch.setattr(
        navigation.NavigationTemplate,
        "parse",
        classmethod(lambda cls, html: calls.append(html) or original(html)),
    )
    pages = build(navigation_root, tmp_path / "fast", fast=True)
    assert len(pages) >= 9
    assert len(calls) == 1


def test_an_unknown_furo_version_keeps_stock_behaviour(
    navigation_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import furo

    monkeypatch.setattr(furo, "__version__", "2099.1.1")
    calls: list[str] = []
    monkeypatch.setattr(
        navigation.NavigationTemplate, "parse", classmethod(lambda cls, html: calls.append(html))
    )
    build(navigation_root, tmp_path / "unknown", fast=True)
    assert calls == []


def test_current_page_branch_is_marked_like_sphinx_does() -> None:
    html = (
        '<ul><li class="toctree-l1 has-children"><a class="reference internal" href="a/index.html">A</a>'
        '<input aria-label="Toggle navigation of A" class="toctree-checkbox" id="c1" name="c1" role="switch" type="checkbox"/>'
        '<ul><li class="toctree-l2"><a class="reference internal" href="a/b.html">B</a></li></ul></li></ul>'
    )
    page = navigation.NavigationTemplate.parse(html).render("a/b.html")
    assert page == (
        '<ul class="current"><li class="toctree-l1 current has-children"><a class="reference internal" href="index.html">A</a>'
        '<input aria-label="Toggle navigation of A" checked="" class="toctree-checkbox" id="c1" name="c1" role="switch" type="checkbox"/>'
        '<ul class="current"><li class="toctree-l2 current current-page"><a class="current reference internal" href="#">B</a></li></ul></li></ul>'
    )


def test_a_pruned_tree_keeps_only_the_classes_something_reads() -> None:
    html = (
        '<ul><li class="toctree-l1 has-children"><a class="reference internal" href="a/index.html">A</a>'
        '<ul><li class="toctree-l2"><a class="reference internal" href="a/b.html">B</a></li>'
        '<li class="toctree-l2 has-children"><a class="reference external" href="https://x.org/">X</a>'
        "</li></ul></li></ul>"
    )
    tree = navigation.without_unread_classes(html)
    assert tree == (
        '<ul><li class="toctree-l1 has-children"><a class="reference" href="a/index.html">A</a>'
        '<ul><li><a class="reference" href="a/b.html">B</a></li>'
        '<li class="has-children"><a class="reference external" href="https://x.org/">X</a>'
        "</li></ul></li></ul>"
    )
    page = navigation.NavigationTemplate.parse(tree).render("a/b.html", prune=True)
    assert '<li class="current current-page"><a class="current reference" href="#">B</a>' in page
