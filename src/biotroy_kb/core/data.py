"""The registry inside a Sphinx build: loaded once when the builder starts, found by every role
and directive through the build environment.

A wrong registry stops the build before any page is read or written. Each problem is logged the
way Sphinx reports a broken reference (`docs/_data/facts.yaml:12: ERROR: ...`), then the build
ends with `BuildStopped`, which `sphinx-build` lets through without its crash report.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ..registry.entries import Registry
from ..registry.files import DATA_FILES
from ..registry.loader import load_registry
from ..registry.problems import Problem, RegistryError
from .problems import report_problem

logger = logging.getLogger(__name__)
T = TypeVar("T")


class BuildStopped(SystemExit):
    """The author's content or settings are wrong and every problem has been logged: end
    `sphinx-build` with a non-zero status. A `SystemExit`, because Sphinx shows a crash report
    (meant for bugs) for any `Exception`; `reason` says why, for callers that run Sphinx
    in-process."""

    def __init__(self, reason: str, status: int = 2) -> None:
        super().__init__(status)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


#: In the doctree folder: the registry as the last build loaded it, and the files it came from.
CACHE_FILE = "kb-registry.pickle"


def load_registry_for_build(app: Sphinx) -> None:
    """Load `kb_data_dir` if the project has a registry there; a site without one (no registry
    file in it, only wording rules, say) keeps the registry idle."""
    data_dir = Path(app.srcdir, app.config.kb_data_dir)
    if not any((data_dir / name).is_file() for name in DATA_FILES):
        app.env.kb_registry = None
        return
    doctreedir = Path(app.doctreedir)
    app.env.kb_registry = stop_on_problems(lambda path: cached_registry(path, doctreedir), data_dir)


def stop_on_problems(load: Callable[[Path], T], path: Path) -> T:
    """`load(path)`; if it finds problems in the registry, log each and stop the build."""
    try:
        return load(path)
    except RegistryError as error:
        log_problems(error)
        raise BuildStopped(str(error)) from None


def stop_for_problems(problems: list[Problem], subtype: str, what: str) -> None:
    """Each problem as a located error line, then the build stops, when there is any."""
    for problem in problems:
        report_problem(problem, subtype, error=True)
    if problems:
        raise BuildStopped(f"{len(problems)} {what}")


def log_problems(error: RegistryError) -> None:
    """One located line per problem; an error under any settings, counted like a warning."""
    for problem in error.problems:
        report_problem(problem, "data", error=True)
    count = len(error.problems)
    logger.info(
        "build stopped: %d problem%s in the knowledge registry; no page was built",
        count,
        "" if count == 1 else "s",
    )


def cached_registry(data_dir: Path, doctreedir: Path) -> Registry:
    """The registry, from the last build's copy while no file in `data_dir` changed: parsing the
    YAML with line numbers and validating it is a fixed cost on every rebuild and live reload."""
    from .. import __version__

    # the registry's own fields too: a copy made before a field was added has no such attribute
    fields = tuple(field.name for field in dataclasses.fields(Registry))
    key = (__version__, fields, str(data_dir), _file_states(data_dir))
    cache = doctreedir / CACHE_FILE
    try:
        stored_key, registry = pickle.loads(cache.read_bytes())
        if stored_key == key and isinstance(registry, Registry):
            return registry
    # a copy written by another version of the code may name classes that have moved since
    except (
        OSError,
        EOFError,
        ValueError,
        TypeError,
        AttributeError,
        ImportError,
        pickle.UnpicklingError,
    ):
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
            note_dependency_once(user.env, str(path))
    return registry


def note_dependency_once(env: BuildEnvironment, path: str) -> None:
    """`env.note_dependency` for the page being read, once per page and file: a page showing
    registry data uses it dozens of times, and each note makes a new path (56,000 notes, about
    1 % of a cold build of 1,000 pages)."""
    noted = env.temp_data.get("kb_noted_dependencies")
    if noted is None:
        noted = env.temp_data["kb_noted_dependencies"] = set()
    if path not in noted:
        noted.add(path)
        env.note_dependency(path)


def setup_data(app: Sphinx) -> None:
    app.connect("builder-inited", load_registry_for_build)
