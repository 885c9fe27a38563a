"""Shared fixtures: Sphinx's own test fixtures, and one strict build of the real site."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)

REPO_ROOT = Path(__file__).resolve().parent.parent
DOCS_DIR = REPO_ROOT / "docs"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where `@pytest.mark.sphinx(testroot=...)` finds the `test-*` projects."""
    return Path(__file__).resolve().parent / "roots"


@dataclass
class SiteBuild:
    """The outcome of one build of the real `docs/`: the app, its output and what it warned."""

    app: Sphinx
    outdir: Path
    warnings: str


def build_real_site(builder: str, workdir: Path) -> SiteBuild:
    """Build `docs/` as `make html` does (warnings are errors, keep going, nitpicky)."""
    warnings = io.StringIO()
    app = SphinxTestApp(
        builder,
        srcdir=DOCS_DIR,
        builddir=workdir,
        freshenv=True,
        confoverrides={"nitpicky": True},
        warning=warnings,
        warningiserror=True,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return SiteBuild(app=app, outdir=Path(app.outdir), warnings=warnings.getvalue())


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    """The real site, built once per test session."""
    return build_real_site("html", tmp_path_factory.mktemp("real-site"))
