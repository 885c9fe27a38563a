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
from ..registry.events import N_
from ..registry.formatting import long_date_strftime
from .page_messages import setup_page_messages
from .pinyin_order import setup_pinyin_order
from .translated_diagrams import setup_translated_diagrams
from .translated_front_matter import setup_translated_front_matter
from .translated_icons import setup_translated_icons

TEMPLATES = Path(__file__).resolve().parent.parent / "html" / "templates"


def adapt_to_language(app: Sphinx, config: Config) -> None:
    """Settings that follow the language: the site's title and name, the date format, and the
    language switcher in furo's sidebar (only where the project lists more than one)."""
    language = language_of(config)
    if language.code in config.kb_titles:
        config.html_title = config.kb_titles[language.code]
        # what other sites show as the site's name (sphinxext-opengraph's default: `project`)
        if "ogp_site_name" in config and config.ogp_site_name is None:
            config.ogp_site_name = config.html_title
    if not language.is_source:
        # dates Sphinx writes in the form the page's own dates take (CLDR's long date)
        dates = long_date_strftime(language.cldr_locale)
        if config.html_last_updated_fmt is not None:
            config.html_last_updated_fmt = dates
        config.today_fmt = dates
        # Sphinx 9.0-9.1.0 write `window.Stemmer = ChineseStemmer`, undefined in the browser
        # (sphinx #14229): every page would log an error. The built-in index (used only without
        # Pagefind, `kb_search = False`) stays English.
        config.html_search_language = "en"
    translate_not_found_page(config)
    use_translated_logos(app, config)
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


def use_translated_logos(app: Sphinx, config: Config) -> None:
    """furo's logos in the reader's language: a logo's translated image, named as Sphinx names
    a figure's (`figure_language_filename`, `logo-light.zh_CN.svg`), beside it in a static
    folder, takes its place."""
    language = language_of(config)
    options = config.html_theme_options
    if language.is_source or not isinstance(options, dict):
        return
    folders = [Path(app.confdir, folder) for folder in config.html_static_path]
    for option in ("light_logo", "dark_logo"):
        logo = options.get(option)
        if not isinstance(logo, str):
            continue
        stem, ext = os.path.splitext(logo)
        translated = config.figure_language_filename.format(
            root=stem, ext=ext, path="", basename=os.path.basename(stem), language=language.code
        )
        if any((folder / translated).is_file() for folder in folders):
            config.html_theme_options = options = {**options, option: translated}


#: sphinx-notfound-page's own words for its 404 page, English only.
NOT_FOUND_TITLE = N_("Page not found")
NOT_FOUND_BODY = N_("Unfortunately we couldn't find the content you were looking for.")


def translate_not_found_page(config: Config) -> None:
    """The 404 page (sphinx-notfound-page) in the reader's language, while the project keeps
    the extension's default words for it."""
    context = getattr(config, "notfound_context", None)
    if not isinstance(context, dict) or context.get("title") != NOT_FOUND_TITLE:
        return
    title, body = _(NOT_FOUND_TITLE), _(NOT_FOUND_BODY)
    config.notfound_context = {**context, "title": title, "body": f"<h1>{title}</h1>\n\n{body}"}


@dataclass(frozen=True)
class OtherLanguage:
    href: str
    hreflang: str
    label: str
    aria: str
    #: the languages' segments of a Read the Docs address (`en`, `zh-cn`): the switcher's
    #: script swaps them in the address it is on, keeping the query and the anchor
    segment_here: str = ""
    segment_there: str = ""


def other_languages(app: Sphinx, pagename: str) -> list[OtherLanguage]:
    here = language_of(app.config)
    others = [language_named(code) for code in app.config.kb_languages]
    return [
        OtherLanguage(
            page_in(app, pagename, other),
            other.tag,
            other.endonym,
            _("Language"),
            here.segment,
            other.segment,
        )
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
    here_folder = Path(app.outdir).resolve()
    return frozenset(
        other.code
        for other in others
        # a build in a folder not named for its language (`_build/x/html` in Chinese) has no
        # way to tell where the other edition is: it must not take itself for it
        if (folder := edition_folder(app, other)).resolve() != here_folder
        and (folder / "index.html").is_file()
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


def add_switcher_script(app: Sphinx) -> None:
    """The switcher's script, which keeps the query and the anchor (`kb-language.js`)."""
    embedded = getattr(app.builder, "embedded", False)
    if app.builder.format == "html" and not embedded and len(app.config.kb_languages) > 1:
        app.add_js_file("kb-language.js", defer="defer")


def setup_languages(app: Sphinx) -> None:
    setup_translated_icons(app)
    setup_translated_front_matter(app)
    setup_translated_diagrams(app)
    setup_page_messages(app)
    setup_pinyin_order(app)
    app.connect("config-inited", adapt_to_language, priority=600)
    app.connect("html-page-context", add_language_links)
    app.connect("builder-inited", add_switcher_script)
    app.connect("env-get-updated", rewrite_when_editions_change)
