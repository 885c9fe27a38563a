"""Sphinx internals, written against the releases in `SUPPORTED_MAJOR`:

- **A linear toctree purge.** Sphinx's toctree collector forgets what a page's toctrees said
  by visiting every entry of `env.files_to_rebuild` (`TocTreeCollector.clear_doc`), and Sphinx
  forgets each page just before reading it. A serial cold build fills that map as it reads, so
  the visits grow with the square of the pages: 0.07 s at 1,000 pages, 6.3 s at 10,000. The
  entries that name a page are exactly the pages its own toctrees include (Sphinx writes both
  sides together in `note_toctree` and `merge_other`), so Sphinx's own `clear_doc` is run on
  those entries alone.
- **The general index kept when nothing changed.** The HTML builder writes `genindex.html` at
  the end of every build, even one that read and wrote nothing: at a thousand pages that one
  template over every index entry is most of a no-op rebuild. The index changes only with what
  pages say, the templates or the configuration, and a change to either of the last two makes
  Sphinx write every page again; so when this build read no source, removed none and wrote no
  page, and the index is there, it is not written again (`StandaloneHTMLBuilder.write_genindex`).
- **Translated nodes tied to their page, not to a scratch document.** Sphinx's i18n transform
  parses each translated message into a scratch document made with the page's settings, whose
  `env` is the whole build environment (`sphinx.transforms.i18n._publish_msgstr`), and moves the
  parsed nodes into the page. Each node keeps docutils' `_document`, pointing at that scratch
  document, so pickling the page's doctree pickled the environment as it stood when the page was
  read (Sphinx clears `env` only on the page's own settings, `Builder.write_doctree`): a Chinese
  doctree weighed 23 times an English one at 300 pages and grew with every page read, a
  thousand-page Chinese build held 5.8 GB and did not finish. After the page's transforms, every
  node that names another document is given the page's, as a node parsed in the page has.
- **A page's docutils settings made once per build.** Sphinx reads each source with settings
  that a fresh docutils option parser makes from the same defaults (`_get_settings`, called by
  `sphinx.util.docutils._parse_str_to_doctree`), building and populating the parser from every
  component's option list each time: 3 % of a cold build. They are made once for each set of
  components (by class: Sphinx makes a new parser object for every page) and defaults, and
  each page gets a shallow copy with a dependency list of its own, which is all two fresh ones
  differ in.
- **Each page title rendered once per build.** For every page the HTML builder renders the
  titles of the pages around it (next, previous, each parent) and its own title again through
  `render_partial`, each time a new docutils document with all its transforms and a new HTML
  translator: about seven renders a page, 5 % of a cold build, of the same few hundred titles
  (`env.titles` and `env.longtitles`, which writing does not change). The parts rendered for
  a title are kept, keyed by the title's docutils serialisation (so a page's title and long
  title, two equal nodes, are rendered once), and handed out again
  (`StandaloneHTMLBuilder.render_partial`); a title holding a link, an image or raw HTML, whose
  output could depend on the page it is written in, is rendered every time.
- **Each dependency path saved once.** Sphinx notes a page's dependencies as path objects
  (`env.note_dependency`), a new one for each note: every page that shows registry data depends
  on the same seven files, so a 1,000-page environment held about 7,000 paths for 7 files, and
  loading it rebuilt each (a `pathlib` path is unpickled by parsing its parts again). Once the
  sources are read, equal paths are made one object, which the pickle then stores once
  (`env.dependencies`): a 1,000-page environment loads in 0.146 s instead of 0.235 s (medians
  of ten interleaved loads).
- **Templates compiled once, not on every build.** Sphinx's template bridge makes a new Jinja
  environment in every process without a bytecode cache (`BuiltinTemplateLoader.init`), so
  every build compiles furo's templates again from source before writing its first page: on a
  no-op rebuild, which writes only the search page, that compiling was 14 % of the time. The
  compiled templates are kept in the doctree folder (Jinja's `FileSystemBytecodeCache`, which
  compiles a template again when its source changes, and writes each file atomically), one
  folder per set of Jinja extensions, since the compiled code depends on them.
- **A translated message parsed once per build.** Sphinx's i18n transform publishes every
  translated message of a page through the page's parser twice (once to learn the names its
  references take, once to put it in the page; `sphinx.transforms.i18n._publish_msgstr`), each
  time a whole MyST parse into a scratch document, and the same message ("Schedule", a
  section's name, a card label) recurs on many pages: a quarter of a Chinese cold build. A
  message whose parse warned about nothing and gave only text and emphasis (no reference,
  target, role or directive, whose result could depend on the page) is kept, and each later
  use gets a deep copy, its nodes' source named as a fresh parse would name it.
- **Any other message parsed once on its page.** The first of those two parses serves only a
  section title or a glossary term, and its result is thrown away for every other message; the
  second then parses the same text, at the same line of the same page, again. A message that
  is not kept for the build (it holds a reference, say) and warned about nothing is kept for
  that second parse as a deep copy made before Sphinx could change the first, handed out once
  and forgotten when the next page starts. With the `NodeMatcher` change below, a cold `-j auto`
  build of a thousand Chinese pages takes 0.968 of its time (medians of three interleaved
  rounds, the pages byte for byte the same).
- **A message without markup made into its paragraph without a parse.** Most translated
  messages are plain Chinese text (nine in ten in the generated thousand-page site, seven in
  ten of the distinct ones), and MyST's parse of each gives one paragraph holding the text. A
  message with no character that could make markup (`MARKUP_CHARACTERS`: Markdown's and
  MyST's, the quotes and dashes its typography changes, a space at either end, a digit first)
  is given that paragraph directly, node for node as MyST makes it (checked on every such
  message of the real site and of the generated one). A cold `-j auto` build of a thousand
  Chinese pages takes 0.93 of its time (medians of three interleaved rounds, the pages byte
  for byte the same).
- **A stylesheet's or script's path resolved once.** Each page's head links every stylesheet
  and script with a checksum of the file (`?v=…`). Sphinx keeps the checksum of each file for
  the process, but finds the file again for every tag of every page (`_file_checksum`,
  `Path.resolve`: a system call for each folder of the path), about ten files on each page.
  The resolved path is kept for each output folder and name; the checksum is Sphinx's own,
  kept as Sphinx keeps it. A serial cold build of a thousand pages takes 0.936 of its time.
- **`NodeMatcher` walking the tree by class.** Sphinx's `NodeMatcher.findall` hands the matcher
  to docutils' `findall` as a function, which takes docutils' slowest path: a generator for
  every node of the page, each calling the matcher. A matcher of one node class now walks with
  that class, the path docutils keeps fast, and tests the attributes of what it finds, in the
  same order and at the same moment: a Chinese page's titles each look the whole page over for
  targets to rename (`_NodeUpdater.update_title_mapping`), 4 % of its cold build, sampled.
- **A few pages read and written in the main process, even with `-j`.** Sphinx 9 reads in
  parallel whatever the number of pages (Sphinx 7 waited for more than five): a one-page edit
  under `make html`'s `-j auto` forked a process to read the page, which then pickled the whole
  build environment back (0.4 s at a thousand pages, against 0.04 s to read the page), and
  forked again to write the three pages that changed. When a build reads (or writes) fewer
  pages than one in `PAGES_PER_FORK` of the site, and fewer than `FEW_PAGES` in any case, it
  does so as a serial build does (`Builder._read_parallel`, `Builder._write_parallel`).
- **One process per core, forked once to read and once to write.** Sphinx reads in chunks of
  about the square root of ten times the pages per process (fifteen at a thousand pages, two
  processes), forking a reader for each; every reader pickles back the whole environment it
  holds, which includes every chunk merged before it was forked, so the main process unpickled
  ever larger environments (1.2 s of a thousand-page build, against 0.1 s). It writes the same
  way in one process fewer than `-j`, after resolving each page (toctrees, references,
  `doctree-resolved`) in the main process, and every writer inherits the main process's heap
  as it grew. Now the pages are dealt into one chunk per process (`-j` of them) for reading and
  again for writing, and each writer resolves the pages it writes; what handlers gathered from
  the pages for the end of the build (the images to copy, the site's page fingerprints) is
  handed back to the main process (`core.page_writers`). A builder other than HTML, or one
  that feeds Sphinx's own search index (in the main process), keeps Sphinx's way of writing,
  with as many writers as `-j`. A cold `-j auto` build of a thousand pages takes 0.76 of its
  time and half its memory (medians of three interleaved rounds, the output byte for byte the
  same).
- **A node's XML made only for a debug line that is shown.** Sphinx's i18n transform asks
  `is_translatable` of every node of a translated page, and for each node it passes over it
  logs a debug line whose argument, the node as XML (`sphinx.util.nodes.repr_domxml`: a
  docutils DOM made and printed), is made whether or not debug lines are shown (`-vv`): 10,000
  DOMs for a thousand Chinese pages, none of them shown. The argument is now made when the
  line is printed, and reads the same.
- **Only the log records a handler shows sent back by a forked process.** With `-j`, each
  forked reader and writer keeps every record it logged and formats each (`getMessage`,
  `convert_serializable`) to send it back, the debug lines nobody sees too, so the node-as-XML
  argument above was made for each after all: 3 % of a Chinese `-j auto` build's samples.
  Records below the lowest level that a handler of Sphinx's logger shows in the build (INFO,
  without `-v`) are dropped before they are formatted. A cold `-j auto` build of a thousand
  Chinese pages took 0.94 of its time (medians of five interleaved rounds on a busy machine;
  three rounds had measured 1.06), the pages byte for byte the same.
- **A catalog compiled without a Babel catalog.** Sphinx compiles every changed catalog with
  Babel's `read_po` and `write_mo` (`CatalogInfo.write_mo`), before it reads a page and in its
  main process even with `-j`: 1.3 s of a Chinese cold build at a thousand pages. A plain
  catalog is compiled by `patches.babel` instead, to the same bytes; any other goes to Babel,
  through Sphinx's own method and its warnings.
- **Our event handlers' bugs named as ours.** Every handler this package connected is wrapped
  in place in Sphinx's listener table (`EventManager.listeners`), so that an unexpected
  exception says whose bug it is (`core.bugs`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from docutils import frontend, nodes, utils
from sphinx import version_info
from sphinx.application import Sphinx
from sphinx.builders import Builder, _write_docname
from sphinx.builders import html as html_builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.html import _assets as html_assets
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors.toctree import TocTreeCollector
from sphinx.locale import __
from sphinx.util import logging as sphinx_logging
from sphinx.util import nodes as sphinx_nodes
from sphinx.util.display import status_iterator
from sphinx.util.i18n import CatalogInfo
from sphinx.util.parallel import ParallelTasks

from ..core.bugs import PACKAGE, bug_noted
from ..core.changes import build_changes
from ..core.language import language_of
from ..core.page_writers import hand_back_from_writers, handed_back
from . import babel as babel_patches

logger = sphinx_logging.getLogger(__name__)

#: Sphinx major releases whose internals this module reaches into.
SUPPORTED_MAJOR = frozenset({8, 9})


def supported() -> bool:
    return version_info[0] in SUPPORTED_MAJOR


ClearDoc = Callable[[Sphinx, BuildEnvironment, str], None]


def on_own_entries(clear_doc: ClearDoc) -> ClearDoc:
    """`clear_doc`, shown only the entries of `files_to_rebuild` that can name the page."""

    def clear_own_entries(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        everything = env.files_to_rebuild
        own = {
            included: everything[included]
            for included in env.toctree_includes.get(docname, ())
            if included in everything
        }
        env.files_to_rebuild = dict(own)
        try:
            clear_doc(app, env, docname)
        finally:
            emptied = own.keys() - env.files_to_rebuild.keys()
            env.files_to_rebuild = everything
            for included in emptied:
                del everything[included]

    return clear_own_entries


def is_toctree_purge(handler: object) -> bool:
    return getattr(handler, "__func__", None) is TocTreeCollector.clear_doc


def purge_toctrees_linearly(app: Sphinx) -> None:
    """Put the linear purge in the place of Sphinx's own, in the same order among listeners."""
    listeners = app.events.listeners.get("env-purge-doc", [])
    app.events.listeners["env-purge-doc"] = [
        listener._replace(handler=on_own_entries(listener.handler))
        if is_toctree_purge(listener.handler)
        else listener
        for listener in listeners
    ]


