"""When each page last changed comes from git (sphinx-last-updated-by-git). A build from a folder
that is no git checkout, such as a downloaded archive of the repository, has no history to ask:
that extension would warn for every folder, several lines each, and under -W (as `make html`
builds) the build would fail. There, the pages show no date, and the build says why, once."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)

GIT_DATES = "sphinx_last_updated_by_git"


def in_git_checkout(folder: Path) -> bool:
    """Whether `folder` is inside a git working tree (a `.git` folder, or file for a worktree)."""
    return any((parent / ".git").exists() for parent in (folder, *folder.parents))


def date_pages_only_in_a_checkout(app: Sphinx, config: Config) -> None:
    if GIT_DATES not in config.extensions or in_git_checkout(Path(app.srcdir).resolve()):
        return
    config.git_exclude_patterns = ["**"]
    logger.info("Not a git checkout: no page shows when it last changed.")


def setup_last_updated(app: Sphinx) -> None:
    app.connect("config-inited", date_pages_only_in_a_checkout)
