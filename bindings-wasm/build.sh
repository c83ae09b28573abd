#!/usr/bin/env bash
# Builds the WebAssembly package into bindings-wasm/pkg/{web,node} and copies the web
# build into www/pkg for the demo page. Needs: the wasm32-unknown-unknown target,
# wasm-bindgen-cli equal to the crate's wasm-bindgen version, and `npm ci` here (for
# binaryen's wasm-opt). ci.sh installs all three.
#
#   ./build.sh               # size-optimised (profile wasm-release, wasm-opt -Oz)
#   PROFILE=release ./build.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
profile="${PROFILE:-wasm-release}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/target-wasm}"

cd "$root"
wasm_opt="$here/node_modules/.bin/wasm-opt"
# The features rustc enables by default for wasm32-unknown-unknown.
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)

# Two modules: the default one (pkg/web, pkg/node) and the `analysis` one with decision
# support and the DOMAIN §6 rules (pkg/full/web, pkg/full/node).
rm -rf "$here/pkg/web" "$here/pkg/node" "$here/pkg/full"
for variant in default full; do
  if [ "$variant" = full ]; then
    feats="analysis${FEATURES:+,$FEATURES}"
    dest="$here/pkg/full"
  else
    feats="${FEATURES:-}"
    dest="$here/pkg"
  fi
  cargo build -p antq-wasm --lib --target wasm32-unknown-unknown --profile "$profile" ${feats:+--features "$feats"}
  raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/$profile/antq_wasm.wasm"
  for target in web nodejs; do
    out="$dest/${target%js}"
    wasm-bindgen "$raw" --out-dir "$out" --out-name antq --target "$target"
    "$wasm_opt" -Oz "${features[@]}" "$out/antq_bg.wasm" -o "$out/antq_bg.wasm"
    rm -f "$out/.gitignore"
  done
  printf '{ "type": "commonjs" }\n' > "$dest/node/package.json"
done
# (The Node builds are CommonJS; the dev package.json here says "type": "module".)
cp "$here/pkg.package.json" "$here/pkg/package.json"

# The synthetic sample ships beside the module, not inside it (it would be ~20 KB gzipped
# of every app's download): pkg/sample/ in the package, www/pkg/sample/ for the demo.
rm -rf "$here/pkg/sample"
mkdir -p "$here/pkg/sample"
cp "$root/core/sample/province.json" "$root/core/sample/typical-supplement.toml" \
  "$root/core/sample/d510-supplement.toml" "$here/pkg/sample/"

rm -rf "$here/www/pkg"
mkdir -p "$here/www/pkg"
cp "$here/pkg/web/antq.js" "$here/pkg/web/antq_bg.wasm" "$here/www/pkg/"
cp -r "$here/pkg/sample" "$here/www/pkg/sample"

for m in "$here/pkg/web/antq_bg.wasm" "$here/pkg/full/web/antq_bg.wasm"; do
  echo "${m#"$here/"}: $(stat -c %s "$m") bytes, $(gzip -9 -c "$m" | wc -c) bytes gzipped (gzip -9), profile $profile"
done