def keep_unchanged_index(app: Sphinx) -> None:
    builder = app.builder
    if type(builder) is not StandaloneHTMLBuilder:
        return
    write_genindex = builder.write_genindex
    changes = build_changes(app)

    def write_unless_unchanged() -> None:
        if changes.anything or not Path(builder.outdir, "genindex.html").is_file():
            write_genindex()

    builder.write_genindex = write_unless_unchanged  # type: ignore[method-assign]


#: Nodes whose HTML is the same whichever page it is written in (no link, image or raw HTML,
#: whose output can depend on the page's place in the site).
PAGE_FREE_NODES = (
    nodes.Text,
    nodes.title,
    nodes.inline,
    nodes.emphasis,
    nodes.strong,
    nodes.literal,
    nodes.subscript,
    nodes.superscript,
)


def render_titles_once(app: Sphinx) -> None:
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder):
        return
    render_partial = builder.render_partial
    rendered: dict[str, dict[str, str]] = {}

    def render_partial_once(node: nodes.Node | None) -> dict[str, str]:
        if not isinstance(node, nodes.title) or not all(
            isinstance(part, PAGE_FREE_NODES) for part in node.findall()
        ):
            return render_partial(node)
        key = str(node)  # docutils' serialisation: every node, attribute and text
        parts = rendered.get(key)
        if parts is None:
            parts = rendered[key] = render_partial(node)
        return dict(parts)

    builder.render_partial = render_partial_once  # type: ignore[method-assign]


