"""What the processes that write pages hand back to the main process.

With `-j`, pages are resolved (`doctree-resolved`) and written in forked processes
(`patches.sphinx`), whose memory the main process never sees. A handler that gathers something
from every page for the end of the build (the site's list of page fingerprints, say) names here
how to take what a writing process gathered and how to give it to the main process; each
writing process's share is taken once it has written its pages, pickled back, and given in the
main process before the build finishes. In a serial build nothing is taken or given: the
handlers already ran in the main process.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx

#: Called in a writing process once its pages are written: what it gathered (picklable).
Take = Callable[[], Any]
#: Called in the main process with what one writing process took.
Give = Callable[[Any], None]

_HANDED_BACK: WeakKeyDictionary[Sphinx, list[tuple[Take, Give]]] = WeakKeyDictionary()


def hand_back_from_writers(app: Sphinx, take: Take, give: Give) -> None:
    """Have each process that writes pages for `app` hand `take()` back to `give`."""
    _HANDED_BACK.setdefault(app, []).append((take, give))


def handed_back(app: Sphinx) -> list[tuple[Take, Give]]:
    return _HANDED_BACK.get(app, [])
