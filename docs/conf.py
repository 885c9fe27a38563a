"""Sphinx configuration for the BioTroy Knowledge Base: settings only, no logic."""

import os
from importlib.metadata import version as package_version

project = "BioTroy Knowledge Base"
author = "BioTroy Therapeutics"
copyright = "2020–2026, BioTroy Therapeutics"
language = "en"
release = package_version("biotroy-kb")
version = release

extensions = [
    "myst_parser",
    "sphinx_design",
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
html_theme_options = {
    "light_logo": "logo-light.svg",
    "dark_logo": "logo-dark.svg",
    "sidebar_hide_name": True,
}
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
html_last_updated_fmt = None
html_show_sourcelink = True

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
