"""The registry inside a Sphinx build: loaded once when the builder starts, found by every role
and directive through the build environment."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ..registry.models import Registry, load_registry


def load_registry_for_build(app: Sphinx) -> None:
    """Load `kb_data_dir` if the project has one; a site without it keeps the registry idle."""
    data_dir = Path(app.srcdir, app.config.kb_data_dir)
    app.env.kb_registry = load_registry(data_dir) if data_dir.is_dir() else None


def registry_of(env: BuildEnvironment) -> Registry | None:
    return getattr(env, "kb_registry", None)


def use_registry(user: SphinxDirective | SphinxRole) -> Registry | None:
    """The registry for a role or directive, noting that its page must be re-read when any
    registry file changes (Sphinx compares the files' times with the page's)."""
    registry = registry_of(user.env)
    if registry is not None:
        for path in registry.files:
            user.env.note_dependency(str(path))
    return registry


def setup_data(app: Sphinx) -> None:
    app.connect("builder-inited", load_registry_for_build)