#: In the doctree folder: compiled templates, one folder per set of Jinja extensions.
TEMPLATE_CACHE = "kb-templates"


def cache_compiled_templates(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if not isinstance(environment, jinja2.Environment) or environment.bytecode_cache is not None:
        return
    extensions = repr(sorted(environment.extensions)).encode()
    folder = Path(app.doctreedir, TEMPLATE_CACHE, hashlib.sha1(extensions).hexdigest()[:12])
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only doctree folder: compile as Sphinx does
        return
    environment.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))


def share_dependency_paths(app: Sphinx, env: BuildEnvironment) -> None:
    """Every page's dependencies as the same path objects, one per file."""
    shared: dict[object, object] = {}
    for docname, paths in env.dependencies.items():
        env.dependencies[docname] = {shared.setdefault(path, path) for path in paths}


def tie_nodes_to_their_page(app: Sphinx, doctree: nodes.document) -> None:
    """Every node of the page names the page's document, none a translation's scratch one."""
    for node in doctree.findall():
        if node._document is not None and node._document is not doctree:
            node._document = doctree


def tie_translated_nodes(app: Sphinx, config: Config) -> None:
    """Only a translated build has scratch documents (an English one is left as it is)."""
    if not language_of(config).is_source:
        # late: after every other handler that might still parse a message
        app.connect("doctree-read", tie_nodes_to_their_page, priority=900)
        parse_translations_once(app)


