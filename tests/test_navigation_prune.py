"""Pruned navigation (`kb_navigation_prune`): each page holds the top level of the sidebar and its
own branch, marked as furo marks it; every other branch is in one shared file per build."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

from biotroy_kb.check.leaks import Marker, find_leaks

from sitebuild import ROOTS_DIR, run_sphinx

SHARED_FILE = re.compile(r"kb-navigation\.[0-9a-f]{16}\.js")


def build(srcdir: Path, builddir: Path, prune: bool, **overrides: object) -> Path:
    settings = {"kb_navigation_prune": prune, **overrides}
    built = run_sphinx(srcdir, builddir, confoverrides=settings)
    assert built.statuscode == 0, built.warnings
    return built.outdir


def pages(outdir: Path) -> list[str]:
    return sorted(
        str(p.relative_to(outdir)) for p in outdir.rglob("*.html") if "_static" not in p.parts
    )


def sidebar(outdir: Path, page: str) -> Tag:
    soup = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")
    return soup.select_one(".sidebar-tree")


def shared_branches(outdir: Path) -> dict[str, str]:
    (path,) = [p for p in (outdir / "_static").iterdir() if SHARED_FILE.fullmatch(p.name)]
    text = path.read_text(encoding="utf-8")
    return json.loads(text.removeprefix("window.kbNavigation=").removesuffix(";\n"))


#: The classes of Sphinx's toctree a pruned sidebar leaves out: nothing reads them.
UNREAD_CLASSES = {"internal", *(f"toctree-l{level}" for level in range(2, 10))}


def classes_in(tree: Tag) -> set[str]:
    return {name for element in tree.select("[class]") for name in element["class"]}


def visible_part(tree: Tag) -> str:
    """What stock furo shows before a reader expands anything: no lists under closed items,
    whose toggles the script draws from the number their `data-kb-branch` names, and no
    classes that nothing reads."""
    for element in tree.select("[class]"):
        kept = [name for name in element["class"] if name not in UNREAD_CLASSES]
        if kept:
            element["class"] = kept
        else:
            del element["class"]
    closed = [
        item
        for item in tree.select("li")
        if "current" not in item.get("class", []) and item.find("ul", recursive=False)
    ]
    for item in reversed(closed):
        toggle = item.find("input", recursive=False)
        item["data-kb-branch"] = toggle["id"].removeprefix("toctree-checkbox-")
        for child in item.find_all(["input", "label", "ul"], recursive=False):
            child.decompose()
    return str(tree)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    srcdir = tmp_path_factory.mktemp("navigation") / "src"
    shutil.copytree(ROOTS_DIR / "test-navigation", srcdir)
    return srcdir


@pytest.fixture(scope="module")
def stock(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(root, tmp_path_factory.mktemp("stock"), prune=False)


@pytest.fixture(scope="module")
def pruned(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(root, tmp_path_factory.mktemp("pruned"), prune=True)


def test_pages_hold_no_branch_outside_the_current_path(pruned: Path) -> None:
    opened_elsewhere = {
        (page, item.a.get_text())
        for page in pages(pruned)
        for item in sidebar(pruned, page).select("li")
        if item.find("ul", recursive=False) and "current" not in item.get("class", [])
    }
    assert len(pages(pruned)) >= 9
    assert opened_elsewhere == set()


def test_pages_hold_what_stock_furo_shows_before_anything_is_expanded(
    stock: Path, pruned: Path
) -> None:
    assert pages(pruned) == pages(stock)
    differing = [
        page
        for page in pages(stock)
        if str(sidebar(pruned, page)) != visible_part(sidebar(stock, page))
    ]
    assert differing == []


def test_a_deep_page_keeps_its_ancestors_siblings_and_marks(pruned: Path) -> None:
    tree = sidebar(pruned, "guide/deeper/leaf.html")
    assert [a.get_text() for a in tree.select("a")] == [
        "Guide",
        "First steps",
        "Deeper",
        "A leaf",
        "Shared page",
        "Reference",
        "Python",
        "Hidden page",
    ]
    (page_item,) = tree.select("li.current-page")
    assert page_item.a.get_text() == "A leaf"
    checked = [box.parent.a.get_text() for box in tree.select("input[checked]")]
    assert checked == ["Guide", "Deeper"]


def test_the_classes_left_out_are_read_by_no_stylesheet_or_script(
    stock: Path, pruned: Path
) -> None:
    left_out = set().union(*(classes_in(sidebar(stock, page)) for page in pages(stock)))
    left_out -= set().union(*(classes_in(sidebar(pruned, page)) for page in pages(pruned)))
    assets = [p for p in (pruned / "_static").rglob("*") if p.suffix in (".css", ".js")]
    readers = [
        (asset.name, name)
        for asset in assets
        for name in left_out
        if name in asset.read_text(encoding="utf-8")
    ]
    assert left_out == {"internal", "toctree-l2", "toctree-l3"}
    assert len(assets) >= 8
    assert readers == []


def test_the_first_level_keeps_the_class_furo_styles(pruned: Path) -> None:
    tree = sidebar(pruned, "guide/deeper/leaf.html")
    first_level = [item.a.get_text() for item in tree.select("li.toctree-l1")]
    assert first_level == ["Guide", "Reference", "Python", "Hidden page"]
    assert [a["class"] for a in tree.select("a") if a.get_text() == "A leaf"] == [
        ["current", "reference"]
    ]


def test_closed_items_leave_their_toggles_to_the_script(pruned: Path) -> None:
    tree = sidebar(pruned, "guide/first.html")
    (reference,) = [item for item in tree.select("li") if item.a.get_text() == "Reference"]
    assert reference.find_all(["input", "label", "ul"]) == []
    assert reference["data-kb-branch"].isdigit()
    open_items = [
        item for item in tree.select("li.has-children") if "current" in item.get("class", [])
    ]
    assert [item.a.get_text() for item in open_items] == ["Guide"]
    assert open_items[0].find("input", recursive=False) is not None
    assert not open_items[0].has_attr("data-kb-branch")


def test_the_shared_file_holds_every_branch_that_stock_furo_has(stock: Path, pruned: Path) -> None:
    toggles = {box["id"] for box in sidebar(stock, "index.html").select("input.toctree-checkbox")}
    branches = shared_branches(pruned)
    assert branches.keys() == toggles
    assert 'href="guide/deeper/leaf.html"' in branches["toctree-checkbox-2"]


def test_every_page_names_the_one_shared_file(pruned: Path) -> None:
    (name,) = [p.name for p in (pruned / "_static").iterdir() if SHARED_FILE.fullmatch(p.name)]
    for page in pages(pruned):
        soup = BeautifulSoup((pruned / page).read_text(encoding="utf-8"), "html.parser")
        meta = soup.select_one('meta[name="kb-navigation"]')
        assert meta["data-page"] == page
        assert (pruned / page).parent.joinpath(meta["content"]).resolve().name == name


def test_without_the_setting_no_shared_file_is_written(stock: Path) -> None:
    assert [p.name for p in (stock / "_static").iterdir() if SHARED_FILE.fullmatch(p.name)] == []
    index = (stock / "index.html").read_text(encoding="utf-8")
    assert 'name="kb-navigation"' not in index
    assert "kb-navigation.js" not in index


def test_the_chinese_edition_uses_the_same_file_names(root: Path, tmp_path: Path) -> None:
    outdir = build(root, tmp_path, prune=True, language="zh_CN")
    branches = shared_branches(outdir)
    meta = BeautifulSoup((outdir / "guide/first.html").read_bytes(), "html.parser").select_one(
        'meta[name="kb-navigation"]'
    )
    assert branches
    assert SHARED_FILE.fullmatch(Path(meta["content"]).name)


def test_a_parallel_build_writes_the_same_pages_and_file(
    root: Path, pruned: Path, tmp_path: Path
) -> None:
    app = SphinxTestApp(
        "html",
        srcdir=root,
        builddir=tmp_path,
        confoverrides={"kb_navigation_prune": True},
        parallel=2,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    parallel = Path(app.outdir)
    assert shared_branches(parallel) == shared_branches(pruned)
    assert [
        p for p in pages(pruned) if (parallel / p).read_bytes() != (pruned / p).read_bytes()
    ] == []


def test_the_leak_check_reads_the_shared_file(tmp_path: Path) -> None:
    static = tmp_path / "_static"
    static.mkdir()
    (static / "kb-navigation.0123456789abcdef.js").write_text("window.kbNavigation={'x':'Secret'}")
    (static / "furo.js").write_text("Secret")
    (static / "kb-navigation.js").write_text("// names the Secret's number")  # the script
    leaks = find_leaks(tmp_path, [Marker("Secret", "an internal title")])
    assert [file for file, _ in leaks] == ["_static/kb-navigation.0123456789abcdef.js"]
