"""sphinx-design internals, written against the releases in `SUPPORTED`:

- **Its HTML transforms only on pages that hold what they change.** For every page written,
  sphinx-design walks the whole resolved doctree four times, calling a Python test on every
  node: once each for tab sets, asides and dropdowns (`TabSetHtmlTransform`,
  `AsideHtmlTransform`, `DropdownHtmlTransform`, each `findall(lambda node:
  is_component(node, name))`), and once for containers whose links open in a new tab
  (`_resolve_new_tab_refs`, on `doctree-resolved`): 5 % of a cold build of the synthetic site,
  whose pages have cards but none of these. Here one walk per page notes which components and
  markers the page holds (`design_component` and `sd_new_tab`, both set when the page is
  parsed; the transforms only replace such nodes, never add one), and each of the four runs
  only on a page that holds its kind. Each is replaced in its place in Sphinx's registry or
  listener table, so the order of transforms is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from typing import Any
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx.application import Sphinx

from . import sphinx as sphinx_patches

#: sphinx-design releases (major, minor) whose transforms and marker this module knows.
SUPPORTED = frozenset({(0, 8)})
#: The marker of a container whose links open in a new tab (`sphinx_design.extension`).
NEW_TAB = "sd_new_tab"


def supported() -> bool:
    try:
        release = tuple(int(part) for part in version("sphinx_design").split(".")[:2])
    except (PackageNotFoundError, ValueError):
        return False
    return release in SUPPORTED and sphinx_patches.supported()


_HELD: WeakKeyDictionary[nodes.document, frozenset[str]] = WeakKeyDictionary()


def held_by(document: nodes.document) -> frozenset[str]:
    """The design components the page holds, and `NEW_TAB` if a container is so marked:
    found in one walk, the first time a transform asks."""
    held = _HELD.get(document)
    if held is None:
        found: set[str] = set()
        for node in document.findall(nodes.Element):
            attributes = node.attributes
            component = attributes.get("design_component")
            if component is not None:
                found.add(component)
            if attributes.get(NEW_TAB):
                found.add(NEW_TAB)
        held = _HELD[document] = frozenset(found)
    return held


def only_where_held(transform: type, component: str) -> type:
    """`transform`, running only on a page that holds `component`."""

    def run(self: Any, **kwargs: Any) -> None:
        if component in held_by(self.document):
            transform.run(self, **kwargs)

    return type(transform.__name__, (transform,), {"run": run, "__module__": __name__})


ResolvedHandler = Callable[[Sphinx, nodes.document, str], None]


def only_with_new_tab(handler: ResolvedHandler) -> ResolvedHandler:
    def resolve_new_tab_refs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
        if NEW_TAB in held_by(doctree):
            handler(app, doctree, docname)

    return resolve_new_tab_refs


def transform_only_where_needed(app: Sphinx) -> None:
    from sphinx_design.aside import AsideHtmlTransform
    from sphinx_design.dropdown import DropdownHtmlTransform
    from sphinx_design.extension import _resolve_new_tab_refs
    from sphinx_design.tabs import TabSetHtmlTransform

    components = {
        TabSetHtmlTransform: "tab-set",
        AsideHtmlTransform: "aside",
        DropdownHtmlTransform: "dropdown",
    }
    transforms = app.registry.post_transforms
    for index, transform in enumerate(transforms):
        if transform in components:
            transforms[index] = only_where_held(transform, components[transform])
    listeners = app.events.listeners.get("doctree-resolved", [])
    app.events.listeners["doctree-resolved"] = [
        listener._replace(handler=only_with_new_tab(listener.handler))
        if listener.handler is _resolve_new_tab_refs
        else listener
        for listener in listeners
    ]


def setup_sphinx_design_patches(app: Sphinx) -> None:
    """After `sphinx_design` is set up (the extension's `setup()` loads it first)."""
    if supported():
        transform_only_where_needed(app)
