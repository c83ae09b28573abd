#!/usr/bin/env bash
# Builds the npm package `antq` into bindings-wasm/pkg/ and copies its browser entry into
# www/pkg for the demo page. Needs: the wasm32-unknown-unknown target, wasm-bindgen-cli
# equal to the crate's wasm-bindgen version, and `npm ci` here (for binaryen's wasm-opt).
# ci.sh installs all three.
#
#   ./build.sh               # size-optimised (profile wasm-release, wasm-opt -Oz --converge, metadata stripped)
#   PROFILE=release ./build.sh
#
# The package (one copy of each .wasm, shared by the browser and the Node entry):
#
#   antq.js  antq.node.js  antq.d.ts  antq_glue.js  antq_bg.wasm       'antq' (default module)
#   full.js  full.node.js  full.d.ts  antq_full_glue.js  antq_full_bg.wasm   'antq/full'
#   lib/ (AntqError, the JS layer)   sample/   package.json  README.md  LICENSE-MIT  LICENSE-APACHE
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
profile="${PROFILE:-wasm-release}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/target-wasm}"
pkg="$here/pkg"

cd "$root"
wasm_opt="$here/node_modules/.bin/wasm-opt"
# The features rustc enables by default for wasm32-unknown-unknown.
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)

rm -rf "$pkg"
mkdir -p "$pkg"
glue="$(mktemp -d)"
trap 'rm -rf "$glue"' EXIT

# Two modules: the default one and the `analysis` one with decision support and the DOMAIN
# §6 rules (bindings-wasm/README.md, "Two modules"). Both use wasm-bindgen's `--target web`
# glue; the Node entries instantiate the same glue from the same .wasm with fs.
for variant in default full; do
  if [ "$variant" = full ]; then
    feats="analysis${FEATURES:+,$FEATURES}"
    name=antq_full
  else
    feats="${FEATURES:-}"
    name=antq
  fi
  cargo build -p antq-wasm --lib --target wasm32-unknown-unknown --profile "$profile" ${feats:+--features "$feats"}
  raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/$profile/antq_wasm.wasm"
  wasm-bindgen "$raw" --out-dir "$glue" --out-name "$name" --target web
  # Until no pass shrinks it further; the names, producers and target-features sections
  # are metadata no runtime reads (panics abort, so no stack trace needs the names).
  "$wasm_opt" -Oz --converge --strip-debug --strip-producers --strip-target-features "${features[@]}" \
    "$glue/${name}_bg.wasm" -o "$pkg/${name}_bg.wasm"
  # The glue is an internal module of the package: renamed so that `antq.js` is the entry.
  sed "s#@ts-self-types=\"./$name.d.ts\"#@ts-self-types=\"./${name}_glue.d.ts\"#" "$glue/$name.js" > "$pkg/${name}_glue.js"
  cp "$glue/$name.d.ts" "$pkg/${name}_glue.d.ts"
done

cp -r "$here/js/lib" "$pkg/lib"
node "$here/js/make-entries.mjs" "$pkg"

# package.json: the version is the workspace's (Cargo.toml), never written by hand.
version="$(cargo metadata --no-deps --format-version 1 --manifest-path "$here/Cargo.toml" |
  node -e 'const m = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(m.packages.find((p) => p.name === "antq-wasm").version)')"
node -e '
  const fs = require("fs");
  const [template, out, version] = process.argv.slice(1);
  const p = JSON.parse(fs.readFileSync(template, "utf8"));
  fs.writeFileSync(out, JSON.stringify({ ...p, version }, null, 2) + "\n");
' "$here/pkg.package.json" "$pkg/package.json" "$version"
cp "$here/js/README.md" "$pkg/README.md"
cp "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$pkg/"

# The synthetic sample ships beside the module, not inside it (it would be ~20 KB gzipped
# of every app's download): sample/ in the package, www/pkg/sample/ for the demo.
mkdir -p "$pkg/sample"
cp "$root/core/sample/province.json" "$root/core/sample/typical-supplement.toml" \
  "$root/core/sample/d510-supplement.toml" "$pkg/sample/"

# The demo page imports the browser entry as a plain ES module (no bundler).
rm -rf "$here/www/pkg"
mkdir -p "$here/www/pkg"
cp "$pkg/antq.js" "$pkg/antq_glue.js" "$pkg/antq_bg.wasm" "$here/www/pkg/"
# The analysis module, loaded by the page only on demand ("what it still takes").
cp "$pkg/full.js" "$pkg/antq_full_glue.js" "$pkg/antq_full_bg.wasm" "$here/www/pkg/"
cp -r "$pkg/lib" "$pkg/sample" "$here/www/pkg/"

for m in "$pkg/antq_bg.wasm" "$pkg/antq_full_bg.wasm"; do
  echo "${m#"$here/"}: $(stat -c %s "$m") bytes, $(gzip -9 -c "$m" | wc -c) bytes gzipped (gzip -9), profile $profile"
done
echo "package antq@$version in ${pkg#"$here/"}/"
