#!/usr/bin/env bash
# Serves the demo page at http://127.0.0.1:${PORT:-8080}/ (building the package first if
# www/pkg is missing). Everything is local: the page works offline.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ -f "$here/www/pkg/antq_bg.wasm" ] || "$here/build.sh"
echo "antq demo: http://127.0.0.1:${PORT:-8080}/"
exec python3 -m http.server "${PORT:-8080}" --bind 127.0.0.1 --directory "$here/www"
