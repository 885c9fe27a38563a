"""Reaches into other libraries' internals live in `patches/`, one module per library, each
guarded by the releases it was written against: on the pinned versions every patch applies,
and on a release outside its guard the library keeps its own behaviour."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import biotroy_kb.patches
from biotroy_kb.patches import sphinx as sphinx_patches
from biotroy_kb.patches.sphinx import is_toctree_purge

from sitebuild import copy_root, run_sphinx

MODULES = [
    importlib.import_module(f"biotroy_kb.patches.{info.name}")
    for info in pkgutil.iter_modules(biotroy_kb.patches.__path__)
]


def test_there_is_one_patch_module_per_library() -> None:
    assert sorted(module.__name__.rpartition(".")[2] for module in MODULES) == [
        "furo",
        "myst_parser",
        "sphinx",
        "sphinx_sitemap",
    ]


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__)
def test_every_patch_module_is_guarded_and_applies_to_the_pinned_release(module) -> None:
    assert callable(getattr(module, "supported", None)), f"{module.__name__} has no guard"
    assert module.supported()


def test_on_a_sphinx_outside_the_guard_sphinx_keeps_its_own_purge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sphinx_patches, "version_info", (99, 0, 0, "final", 0))
    built = run_sphinx(copy_root(tmp_path, "minimal"), tmp_path / "out")
    assert built.app is not None and built.statuscode == 0, built.warnings
    handlers = [listener.handler for listener in built.app.events.listeners["env-purge-doc"]]
    assert any(is_toctree_purge(handler) for handler in handlers)
