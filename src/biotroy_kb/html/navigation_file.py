"""The shared navigation file of a pruned site: every branch's lists, written once per build.

A page under `kb_navigation_prune` names the file in a `<meta name="kb-navigation">` tag; the
script `static/kb-navigation.js` loads it when a reader first expands a branch whose lists the
page left out. It is a script, not JSON, so that it loads from `file://` too (a browser fetches
no JSON there). Its name carries a hash of its content: a browser may keep it for as long as it
likes, the next build that changes the tree writes a new name, and pages an incremental build
did not rewrite still find the file they name.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from sphinx.util.osutil import relative_uri

#: The script that expands pruned branches, in the extension's `static/` folder.
SCRIPT = "kb-navigation.js"
#: The file's name: this, a hash of its content, `.js`.
PREFIX = "kb-navigation."
FOLDER = "_static"
#: Every shared navigation file, which the leak check reads (the script beside it is no content).
SHARED_FILE_NAME = re.compile(rf"{re.escape(PREFIX)}[0-9a-f]{{16}}\.js")


@dataclass(frozen=True)
class SharedNavigation:
    """The file's content and the name under `_static/` that its content decides."""

    content: bytes
    name: str

    @classmethod
    def of(cls, branches: dict[str, str]) -> SharedNavigation:
        data = json.dumps(branches, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        content = f"window.kbNavigation={data};\n".encode()
        digest = hashlib.sha256(content).hexdigest()[:16]
        return cls(content, f"{PREFIX}{digest}.js")

    @property
    def uri(self) -> str:
        return f"{FOLDER}/{self.name}"

    def meta_tag(self, page_uri: str) -> str:
        """Where the page finds the file, and the page's own URI (to make links relative)."""
        href = html.escape(relative_uri(page_uri, self.uri))
        return f'<meta name="kb-navigation" content="{href}" data-page="{html.escape(page_uri)}">\n'

    def write(self, outdir: str | os.PathLike[str]) -> Path:
        path = Path(outdir, FOLDER, self.name)
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(".tmp")
            partial.write_bytes(self.content)
            partial.replace(path)
        return path
