"""Every place the extension reaches into another library's internals, one module per library
(`sphinx`, `babel`, `docutils`, `furo`, `myst_parser`, `sphinx_design`, `sphinx_sitemap`), each
with the versions it was written against at its top.

Whoever upgrades one of those libraries reads its module here and nothing else: a version
outside the guard keeps the library's own behaviour (slower, never wrong), and the tests that
compare our output with the library's own say whether the guard may be widened.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def installed_version(distribution: str) -> tuple[int, ...] | None:
    """The installed release of `distribution` as numbers (`9.0.4` → (9, 0, 4)), or None."""
    try:
        text = version(distribution)
    except PackageNotFoundError:
        return None
    numbers = []
    for part in text.split("."):
        digits = "".join(c for c in part if c.isdigit())
        if not digits:
            break
        numbers.append(int(digits))
    return tuple(numbers)
