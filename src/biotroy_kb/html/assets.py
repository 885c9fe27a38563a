"""The extension's own CSS and JavaScript, added to every HTML page, and the static folders
other extensions add.

Sphinx compares the configuration a build starts with (as `conf.py` and the `config-inited`
handlers leave it) with the one the last build saved (as the whole build left it). sphinx-design
and sphinx-copybutton add their static folders to `html_static_path` only when the builder
starts, so every rebuild, even one with nothing to do, said "The configuration has changed
('html_static_path')". The folders they added are remembered beside the doctrees and added
back as the configuration is read, in the same order; their second addition is dropped, and
the HTML builder's record of the configuration is taken once they are all in.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from ..patches.sphinx import build_info_as_configured

STATIC_DIR = Path(__file__).parent / "static"
#: Beside the doctrees: the static folders other extensions added to the last build.
ADDED_FOLDERS = "kb-static-folders.json"


def add_static_dirs(app: Sphinx, config: Config) -> None:
    """Our folder, then those other extensions added last time, while the configuration is read."""
    added = Path(app.doctreedir, ADDED_FOLDERS)
    try:
        remembered = json.loads(added.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        remembered = []
    for folder in [str(STATIC_DIR), *remembered]:
        known = isinstance(folder, str) and folder not in config.html_static_path
        if known and (folder == str(STATIC_DIR) or Path(folder).is_dir()):
            config.html_static_path.append(folder)


def remember_static_dirs(app: Sphinx) -> None:
    """After every extension's `builder-inited`: each folder once, and the others' remembered
    (by an HTML build: the check shares its doctrees, and nobody adds folders for it)."""
    if app.builder.format != "html":
        return
    paths = app.config.html_static_path
    unique = list(dict.fromkeys(paths))
    paths[:] = unique
    build_info_as_configured(app)
    position = unique.index(str(STATIC_DIR)) if str(STATIC_DIR) in unique else len(unique)
    others = [folder for folder in unique[position + 1 :] if Path(folder).is_absolute()]
    added = Path(app.doctreedir, ADDED_FOLDERS)
    text = json.dumps(others)
    try:
        if not added.is_file() or added.read_text(encoding="utf-8") != text:
            added.parent.mkdir(parents=True, exist_ok=True)
            added.write_text(text, encoding="utf-8")
    except OSError:
        pass  # a read-only doctree folder: the rebuild says the configuration changed, no more


def add_static_files(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file("kb.css")
        app.add_js_file("kb.js", defer="defer")


def setup_assets(app: Sphinx) -> None:
    app.connect("config-inited", add_static_dirs)
    app.connect("builder-inited", add_static_files)
    app.connect("builder-inited", remember_static_dirs, priority=900)
