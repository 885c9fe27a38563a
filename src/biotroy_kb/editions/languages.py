"""The languages of the site: each page links to the same page in the other language, and
says so in its head (`hreflang`), on a local build (`_build/html` ↔ `_build/html-zh`) and on
Read the Docs (`/en/latest/` ↔ `/zh-cn/latest/`). The language itself is `-D language=zh_CN`
or, on Read the Docs, READTHEDOCS_LANGUAGE read in `conf.py` (Sphinx sets up its own
translations before any extension hears of the configuration)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ..core.language import Language, language_named, language_of
from ..core.messages import _
from .translated_icons import setup_translated_icons

TEMPLATES = Path(__file__).resolve().parent.parent / "html" / "templates"


def adapt_to_language(app: Sphinx, config: Config) -> None:
    """Settings that follow the language: Sphinx's own Chinese date format, and the
    language switcher in furo's sidebar (only where the project lists more than one)."""
    language = language_of(config)
    if language.code in config.kb_titles:
        config.html_title = config.kb_titles[language.code]
    if not language.is_source:
        # Sphinx's own date format for the language
        config.html_last_updated_fmt = ""
        config.today_fmt = ""
        # Sphinx 9.0-9.1.0 write `window.Stemmer = ChineseStemmer`, undefined in the browser
        # (sphinx #14229): every page would log an error. The built-in index (used only without
        # Pagefind, `kb_search = False`) stays English.
        config.html_search_language = "en"
    if len(config.kb_languages) < 2:
        return
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    if config.html_theme == "furo" and not config.html_sidebars:
        config.html_sidebars = {
            "**": [
                "sidebar/brand.html",
                "kb-language.html",
                "sidebar/search.html",
                "sidebar/scroll-start.html",
                "sidebar/navigation.html",
                "sidebar/ethical-ads.html",
                "sidebar/scroll-end.html",
                "sidebar/variant-selector.html",
            ]
        }


@dataclass(frozen=True)
class OtherLanguage:
    href: str
    hreflang: str
    label: str
    aria: str


def other_languages(app: Sphinx, pagename: str) -> list[OtherLanguage]:
    here = language_of(app.config)
    others = [language_named(code) for code in app.config.kb_languages]
    return [
        OtherLanguage(page_in(app, pagename, other), other.tag, other.endonym, _("Language"))
        for other in others
        if other != here and other.code in editions_available(app)
    ]


def on_read_the_docs() -> bool:
    return bool(os.environ.get("READTHEDOCS"))


def edition_folder(app: Sphinx, other: Language) -> Path:
    """Where a local build of `other` sits: beside this one (`_build/html` ↔ `_build/html-zh`)."""
    outdir = Path(app.outdir)
    base = outdir.name.removesuffix(language_of(app.config).folder_suffix)
    return outdir.parent / (base + other.folder_suffix)


def editions_available(app: Sphinx) -> frozenset[str]:
    """The other languages a reader can switch to: on Read the Docs every one (each is its own
    project, always built); locally those whose build sits beside this one, so that the
    switcher never leads to a missing page."""
    here = language_of(app.config)
    others = [language_named(code) for code in app.config.kb_languages if code != here.code]
    if on_read_the_docs():
        return frozenset(other.code for other in others)
    return frozenset(
        other.code for other in others if (edition_folder(app, other) / "index.html").is_file()
    )


def rewrite_when_editions_change(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page is written again when an edition appears beside this one (or goes): `make
    html-zh` after `make html` gives the English pages their 中文 link at the next `make html`."""
    if app.builder.format != "html" or getattr(app.builder, "embedded", False):
        return []
    available = editions_available(app)
    before = getattr(env, "kb_editions_available", None)
    env.kb_editions_available = available
    return sorted(env.all_docs) if before is not None and before != available else []


def page_in(app: Sphinx, pagename: str, other: Language) -> str:
    """The address of `pagename` in the language `other`."""
    target = app.builder.get_target_uri(pagename)
    canonical = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
    here = language_of(app.config)
    if canonical and f"/{here.segment}/" in canonical:
        return canonical.replace(f"/{here.segment}/", f"/{other.segment}/", 1) + target
    outdir = Path(app.outdir)
    base = outdir.name.removesuffix(here.folder_suffix)
    depth = target.count("/")
    return "../" * (depth + 1) + base + other.folder_suffix + "/" + target


def add_language_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    # An EPUB's pages (an `embedded` builder's) are read inside one book, not next to the other
    # language's site; their XHTML would not take these HTML tags either.
    embedded = getattr(app.builder, "embedded", False)
    if app.builder.format != "html" or embedded or len(app.config.kb_languages) < 2:
        return
    links = other_languages(app, pagename)
    context["kb_other_language"] = links[0] if links else None
    if not links:
        return
    here = language_of(app.config).tag
    own = app.builder.get_target_uri(pagename).rpartition("/")[2] or "index.html"
    tags = [f'<link rel="alternate" hreflang="{here}" href="{own}">']
    tags += [f'<link rel="alternate" hreflang="{o.hreflang}" href="{o.href}">' for o in links]
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(tags)


def setup_languages(app: Sphinx) -> None:
    setup_translated_icons(app)
    app.connect("config-inited", adapt_to_language, priority=600)
    app.connect("html-page-context", add_language_links)
    app.connect("env-get-updated", rewrite_when_editions_change)
