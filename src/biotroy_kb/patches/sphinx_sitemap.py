"""sphinx-sitemap internals: no "No pages generated" line on a build that wrote no page.

sphinx-sitemap writes the sitemap from the pages a build wrote; a build that wrote none (a
no-op rebuild) leaves the last sitemap in place and says `sphinx-sitemap: No pages generated for
sitemap.xml`, which reads like a fault on a build that did nothing wrong. That one line is
dropped from its logger; written against the releases below.
"""

from __future__ import annotations

import logging

from . import installed_version

#: sphinx-sitemap major releases whose message this module knows.
SUPPORTED_MAJOR = frozenset({2})
SITEMAP_LOGGER = "sphinx.sphinx_sitemap"
NO_PAGES = "sphinx-sitemap: No pages generated"


def supported() -> bool:
    release = installed_version("sphinx-sitemap")
    return release is not None and release[0] in SUPPORTED_MAJOR


class NoEmptySitemapLine(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(NO_PAGES)


def setup_sphinx_sitemap_patches() -> None:
    logger = logging.getLogger(SITEMAP_LOGGER)
    if supported() and not any(isinstance(f, NoEmptySitemapLine) for f in logger.filters):
        logger.addFilter(NoEmptySitemapLine())
