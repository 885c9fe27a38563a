"""BioTroy Knowledge Base: the Sphinx extension behind the company's docs site.

`setup()` only wires the parts together (`extension.py`); each module holds one responsibility.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.2.0"


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension. Its parts are imported here, when Sphinx loads it, and not with
    the package: `python -m biotroy_kb.build` decides without them whether to run Sphinx."""
    from .extension import setup_extension

    return setup_extension(app)
