#!/usr/bin/env python3
"""A static server for the demo page: gzip-compressed responses (when the client accepts
them), the right types (`application/wasm`, `text/javascript`), and cache headers that make a
revisit cheap (`no-cache` with an ETag: the browser revalidates and gets 304).

    python3 serve.py [--port 8080] [--bind 127.0.0.1] [--directory www]

Only the standard library: compressed bodies are made once per file version and kept in
memory (the page is a few files). `serve.sh` runs it.
"""

import argparse
import gzip
import hashlib
import http.server
import os
import sys
from functools import partial

COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".toml", ".wasm", ".svg", ".txt", ".webmanifest"}
TYPES = {
    ".wasm": "application/wasm",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".toml": "text/plain; charset=utf-8",
    ".webmanifest": "application/manifest+json",
}
_cache = {}


def compressed(path, mtime, size):
    key = (path, mtime, size)
    if key not in _cache:
        with open(path, "rb") as f:
            raw = f.read()
        _cache[key] = (gzip.compress(raw, compresslevel=9, mtime=0), hashlib.sha256(raw).hexdigest()[:16])
    return _cache[key]


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet unless asked
        if os.environ.get("ANTQ_SERVE_LOG"):
            super().log_message(fmt, *args)

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            index = os.path.join(path, "index.html")
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the slash
            path = index
        ext = os.path.splitext(path)[1].lower()
        if not os.path.isfile(path):
            self.send_error(404, "File not found")
            return None
        st = os.stat(path)
        body, digest = compressed(path, st.st_mtime_ns, st.st_size)
        etag = f'"{digest}"'
        gz = ext in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if gz:
            data = body
        else:
            with open(path, "rb") as f:
                data = f.read()
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(ext, self.guess_type(path)))
        if gz:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("ETag", etag)
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        import io

        return io.BytesIO(data)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    p.add_argument("--bind", default="127.0.0.1")
    p.add_argument("--directory", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "www"))
    a = p.parse_args()
    handler = partial(Handler, directory=a.directory)
    with http.server.ThreadingHTTPServer((a.bind, a.port), handler) as httpd:
        print(f"antq demo: http://{a.bind}:{httpd.server_address[1]}/", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            sys.exit(0)


if __name__ == "__main__":
    main()
