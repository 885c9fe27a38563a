"""The registry inside a Sphinx build: loaded once when the builder starts, found by every role
and directive through the build environment."""

from __future__ import annotations

import contextlib
import os
import pickle
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ..registry.models import Registry, load_registry

#: In the doctree folder: the registry as the last build loaded it, and the files it came from.
CACHE_FILE = "kb-registry.pickle"


def load_registry_for_build(app: Sphinx) -> None:
    """Load `kb_data_dir` if the project has one; a site without it keeps the registry idle."""
    data_dir = Path(app.srcdir, app.config.kb_data_dir)
    app.env.kb_registry = (
        cached_registry(data_dir, Path(app.doctreedir)) if data_dir.is_dir() else None
    )


def cached_registry(data_dir: Path, doctreedir: Path) -> Registry:
    """The registry, from the last build's copy while no file in `data_dir` changed: parsing the
    YAML with line numbers and validating it is a fixed cost on every rebuild and live reload."""
    from .. import __version__

    key = (__version__, str(data_dir), _file_states(data_dir))
    cache = doctreedir / CACHE_FILE
    try:
        stored_key, registry = pickle.loads(cache.read_bytes())
        if stored_key == key and isinstance(registry, Registry):
            return registry
    except (OSError, EOFError, ValueError, TypeError, AttributeError, pickle.UnpicklingError):
        pass
    registry = load_registry(data_dir)
    with contextlib.suppress(OSError, TypeError, AttributeError, pickle.PicklingError):
        doctreedir.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps((key, registry)))
        partial.replace(cache)
    return registry


def _file_states(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    stats = ((p, p.stat()) for p in sorted(data_dir.rglob("*")) if p.is_file())
    return tuple((str(p), s.st_mtime_ns, s.st_size) for p, s in stats)


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
    app.add_config_value("kb_data_dir", "_data", "env", types=frozenset({str}))
    app.connect("builder-inited", load_registry_for_build)
