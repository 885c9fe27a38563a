"""The extension itself: it loads, says it is parallel safe, and a parallel build works."""

from __future__ import annotations

import pytest
from sphinx.testing.util import SphinxTestApp

import biotroy_kb


@pytest.mark.sphinx("html", testroot="minimal")
def test_extension_declares_its_version_and_parallel_safety(app: SphinxTestApp) -> None:
    extension = app.extensions["biotroy_kb"]
    assert extension.version == biotroy_kb.__version__
    assert extension.parallel_read_safe is True
    assert extension.parallel_write_safe is True


@pytest.mark.sphinx("html", testroot="minimal", parallel=2)
def test_parallel_build_writes_every_page(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 0
    assert (app.outdir / "second.html").exists()
