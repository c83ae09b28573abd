#!/usr/bin/env bash
# Serves the demo page at http://127.0.0.1:${PORT:-8080}/ (building the package first if
# www/pkg is missing), gzip-compressed, with ETags (serve.py). Everything is local; after
# the first visit the service worker (www/sw.js) keeps the page working offline.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ -f "$here/www/pkg/antq_bg.wasm" ] || "$here/build.sh"
exec python3 "$here/serve.py" --port "${PORT:-8080}" --bind 127.0.0.1 --directory "$here/www"
