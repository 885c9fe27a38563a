"""BioTroy Knowledge Base: the Sphinx extension behind the company's docs site."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension. It keeps no build-environment state yet, so it is parallel safe."""
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