#: What a translated message may hold to be parsed once: text and emphasis, whose nodes are
#: the same whichever page the message is in.
PLAIN_MESSAGE_NODES = (
    nodes.Text,
    nodes.paragraph,
    nodes.section,
    nodes.title,
    nodes.emphasis,
    nodes.strong,
    nodes.literal,
    nodes.subscript,
    nodes.superscript,
)


class WarningSeen(logging.Handler):
    """Notes whether Sphinx logged any warning while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True


def is_plain(patch: nodes.Node) -> bool:
    return (
        isinstance(patch, nodes.Element)
        and not isinstance(patch, nodes.document)
        and all(isinstance(node, PLAIN_MESSAGE_NODES) for node in patch.findall())
    )


def scratch_source(source_path: str, source_line: int) -> str:
    """The name Sphinx gives a message's scratch document (`_publish_msgstr`)."""
    return f"{source_path}:{source_line}:<translated>"


def pristine_copy(patch: nodes.Element) -> nodes.Element:
    """A deep copy of a parsed message, under the same scratch document."""
    copy = patch.deepcopy()
    copy.parent = patch.parent
    return copy


#: What could make markup in a message, or what MyST's block syntax or typography (smart quotes,
#: replacements) would change: a message with none of these and no space at either end is one
#: paragraph of its own text, as MyST parses it.
MARKUP_CHARACTERS = re.compile(r"[`*_\[\]<>{}\\!#|~$&:=+\-().\"'@^%\n\r\t/;,?]|^\s|\s$|^\d")


