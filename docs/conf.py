"""Sphinx configuration for the BioTroy Knowledge Base: settings only, no logic."""

import os
from importlib.metadata import version as package_version
from urllib.parse import urlsplit

project = "BioTroy Knowledge Base"
author = "BioTroy Therapeutics"
copyright = "2020–2026, BioTroy Therapeutics"
# English by default; `make html-zh` passes -D language=zh_CN. Read the Docs sets
# READTHEDOCS_LANGUAGE ("zh-cn") for the Chinese project, which gettext calls zh_CN.
language = {"zh-cn": "zh_CN"}.get(os.environ.get("READTHEDOCS_LANGUAGE", "").lower(), "en")
kb_languages = ["en", "zh_CN"]
kb_titles = {"zh_CN": "BioTroy知识库"}
# Which edition: `make public` passes -D kb_edition=public; Read the Docs passes no -D options,
# so there a project's environment variable KB_EDITION chooses (the extension reads it).
kb_edition = "internal"
release = package_version("biotroy-kb")
version = release

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_copybutton",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "notfound.extension",
    "sphinx_last_updated_by_git",
    "biotroy_kb",
]

source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_data", "Thumbs.db", ".DS_Store"]
nitpicky = True

myst_enable_extensions = [
    "colon_fence",
    "deflist",
    "fieldlist",
    "attrs_inline",
    "attrs_block",
    "smartquotes",
]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "BioTroy Knowledge Base"
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"
html_theme_options = {
    "light_logo": "logo-light.svg",
    "dark_logo": "logo-dark.svg",
    "sidebar_hide_name": True,
}
# Read the Docs gives the canonical address; a local build is served by `make live`.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "http://127.0.0.1:8000/")
html_last_updated_fmt = "%d %B %Y"
html_show_sourcelink = True
# Each page holds only its own branch of the sidebar; the rest comes from one shared file.
kb_navigation_prune = True

# "Edit this page" links, where Read the Docs says which repository and branch it built. furo
# links into GitHub, GitLab and Bitbucket only: another host would be a warning, a failed build.
_repository = os.environ.get("READTHEDOCS_GIT_CLONE_URL", "").removesuffix(".git")
if _repository.startswith(("https://github.com/", "https://gitlab.com/", "https://bitbucket.org/")):
    html_theme_options |= {
        "source_repository": _repository + "/",
        "source_branch": os.environ.get("READTHEDOCS_GIT_IDENTIFIER", "main"),
        "source_directory": "docs/",
    }

ogp_site_url = html_baseurl
ogp_social_cards = {"enable": False}
ogp_enable_meta_description = True
sitemap_url_scheme = "{link}"
sitemap_excludes = ["search.html", "genindex.html", "404.html"]
notfound_urls_prefix = urlsplit(html_baseurl).path or "/"
# A shallow clone (as on Read the Docs) cannot date every page; those pages show no date.
suppress_warnings = ["git.too_shallow"]

epub_title = project
epub_author = author
epub_publisher = author
epub_show_urls = "no"

# Online link checking is opt-in (`make linkcheck`): builds and tests never need the network.
linkcheck_timeout = 15
linkcheck_retries = 2
linkcheck_anchors = True
linkcheck_report_timeouts_as_broken = True
linkcheck_allowed_redirects = {}

# Translations: one gettext catalog per page (sphinx-intl's layout) in docs/locale/.
locale_dirs = ["locale"]
gettext_compact = False
gettext_uuid = False
# Index entries are the page's text, translated in its catalog; the extension's generated labels
# are translated by its own catalog, never in page catalogs.
gettext_additional_targets = ["index"]
