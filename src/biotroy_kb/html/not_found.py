"""The 404 page (sphinx-notfound-page renders it): a search box, and links to the home page and
to Start here, in the build's language.

The page is served for any missing address at any depth, so its links are absolute, from
`notfound_urls_prefix` (the site's path: `/en/latest/` on Read the Docs, `/` locally). A local
build of a translation is served one folder down by `make serve` (`/html-zh/`), so its 404 page,
its sitemap and its canonical links say so.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sphinx.application import Sphinx
from sphinx.config import Config

from ..core.language import language_of
from ..core.messages import _
from ..directives.onboarding import reading_path

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def serve_translation_in_its_folder(app: Sphinx, config: Config) -> None:
    """`make html-zh` writes `_build/html-zh`, which `make serve` serves at `/html-zh/`: the
    local prefix and base address gain that folder (Read the Docs gives its own)."""
    language = language_of(config)
    outdir = Path(app.outdir)
    if language.is_source or os.environ.get("READTHEDOCS"):
        return
    if not language.folder_suffix or not outdir.name.endswith(language.folder_suffix):
        return
    base = urlsplit(config.html_baseurl or "")
    if base.hostname not in LOCAL_HOSTS:
        return
    folder = f"{outdir.name}/"
    path = base.path if base.path.endswith("/") else base.path + "/"
    if not path.endswith(f"/{folder}"):
        config.html_baseurl = urlunsplit(base._replace(path=path + folder))
    prefix = getattr(config, "notfound_urls_prefix", None)
    if prefix is not None and not prefix.endswith(f"/{folder}"):
        config.notfound_urls_prefix = prefix.rstrip("/") + "/" + folder


def not_found_body(app: Sphinx) -> str:
    absent = _(
        "There is no page at this address. The link may be mistyped, or the page may have "
        "moved: search for it, or start again from one of these pages."
    )
    prefix = app.config.notfound_urls_prefix or "/"
    builder = app.builder
    home = prefix + builder.get_target_uri(app.config.root_doc)
    links = [(home, _("The home page"))]
    path = reading_path(app.env)
    if path is not None:
        title = app.env.titles[path.page].astext()
        links.append((prefix + builder.get_target_uri(path.page), title))
    items = "".join(
        f'<li><a href="{html.escape(href, quote=True)}">{html.escape(text)}</a></li>'
        for href, text in links
    )
    escape = html.escape
    # the labels outside the f-string, where the catalog's extractor finds them
    title, label, search = _("Page not found"), _("Search the site"), _("Search")
    return f"""<section class="kb-not-found" id="page-not-found">
<h1>{escape(title)}</h1>
<p>{escape(absent)}</p>
<form action="{escape(prefix, quote=True)}search.html" method="get" role="search">
<label for="kb-not-found-query">{escape(label)}</label>
<input id="kb-not-found-query" type="search" name="q" autocomplete="off">
<button type="submit">{escape(search)}</button>
</form>
<ul>{items}</ul>
</section>
"""


def fill_not_found_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The 404 page's title and body: drawn here, when the page is written, so that the
    configuration (`notfound_context`) stays as `conf.py` left it."""
    if doctree is not None or pagename != getattr(app.config, "notfound_pagename", None):
        return
    context["title"] = _("Page not found")
    context["body"] = not_found_body(app)


def setup_not_found(app: Sphinx) -> None:
    app.connect("config-inited", serve_translation_in_its_folder, priority=700)
    app.connect("html-page-context", fill_not_found_page)