def plain_paragraph(
    source: str, source_path: str, source_line: int, config: Config
) -> nodes.paragraph | None:
    """The paragraph MyST parses a message without markup into (its scratch document's name as
    its source, the message's first line as its line), made without parsing; None for any other
    message, or a page MyST does not read."""
    markdown = config.source_suffix.get(os.path.splitext(source_path)[1]) == "markdown"
    if not markdown or not source or MARKUP_CHARACTERS.search(source):
        return None
    paragraph = nodes.paragraph(source, "", nodes.Text(source))
    paragraph.source, paragraph.line = scratch_source(source_path, source_line), 1
    return paragraph


def published_once(publish: Callable[..., nodes.Element]) -> Callable[..., nodes.Element]:
    """`_publish_msgstr`, parsing each plain message once per build environment, and any other
    once per place on its page."""
    state: dict[str, Any] = {
        "env": None,
        "parsed": {},
        "page": None,
        "again": {},
        "warnings": WarningSeen(),  # one handler, reset for each parse: making one makes a lock
    }

    def _publish_msgstr(
        source: str, source_path: str, source_line: int, **kwargs: Any
    ) -> nodes.Element:
        env = kwargs.get("env")
        if getattr(env, "_app", None) not in PARSING_ONCE:
            return publish(source, source_path, source_line, **kwargs)
        paragraph = plain_paragraph(source, source_path, source_line, kwargs["config"])
        if paragraph is not None:
            return paragraph
        if state["env"] is None or state["env"]() is not env:
            state.update(env=weakref.ref(env), parsed={}, page=None)
        if state["page"] != source_path:
            state.update(page=source_path, again={})
        place = (source, source_line)
        if place in state["again"]:
            return state["again"].pop(place)
        key = (source, os.path.splitext(source_path)[1])  # the parser, by the file's suffix
        known = state["parsed"].get(key)
        if known is None:
            seen = state["warnings"]
            seen.seen = False
            sphinx_logger = logging.getLogger("sphinx")
            sphinx_logger.addHandler(seen)
            try:
                patch = publish(source, source_path, source_line, **kwargs)
            finally:
                sphinx_logger.removeHandler(seen)
            if seen.seen:
                return patch
            if not is_plain(patch):
                state["again"][place] = pristine_copy(patch)
                return patch
            state["parsed"][key] = (patch, scratch_source(source_path, source_line))
            known = state["parsed"][key]
        patch, parsed_in = known
        copy = pristine_copy(patch)
        named = scratch_source(source_path, source_line)
        for node in copy.findall(nodes.Element):
            if node.source == parsed_in:
                node.source = named
        return copy

    _publish_msgstr.__wrapped_by_kb__ = True  # type: ignore[attr-defined]
    _publish_msgstr.__wrapped__ = publish  # type: ignore[attr-defined]
    return _publish_msgstr


#: The builds whose messages are parsed once (the wrapper stays in Sphinx's module for the
#: process; a build that did not ask, one on another Sphinx, say, keeps Sphinx's behaviour).
PARSING_ONCE: weakref.WeakSet[Sphinx] = weakref.WeakSet()


def parse_translations_once(app: Sphinx) -> None:
    from sphinx.transforms import i18n

    PARSING_ONCE.add(app)
    current = getattr(i18n, "_publish_msgstr", None)
    if current is not None and not hasattr(current, "__wrapped_by_kb__"):
        i18n._publish_msgstr = published_once(current)


GetSettings = Callable[..., frontend.Values]
#: What docutils' option parser reads from a component (`OptionParser.populate_from_components`
#: and the config file sections).
SETTINGS_ATTRIBUTES = (
    "settings_spec",
    "settings_defaults",
    "settings_default_overrides",
    "relative_path_settings",
    "config_section",
    "config_section_dependencies",
)


def settings_key(component: object) -> object | None:
    """What a component's settings come from: its class, since Sphinx makes a new parser for
    every page; None (no reuse) for an instance that sets any of them itself."""
    if isinstance(component, type):
        return component
    if any(name in getattr(component, "__dict__", {}) for name in SETTINGS_ATTRIBUTES):
        return None
    return type(component)


