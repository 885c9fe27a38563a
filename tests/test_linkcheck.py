"""`make linkcheck` is Sphinx's own linkcheck builder, configured in conf.py. Pointed at a
local HTTP server on 127.0.0.1, it reports a working page, a broken one and a redirect."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitebuild import build_variant


class Site(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        else:
            self.send_response(404)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args: object) -> None:
        """Quiet: the test reads linkcheck's report, not the server's log."""


@pytest.fixture
def local_server() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_linkcheck_reports_working_broken_and_redirected_links(
    tmp_path: Path, local_server: int
) -> None:
    text = (Path(__file__).parent / "roots/test-linkcheck/index.md").read_text()
    edits = {"index.md": (text, text.replace("PORT", str(local_server)))}
    build = build_variant(tmp_path, "linkcheck", edits, "linkcheck")
    records = [json.loads(line) for line in (build.outdir / "output.json").read_text().splitlines()]
    status = {record["uri"].rsplit("/", 1)[1]: record["status"] for record in records}
    assert status == {"ok": "working", "missing": "broken", "moved": "redirected"}
    assert build.statuscode == 1
