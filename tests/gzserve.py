"""Serve a built site on 127.0.0.1 the way GitHub Pages does: text compressed with gzip.

``python tests/gzserve.py PORT FOLDER`` serves ``FOLDER``; HTML, CSS, JavaScript, JSON, XML, SVG and
plain text go out gzip-compressed to a client that accepts it (GitHub Pages does the same), so
Lighthouse measures the transfer sizes a visitor meets. ``http.server`` alone sends them raw, which
makes Lighthouse's performance score read 9–12 points low. Everything else is sent as it is.
"""

from __future__ import annotations

import gzip
import io
import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
COMPRESSED_SUFFIXES = {".json": "application/json", ".js": "application/javascript", ".xml": "application/xml"}


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, text gzip-compressed when the client accepts it; caching by Last-Modified as usual."""

    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map, **COMPRESSED_SUFFIXES}

    def send_head(self):  # type: ignore[no-untyped-def]
        """Answer with the gzip-compressed file where that applies, else as ``http.server`` does."""
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                return super().send_head()  # http.server redirects a folder to its slash
            path = path / "index.html"
        kind = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and kind.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep quiet: the tests read responses, not the log."""


def main(argv: list[str]) -> int:
    """Serve ``argv[1]`` on 127.0.0.1 port ``argv[0]`` until stopped."""
    port, folder = int(argv[0]), argv[1]
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(GzipHandler, directory=folder))
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