def settings_made_once(get_settings: GetSettings) -> GetSettings:
    """`_get_settings`, making the settings for the same components and defaults only once."""
    made: list[tuple[tuple[object, ...], bool, dict[str, object], frontend.Values]] = []

    def copy_of(settings: frontend.Values) -> frontend.Values:
        copied = settings.copy()
        copied.record_dependencies = utils.DependencyList()
        copied._config_files = list(getattr(settings, "_config_files", []))
        return copied

    def _get_settings(
        *components: object, defaults: dict[str, object], read_config_files: bool = False
    ) -> frontend.Values:
        key = tuple(settings_key(component) for component in components)
        if None in key:
            return get_settings(*components, defaults=defaults, read_config_files=read_config_files)
        for made_for, read, made_from, settings in made:
            if made_for == key and read == read_config_files and made_from == defaults:
                return copy_of(settings)
        settings = get_settings(*components, defaults=defaults, read_config_files=read_config_files)
        del made[:-1]  # a build has one set or two; tests run many builds in one process
        made.append((key, read_config_files, dict(defaults), settings))
        return copy_of(settings)

    _get_settings.__wrapped_by_kb__ = True  # type: ignore[attr-defined]
    return _get_settings


def make_page_settings_once() -> None:
    from sphinx.util import docutils as sphinx_docutils

    current = getattr(sphinx_docutils, "_get_settings", None)
    if current is not None and not hasattr(current, "__wrapped_by_kb__"):
        sphinx_docutils._get_settings = settings_made_once(current)


def build_info_as_configured(app: Sphinx) -> None:
    """The HTML builder records the configuration it starts with (`build_info`, written to
    `.buildinfo`) before extensions add their static folders at `builder-inited`; the next
    build, which has them from the start (`html/assets.py`), would see a mismatch and write
    every page again. Recorded again once the folders are in, the two agree."""
    if supported() and callable(getattr(app.builder, "create_build_info", None)):
        app.builder.build_info = app.builder.create_build_info()


def note_bugs_in_our_handlers(app: Sphinx) -> None:
    """Wrap every event handler this package connected (called once, at the end of setup);
    on another Sphinx, our bugs show as Sphinx's ordinary crash report."""
    if not supported():
        return
    for name, listeners in app.events.listeners.items():
        app.events.listeners[name] = [
            listener._replace(handler=bug_noted(listener.handler))
            if getattr(listener.handler, "__module__", "").startswith(f"{PACKAGE}.")
            else listener
            for listener in listeners
        ]


#: Fewer pages than this are always read and written in the main process.
FEW_PAGES = 6
#: A fork pays for itself once it shares out this share of the site (1/40: at a thousand pages,
#: pickling the environment back from the process that read took as long as reading ~13 pages).
PAGES_PER_FORK = 40


