"""Shared fixtures: Sphinx's own test fixtures, one strict build of the real site, and edited
copies of the test roots."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sitebuild import DOCS_DIR, ROOTS_DIR, SiteBuild, VariantBuild, build_real_site, build_variant

pytest_plugins = ("sphinx.testing.fixtures",)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where `@pytest.mark.sphinx(testroot=...)` finds the `test-*` projects."""
    return ROOTS_DIR


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    """The real site, built once per test session."""
    return build_real_site("html", tmp_path_factory.mktemp("real-site"))


@pytest.fixture(scope="session")
def real_site_zh(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    """The Chinese edition of the real site (`make html-zh`), built once per test session."""
    return build_real_site("html", tmp_path_factory.mktemp("real-site-zh"), {"language": "zh_CN"})


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the real registry (`docs/_data`) to edit."""
    target = tmp_path / "_data"
    shutil.copytree(DOCS_DIR / "_data", target)
    return target


@pytest.fixture
def variant(tmp_path: Path) -> Callable[..., VariantBuild]:
    """`variant(root, {file: (old, new)})` builds an edited copy of a test root."""

    def build(
        root: str,
        edits: dict[str, tuple[str, str]] | None = None,
        builder: str = "html",
        confoverrides: dict[str, object] | None = None,
    ) -> VariantBuild:
        return build_variant(tmp_path, root, edits or {}, builder, confoverrides)

    return build
