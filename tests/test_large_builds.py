"""What keeps large builds fast changes nothing a build makes: the toctree purge forgets a page
exactly as Sphinx's own does, and the garbage collector's thresholds are raised for the build
only."""

from __future__ import annotations

import copy
import gc
import io
from pathlib import Path

from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors.toctree import TocTreeCollector

from biotroy_kb.core.garbage_collection import BUILD_THRESHOLDS
from biotroy_kb.patches.sphinx import is_toctree_purge, on_own_entries

from sitebuild import StrictTestApp, copy_root, run_sphinx

#: What `TocTreeCollector.clear_doc` changes on the environment.
TOCTREE_MAPS = (
    "tocs",
    "toc_secnumbers",
    "toc_fignumbers",
    "toc_num_entries",
    "toctree_includes",
    "glob_toctrees",
    "numbered_toctrees",
    "files_to_rebuild",
)


def toctree_maps(env: BuildEnvironment) -> dict[str, object]:
    return {name: copy.deepcopy(getattr(env, name)) for name in TOCTREE_MAPS}


def comparable(maps: dict[str, object]) -> dict[str, object]:
    """The maps, with each page's table of contents (a node, equal only to itself) as its name."""
    return {name: sorted(value) if name == "tocs" else value for name, value in maps.items()}


def set_toctree_maps(env: BuildEnvironment, maps: dict[str, object]) -> None:
    for name, value in maps.items():
        setattr(env, name, copy.deepcopy(value))


def test_forgetting_any_page_leaves_the_toctree_maps_as_sphinx_leaves_them(
    tmp_path: Path,
) -> None:
    built = run_sphinx(copy_root(tmp_path, "navigation"), tmp_path / "out")
    assert built.statuscode == 0 and built.app is not None, built.warnings
    app, env = built.app, built.app.env
    built_maps = toctree_maps(env)
    stock = TocTreeCollector().clear_doc
    forgotten_includes = []
    for docname in sorted(env.all_docs):
        set_toctree_maps(env, built_maps)
        stock(app, env, docname)
        expected = comparable(toctree_maps(env))
        if expected["files_to_rebuild"] != built_maps["files_to_rebuild"]:
            forgotten_includes.append(docname)
        set_toctree_maps(env, built_maps)
        on_own_entries(stock)(app, env, docname)
        assert comparable(toctree_maps(env)) == expected, docname
    # the pages with toctrees: forgetting them changed `files_to_rebuild`
    assert forgotten_includes == ["guide/deeper/index", "guide/index", "index", "reference/index"]


def test_sphinxs_toctree_purge_is_replaced_in_its_place(tmp_path: Path) -> None:
    built = run_sphinx(copy_root(tmp_path, "minimal"), tmp_path / "out")
    assert built.app is not None
    handlers = [listener.handler for listener in built.app.events.listeners["env-purge-doc"]]
    assert not any(is_toctree_purge(handler) for handler in handlers)
    assert any("clear_own_entries" in repr(handler) for handler in handlers)


def test_a_rebuild_after_removing_a_page_knows_the_toctrees_a_fresh_build_knows(
    tmp_path: Path,
) -> None:
    srcdir = copy_root(tmp_path, "navigation")
    assert run_sphinx(srcdir, tmp_path / "out").statuscode == 0
    guide = srcdir / "guide/index.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("first\n", ""), encoding="utf-8")
    (srcdir / "guide/first.md").unlink()
    rebuilt = run_sphinx(srcdir, tmp_path / "out")
    fresh = run_sphinx(srcdir, tmp_path / "fresh")
    assert rebuilt.app is not None and fresh.app is not None
    assert rebuilt.statuscode == fresh.statuscode == 0, rebuilt.warnings
    assert "guide/first" not in rebuilt.app.env.files_to_rebuild
    assert rebuilt.app.env.files_to_rebuild == fresh.app.env.files_to_rebuild
    assert rebuilt.app.env.toctree_includes == fresh.app.env.toctree_includes


def test_garbage_is_collected_less_often_during_a_build_and_as_before_after_it(
    tmp_path: Path,
) -> None:
    previous, own = gc.get_threshold(), (900, 11, 12)
    gc.set_threshold(*own)
    app = StrictTestApp(
        "html",
        srcdir=copy_root(tmp_path, "minimal"),
        builddir=tmp_path / "out",
        status=io.StringIO(),
        warning=io.StringIO(),
    )
    during: list[tuple[int, ...]] = []
    app.connect("env-updated", lambda app, env: during.append(gc.get_threshold()))
    try:
        app.build()
    finally:
        app.cleanup()
        after = gc.get_threshold()
        gc.set_threshold(*previous)
    assert during == [BUILD_THRESHOLDS]
    assert after == own


def test_a_build_stopped_by_a_broken_registry_leaves_the_thresholds_alone(
    tmp_path: Path,
) -> None:
    srcdir = copy_root(tmp_path, "registry")
    (srcdir / "_data/facts.yaml").write_text("facts: [\n", encoding="utf-8")
    previous, own = gc.get_threshold(), (900, 11, 12)
    gc.set_threshold(*own)
    try:
        stopped = run_sphinx(srcdir, tmp_path / "out")
    finally:
        after = gc.get_threshold()
        gc.set_threshold(*previous)
    assert stopped.statuscode != 0 and "facts.yaml" in stopped.warnings
    assert after == own
