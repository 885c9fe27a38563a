"""Next and Previous at the foot of each page: the reader's chain and the handbook's, apart.

Sphinx links each page to the one before and after it in the order of the tables of contents,
so a reader who reached the Glossary was led on into the maintainers' handbook. Here:

- a page of the maintainers' handbook leads only to other pages of the handbook, in the order
  of the tables of contents;
- where the site has a reading path, a reader page on it leads along it: the home page, Start
  here (the page that defines the path), then each step; a reader page off the path (the
  sources list, the first-week plan) has no Next or Previous, since any neighbour would be a
  second order through the site;
- without a reading path (the public edition leaves Start here out), reader pages keep the
  order of the tables of contents, the handbook left out.

furo and Sphinx's own themes draw both links, and the `<link rel>` tags, from the page
context's `prev` and `next`; the handler replaces those.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sphinx.application import Sphinx
from sphinx.locale import _ as sphinx_label

from ..core.parts import in_handbook
from ..directives.onboarding import reading_path


def document_order(app: Sphinx) -> list[str]:
    """Every page in Sphinx's Next/Previous order: from the root page, each page's next."""
    relations = getattr(app.builder, "relations", {})
    order: list[str] = []
    seen: set[str] = set()
    page: str | None = app.config.root_doc
    while page is not None and page not in seen:
        order.append(page)
        seen.add(page)
        related = relations.get(page)
        page = related[2] if related else None
    return order


@dataclass
class Chains:
    """The two chains of a build, each page's place in them found once."""

    handbook: list[str]
    #: the reading path's (home, Start here, its steps) or, without one, every reader page
    readers: list[str]
    places: dict[str, tuple[list[str], int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for chain in (self.handbook, self.readers):
            for index, page in enumerate(chain):
                self.places[page] = (chain, index)

    def neighbours(self, docname: str) -> tuple[str | None, str | None]:
        if docname not in self.places:
            return None, None
        chain, index = self.places[docname]
        before = chain[index - 1] if index > 0 else None
        after = chain[index + 1] if index + 1 < len(chain) else None
        return before, after


def chains_of(app: Sphinx) -> Chains:
    """The build's chains, made on first use by each writing process."""
    builder = app.builder
    cached = getattr(builder, "_kb_chains", None)
    if cached is not None:
        return cached
    order = document_order(app)
    handbook = [page for page in order if in_handbook(app.config, page)]
    path = reading_path(app.env)
    if path is None:
        readers = [page for page in order if not in_handbook(app.config, page)]
    else:
        readers = list(dict.fromkeys([app.config.root_doc, path.page, *path.steps]))
    chains = Chains(handbook, readers)
    builder._kb_chains = chains  # type: ignore[attr-defined]
    return chains


def link_to(app: Sphinx, fromdoc: str, page: str | None) -> dict[str, str] | None:
    """A `prev`/`next` value as Sphinx writes it: the relative link and the title's HTML."""
    if page is None or page not in app.env.titles:
        return None
    title = app.builder.render_partial(app.env.titles[page])["title"]  # type: ignore[attr-defined]
    return {"link": app.builder.get_relative_uri(fromdoc, page), "title": title}


def follow_reading_order(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is None or pagename not in app.env.all_docs:
        return
    before, after = chains_of(app).neighbours(pagename)
    context["prev"] = link_to(app, pagename, before)
    context["next"] = link_to(app, pagename, after)
    rellinks = [link for link in context.get("rellinks", []) if link[2] not in ("N", "P")]
    for key, page, shown in (("N", after, context["next"]), ("P", before, context["prev"])):
        if page is not None and shown is not None:
            label = sphinx_label("next") if key == "N" else sphinx_label("previous")
            rellinks.append((page, shown["title"], key, label))
    context["rellinks"] = rellinks


def setup_reading_order(app: Sphinx) -> None:
    app.connect("html-page-context", follow_reading_order)