def too_few_to_fork(env: BuildEnvironment, pages: int) -> bool:
    return pages < max(FEW_PAGES, len(env.all_docs) // PAGES_PER_FORK)


def dealt(docnames: list[str], hands: int) -> list[list[str]]:
    """`docnames` dealt out like cards into `hands` chunks, so that each holds pages of every
    folder and no chunk gets only the long ones."""
    return [chunk for chunk in (docnames[hand::hands] for hand in range(hands)) if chunk]


def in_forked_processes(
    chunks: list[list[str]],
    nproc: int,
    task: Callable[[list[str]], Any],
    done: Callable[[list[str], Any], None],
    progress: tuple[str, str, int],
) -> None:
    """`task` on each chunk in a forked process, `nproc` at a time, and what it returned to
    `done` in this process as each ends, stepping Sphinx's progress line (its summary, colour
    and verbosity) as Sphinx's own parallel reading and writing do."""
    summary, colour, verbosity = progress
    steps = status_iterator(chunks, summary, colour, len(chunks), verbosity)

    def step(chunk: list[str], result: Any) -> None:
        done(chunk, result)
        next(steps)

    tasks = ParallelTasks(nproc)
    for chunk in chunks:
        tasks.add_task(task, chunk, step)
    tasks.join()
    logger.info("")


def read_in_one_chunk_per_process(builder: Builder, docnames: list[str], nproc: int) -> None:
    """Sphinx's `_read_parallel`, with one chunk for each process instead of a chunk of about
    the square root of ten times the pages each (fifteen at a thousand pages)."""
    env = builder.env
    chunks = dealt(docnames, nproc)
    for docname in docnames:
        builder.events.emit("env-purge-doc", env, docname)
        env.clear_doc(docname)

    def read_process(docs: list[str]) -> bytes:
        env._app = builder._app
        for docname in docs:
            builder.read_doc(docname, _cache=False)
        return pickle.dumps(env, pickle.HIGHEST_PROTOCOL)

    def merge(docs: list[str], other: bytes) -> None:
        env.merge_info_from(docs, pickle.loads(other), builder._app)

    progress = (__("reading sources... "), "purple", builder.config.verbosity)
    in_forked_processes(chunks, nproc, read_process, merge, progress)


def hand_back_images(app: Sphinx) -> None:
    """The images a page shows, which the HTML builder notes while the page is handed to its
    writer (`post_process_images`) and copies at the end."""
    images = app.builder.images
    hand_back_from_writers(app, lambda: images, images.update)


def write_in_one_chunk_per_process(builder: Builder, docnames: list[str], nproc: int) -> None:
    """Each process resolves the pages it writes: Sphinx's `_write_parallel` resolves every
    page in the main process and forks a writer for each chunk of about the square root of ten
    times the pages (fifteen at a thousand pages), each inheriting the main process's growing
    heap. The first page is written here, as Sphinx does, so that every writer inherits the
    compiled templates; what the writers gathered for the end of the build is handed back
    (`core.page_writers`)."""
    env, tags, app = builder.env, builder.tags, builder._app
    first, rest = docnames[0], docnames[1:]
    _write_docname(first, env=env, builder=builder, tags=tags)
    chunks = dealt(rest, nproc)

    def write_process(docs: list[str]) -> list[Any]:
        for docname in docs:
            _write_docname(docname, env=env, builder=builder, tags=tags)
        return [take() for take, _ in handed_back(app)]

    def give(docs: list[str], taken: list[Any]) -> None:
        for (_, give_to), value in zip(handed_back(app), taken, strict=True):
            give_to(value)

    progress = (__("writing output... "), "darkgreen", builder.config.verbosity)
    in_forked_processes(chunks, nproc, write_process, give, progress)


def resolves_in_writers(builder: Builder) -> bool:
    """An HTML builder without Sphinx's own search index, which it feeds in the main process:
    nothing else of what the main process does with a resolved page is needed later."""
    return isinstance(builder, StandaloneHTMLBuilder) and builder.indexer is None


def fork_where_it_pays(app: Sphinx) -> None:
    builder = app.builder
    write_parallel = builder._write_parallel
    if isinstance(builder, StandaloneHTMLBuilder):
        hand_back_images(app)

    def read(docnames: list[str], nproc: int) -> None:
        if too_few_to_fork(builder.env, len(docnames)):
            builder._read_serial(docnames)
        else:
            read_in_one_chunk_per_process(builder, docnames, nproc)

    def write(docnames: list[str], nproc: int) -> None:
        if too_few_to_fork(builder.env, len(docnames)):
            builder._write_serial(docnames)
        elif resolves_in_writers(builder):  # as many writers as -j, not Sphinx's one fewer
            write_in_one_chunk_per_process(builder, list(docnames), app.parallel)
        else:
            write_parallel(docnames, app.parallel)

    builder._read_parallel = read  # type: ignore[method-assign]
    builder._write_parallel = write  # type: ignore[method-assign]


#: Sphinx's own, which the debug lines of `sphinx.util.nodes` call through the module's name.
REPR_DOMXML = sphinx_nodes.repr_domxml


class NodeAsXml:
    """`repr_domxml(node, length)`, made when a log line is printed (`%s`), not before."""

    __slots__ = ("length", "node")

    def __init__(self, node: nodes.Node, length: int = 80) -> None:
        self.node, self.length = node, length

    def __str__(self) -> str:
        return REPR_DOMXML(self.node, self.length)

    def __repr__(self) -> str:
        return repr(str(self))


def findall_by_class(matcher: sphinx_nodes.NodeMatcher, node: nodes.Node) -> Iterator[Any]:
    """`NodeMatcher.findall`: the nodes of the matcher's one class, as docutils' fast path finds
    them, that match; a matcher of no class or of several is Sphinx's own walk."""
    if len(matcher.classes) != 1:
        yield from node.findall(matcher)
        return
    for found in node.findall(matcher.classes[0]):
        if matcher.match(found):
            yield found


#: Each asset's file, by output folder and the name a tag gives (`_file_checksum`).
_ASSET_FILES: dict[tuple[Path, str], Path] = {}


def asset_checksum(outdir: Path, filename: str | os.PathLike[str]) -> str:
    """Sphinx's `_file_checksum`, the file's path resolved once per output folder and name."""
    name = os.fspath(filename)
    if "://" in name or "?" in name:
        return html_assets._file_checksum(outdir, filename)  # nothing, or Sphinx's error
    key = (outdir, name)
    if key not in _ASSET_FILES:
        _ASSET_FILES[key] = outdir.joinpath(name).resolve()
    return html_assets._file_checksum_inner(_ASSET_FILES[key])


def resolve_asset_paths_once() -> None:
    """The HTML builder calls the checksum through its own module's name."""
    html_builder._file_checksum = asset_checksum


def match_by_class() -> None:
    sphinx_nodes.NodeMatcher.findall = findall_by_class  # type: ignore[method-assign]


def make_node_xml_when_shown() -> None:
    """Every call of `repr_domxml` in `sphinx.util.nodes` is a debug line's argument."""
    sphinx_nodes.repr_domxml = NodeAsXml


#: Sphinx's own, which `sphinx.util.parallel` calls through the module's name in each forked
#: process, on every record the process logged, before it sends them back.
SPHINX_CONVERT_SERIALIZABLE = sphinx_logging.convert_serializable
#: The lowest level that a handler of Sphinx's logger shows in the current build.
_SHOWN_LEVEL = [logging.NOTSET]


def shown_records_serializable(records: list[logging.LogRecord]) -> None:
    """`convert_serializable`, the records no handler would show dropped first (from the list
    itself, which the caller then sends)."""
    records[:] = [record for record in records if record.levelno >= _SHOWN_LEVEL[0]]
    SPHINX_CONVERT_SERIALIZABLE(records)


def send_back_shown_records_only(app: Sphinx) -> None:
    handlers = logging.getLogger("sphinx").handlers
    _SHOWN_LEVEL[0] = min((handler.level for handler in handlers), default=logging.NOTSET)
    sphinx_logging.convert_serializable = shown_records_serializable


#: Sphinx's own compiling of a catalog, for those `patches.babel` leaves to Babel.
SPHINX_WRITE_MO = CatalogInfo.write_mo


def write_mo_quickly(catalog: CatalogInfo, locale: str, use_fuzzy: bool = False) -> None:
    """`CatalogInfo.write_mo`, a plain catalog compiled by `patches.babel`."""
    try:
        with open(catalog.po_path, encoding=catalog.charset) as po_file:
            mo = babel_patches.compiled(po_file.read(), locale, use_fuzzy)
    except (babel_patches.NotPlain, OSError, UnicodeError, LookupError):
        SPHINX_WRITE_MO(catalog, locale, use_fuzzy)  # Babel, and Sphinx's warning if it fails
        return
    with open(catalog.mo_path, "wb") as mo_file:
        mo_file.write(mo)


def compile_catalogs_quickly() -> None:
    if babel_patches.supported():
        CatalogInfo.write_mo = write_mo_quickly  # type: ignore[method-assign]


def setup_sphinx_patches(app: Sphinx) -> None:
    """Every patch above, on the supported releases (the bug note is applied last, by `setup()`,
    so that it sees every handler)."""
    if not supported():
        return
    purge_toctrees_linearly(app)
    make_page_settings_once()
    make_node_xml_when_shown()
    match_by_class()
    resolve_asset_paths_once()
    compile_catalogs_quickly()
    app.connect("builder-inited", keep_unchanged_index)
    app.connect("builder-inited", render_titles_once)
    app.connect("config-inited", tie_translated_nodes)
    app.connect("env-updated", share_dependency_paths)
    app.connect("builder-inited", cache_compiled_templates)
    app.connect("builder-inited", fork_where_it_pays)
    app.connect("builder-inited", send_back_shown_records_only)
