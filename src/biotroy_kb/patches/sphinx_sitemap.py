"""sphinx-sitemap internals, written against the releases below:

- **No "No pages generated" line on a build that wrote no page.** sphinx-sitemap writes the
  sitemap from the pages a build wrote; a build that wrote none (a no-op rebuild) leaves the
  last sitemap in place and says `sphinx-sitemap: No pages generated for sitemap.xml`, which
  reads like a fault on a build that did nothing wrong. That one line is dropped from its
  logger.
- **The sitemap in address order, with or without `-j`.** Each page's address is queued as the
  page is written (`app.sitemap_links`, a queue the writing processes share) and the sitemap
  lists them in the order they arrive: with `-j`, whichever process finished a page first, so
  two builds of the same pages wrote different sitemaps. Just before the sitemap is written,
  the queue is emptied once and its addresses handed on in address order, in a queue of the
  main process's own.
"""

from __future__ import annotations

import logging
import queue
from typing import Any

from sphinx.application import Sphinx

from . import installed_version

#: sphinx-sitemap major releases whose message this module knows.
SUPPORTED_MAJOR = frozenset({2})
SITEMAP_LOGGER = "sphinx.sphinx_sitemap"
NO_PAGES = "sphinx-sitemap: No pages generated"
#: Before sphinx-sitemap's own `build-finished` handler (Sphinx's default priority, 500).
BEFORE_SITEMAP = 400


def supported() -> bool:
    release = installed_version("sphinx-sitemap")
    return release is not None and release[0] in SUPPORTED_MAJOR


class NoEmptySitemapLine(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(NO_PAGES)


def addresses_in_order(app: Sphinx, exception: BaseException | None) -> None:
    """sphinx-sitemap's queue of (address, last updated), emptied and refilled in address
    order."""
    shared = getattr(app, "sitemap_links", None)
    if exception is not None or shared is None:
        return
    queued: list[tuple[str, Any]] = []
    while True:
        try:
            queued.append(shared.get_nowait())
        except queue.Empty:
            break
    ordered: queue.Queue[tuple[str, Any]] = queue.Queue()
    for entry in sorted(queued, key=lambda entry: entry[0]):
        ordered.put(entry)
    app.sitemap_links = ordered  # type: ignore[attr-defined]


def setup_sphinx_sitemap_patches(app: Sphinx) -> None:
    if not supported():
        return
    logger = logging.getLogger(SITEMAP_LOGGER)
    if not any(isinstance(f, NoEmptySitemapLine) for f in logger.filters):
        logger.addFilter(NoEmptySitemapLine())
    app.connect("build-finished", addresses_in_order, priority=BEFORE_SITEMAP)
