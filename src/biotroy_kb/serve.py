"""`make serve`: the built site on http://127.0.0.1:8000/, as a static host serves it.

Search needs a server (a page opened from disk cannot load the index), and so does the 404
page. The English edition is served at the root, each other language's build beside it under
its folder's name (`/html-zh/`), where the 中文 link leads; `/html/…`, where a Chinese page's
English link leads, is the root's. A missing address gets its edition's 404 page.

    python -m biotroy_kb.serve docs/_build [--port 8000]
"""

from __future__ import annotations

import argparse
import functools
import sys
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from .core.language import LANGUAGES, SOURCE_LANGUAGE

SITE = "html"


def edition_folders(build_dir: Path) -> dict[str, Path]:
    """URL prefix (`/`, `/html-zh/`) → the folder served there, for each edition built."""
    folders = {"/": build_dir / SITE}
    for language in LANGUAGES:
        if language is not SOURCE_LANGUAGE:
            folder = SITE + language.folder_suffix
            folders[f"/{folder}/"] = build_dir / folder
    return {prefix: folder for prefix, folder in folders.items() if folder.is_dir()}


class EditionsHandler(SimpleHTTPRequestHandler):
    """Serves each edition from its folder, without caching (a rebuild shows at once)."""

    folders: dict[str, Path] = {}  # noqa: RUF012 - set per server by `handler_for`

    def edition_of(self, path: str) -> tuple[str, Path]:
        for prefix in sorted(self.folders, key=len, reverse=True):
            if path.startswith(prefix):
                return prefix, self.folders[prefix]
        return "/", self.folders["/"]

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        prefix, folder = self.edition_of(url_path)
        self.directory = str(folder)
        return super().translate_path("/" + url_path[len(prefix) :])

    def do_GET(self) -> None:
        if urlsplit(self.path).path.startswith(f"/{SITE}/"):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", self.path[len(SITE) + 1 :])
            self.end_headers()
            return
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        _, folder = self.edition_of(urlsplit(self.path).path)
        page = folder / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: a reader wants the address, not a line per request."""


def handler_for(build_dir: Path) -> type[EditionsHandler]:
    folders = edition_folders(build_dir)
    return type("Handler", (EditionsHandler,), {"folders": folders})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build_dir", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    folders = edition_folders(args.build_dir)
    if "/" not in folders:
        print(f"No site in {args.build_dir / SITE}: run `make html` first.", file=sys.stderr)
        return 1
    handler = functools.partial(handler_for(args.build_dir))
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    print(f"Serving the site on http://127.0.0.1:{args.port}/ (Ctrl+C stops)")
    for prefix in folders:
        if prefix != "/":
            print(f"  and its translation on http://127.0.0.1:{args.port}{prefix}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
