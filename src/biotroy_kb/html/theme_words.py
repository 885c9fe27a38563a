"""furo's words in the reader's language. furo writes most of its words through Sphinx's
translations (a project's `locale/<language>/LC_MESSAGES/sphinx.po` adds those Sphinx's own
catalog lacks), but some are written into its templates in English only: its toggles' labels,
its icons' titles (which screen readers read), its logo's alt text ("Light Logo") and the "'s"
of its footer. `templates/furo/page.html` passes furo's whole page body through `theme_words`,
which puts each of them through the extension's catalog, and the logo's alt text becomes the
site's title. Written against the furo releases in `patches/furo.py`'s `SUPPORTED_FURO`; a
test says when a later furo writes one of them differently."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ..core.messages import _
from ..registry.events import N_

FURO_TEMPLATES = Path(__file__).resolve().parent / "templates" / "furo"

#: furo's attribute values and SVG titles written in English only, as its templates have them.
ATTRIBUTE_WORDS = (
    N_("Toggle site navigation sidebar"),
    N_("Toggle table of contents sidebar"),
    N_("Toggle Light / Dark / Auto color theme"),
    N_("On Read the Docs"),
    N_("On GitHub"),
)
TITLE_WORDS = (
    N_("Contents"),
    N_("Menu"),
    N_("Expand"),
    N_("Light mode"),
    N_("Dark mode"),
    N_("Auto light/dark, in light mode"),
    N_("Auto light/dark, in dark mode"),
)
LOGO_ALT = re.compile(r'(<img class="sidebar-logo[^"]*"[^>]*\salt=")(?:Light|Dark) Logo"')
FOOTER_AUTHOR = re.compile(
    r"(?P<author><a class=\"muted-link\" href=\"https://pradyunsg.me\">@pradyunsg</a>)'s"
    r"(?P<space>\s*)(?P<theme><a href=\"https://github.com/pradyunsg/furo\">Furo</a>)"
)
NAVIGATION_TOGGLE = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')


def theme_words(html: str, site_title: str) -> str:
    """furo's page body with its English-only words in the reader's language."""
    for english in ATTRIBUTE_WORDS:
        html = html.replace(f'aria-label="{english}"', f'aria-label="{_(english)}"')
    for english in TITLE_WORDS:
        html = html.replace(f"<title>{english}</title>", f"<title>{_(english)}</title>")
    html = LOGO_ALT.sub(lambda match: f'{match[1]}{site_title}"', html)
    html = FOOTER_AUTHOR.sub(
        lambda match: _("{author}'s {theme}").format(author=match["author"], theme=match["theme"]),
        html,
    )
    return translated_navigation(html)


def translated_navigation(html: str) -> str:
    """furo's sidebar toggles, "Toggle navigation of <title>", in the reader's language."""
    label = _("Toggle navigation of {title}")
    return NAVIGATION_TOGGLE.sub(lambda match: f'aria-label="{label.format(title=match[1])}"', html)


def use_translated_theme(app: Sphinx, config: Config) -> None:
    if config.html_theme == "furo":
        config.templates_path = [*config.templates_path, str(FURO_TEMPLATES)]


def offer_theme_words(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    title = str(app.config.html_title or app.config.project)
    words: Callable[[str], str] = lambda html: theme_words(str(html), title)  # noqa: E731
    context["kb_theme_words"] = words


def setup_theme_words(app: Sphinx) -> None:
    app.connect("config-inited", use_translated_theme, priority=650)
    app.connect("html-page-context", offer_theme_words)
