"""Telling our bugs from the author's mistakes.

An author's mistake is reported as one located line and never raises. So any other exception
escaping one of our event handlers is a bug in this extension: Sphinx then shows its crash
report, and we add a note saying whose bug it is, so that nobody hunts for a fault in the pages.
Every handler of ours is wrapped once setup is done (`patches.sphinx.note_bugs_in_our_handlers`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from sphinx.errors import SphinxError

PACKAGE = __name__.split(".")[0]
BUG_NOTE = (
    f"this is a bug in {PACKAGE}, not in your content; please report it to the knowledge base's "
    "developers with the traceback below"
)


class OurBug(SphinxError):
    category = f"Bug in {PACKAGE}"


def bug_noted(handler: Callable[..., Any]) -> Callable[..., Any]:
    """`handler`, with any unexpected exception re-raised as `OurBug` (chained, so the
    traceback still shows where it happened)."""
    if getattr(handler, "_kb_bug_noted", False):
        return handler

    @functools.wraps(handler)
    def noted(*args: Any, **kwargs: Any) -> Any:
        try:
            return handler(*args, **kwargs)
        except SphinxError:
            raise
        except Exception as error:
            raise OurBug(f"{BUG_NOTE} ({type(error).__name__}: {error})") from error

    noted._kb_bug_noted = True  # type: ignore[attr-defined]
    return noted
