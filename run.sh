#!/usr/bin/env bash
# One script for people and CI.
#   ./run.sh serve   install what is missing, build the map, serve it on localhost
#   ./run.sh test    install what is missing, then fmt, clippy, native tests, browser tests, e2e
#   ./run.sh build   build www/pkg only
#   ./run.sh package build, then pack the npm package into target/npm/
#   ./run.sh bench   run the benchmark (see BENCHMARKS.md); BENCH_BEFORE=<commit> adds that
#                    commit's build as a subject, "region-map (before)"
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi

ensure_apt() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} (apt)"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_rust() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  # wasm-bindgen-cli must be the same version as the wasm-bindgen crate in Cargo.lock.
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (about 4 minutes, once)"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_npm() {
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/esbuild ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] || [ ! -x node_modules/.bin/tsc ] \
    || [ ! -d node_modules/topojson-client ] || [ ! -d node_modules/vega-datasets ] || [ ! -d node_modules/us-atlas ] || [ ! -d node_modules/world-atlas ]; then
    say "installing npm dev dependencies (binaryen's wasm-opt, esbuild, playwright-core, axe-core, typescript, and public test data: world-atlas, us-atlas, vega-datasets, topojson-client)"
    npm ci --no-audit --no-fund --silent
  fi
}

ensure_browser() {
  ensure_apt chromium chromium-driver fonts-noto-cjk
  ensure_npm
  # The Vite + React app that installs the packed package (tests/e2e/fixture.mjs).
  if [ ! -x tests/fixture-app/node_modules/.bin/vite ]; then
    say "installing the fixture app's dependencies (vite, react)"
    (cd tests/fixture-app && npm ci --no-audit --no-fund --silent)
  fi
}

build() {
  ensure_rust
  # binaryen from npm: Debian's wasm-opt (version 108) cannot read reference types, which
  # rustc emits for wasm32 by default.
  ensure_npm
  say "building the WebAssembly modules (the map, and the charts it loads when one is opened)"
  # Two builds: built together, cargo would unify the features and link the map's exports
  # into the charts module.
  cargo build --release --target wasm32-unknown-unknown --lib -p region-map
  cargo build --release --target wasm32-unknown-unknown --lib -p region-map-charts
  rm -rf www/pkg
  local m
  for m in region_map region_map_charts; do
    wasm-bindgen --target web --out-dir www/pkg "target/wasm32-unknown-unknown/release/$m.wasm"
    node_modules/.bin/wasm-opt -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue --strip-debug --strip-producers \
      "www/pkg/${m}_bg.wasm" -o "www/pkg/${m}_bg.wasm"
  done
  # The file pages load: the module, panel.js and the bindings in one minified file.
  node_modules/.bin/esbuild www/region-map.js --bundle --format=esm --minify --target=es2022 \
    --outfile=www/region-map.min.js --log-level=warning
  local f
  for f in www/pkg/region_map_bg.wasm www/region-map.min.js; do
    say "$f: $(stat -c %s "$f") bytes, $(gzip -9c "$f" | wc -c) gzipped"
  done
  for f in www/pkg/region_map_charts_bg.wasm www/pkg/region_map_charts.js; do
    say "loaded later, with the first chart: $f: $(stat -c %s "$f") bytes, $(gzip -9c "$f" | wc -c) gzipped"
  done
}

cmd=${1:-serve}
case "$cmd" in
  build) build ;;
  serve)
    build
    port=${PORT:-8080}
    say "serving; open the address below (Ctrl-C stops)"
    exec node scripts/serve.mjs "$port"
    ;;
  test)
    ensure_browser
    build
    say "rustfmt"
    cargo fmt --check
    say "clippy (native and wasm32)"
    cargo clippy --workspace --all-targets -- -D warnings
    cargo clippy --workspace --target wasm32-unknown-unknown --lib --tests -- -D warnings
    say "TypeScript declarations (generated ones checked by the native tests)"
    node_modules/.bin/tsc --noEmit --strict www/region-map.d.ts
    node_modules/.bin/tsc --noEmit --strict --lib es2022,dom tests/types/usage.ts
    say "native tests"
    cargo test --workspace
    say "browser tests (wasm-bindgen-test in headless Chromium)"
    CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web
    say "end-to-end tests (playwright-core)"
    node --test --test-concurrency=1 tests/e2e/run.mjs tests/e2e/api.mjs tests/e2e/industry.mjs tests/e2e/screens.mjs tests/e2e/anydata.mjs tests/e2e/package.mjs tests/e2e/fixture.mjs
    say "all tests passed"
    ;;
  package)
    build
    say "the npm package (target/npm/region-map/, and its tarball)"
    node scripts/package.mjs
    ;;
  bench)
    ensure_browser
    build
    if [ -n "${BENCH_BEFORE:-}" ]; then
      # An earlier commit built in a worktree of its own (with its own target directory), its
      # module and script copied where the benchmark's pages find them.
      sha=$(git rev-parse --short "$BENCH_BEFORE")
      # (outside this directory: cargo would take it for a member of this workspace)
      dir="${TMPDIR:-/tmp}/region-map-before/$sha"
      [ -d "$dir" ] || git worktree add --detach "$dir" "$sha" >/dev/null
      [ -e "$dir/node_modules" ] || ln -s "$PWD/node_modules" "$dir/node_modules"
      say "building $sha for the benchmark's \"region-map (before)\""
      (cd "$dir" && ./run.sh build)
      rm -rf bench/pages/before && mkdir -p bench/pages/before
      cp -r "$dir/www/pkg" "$dir/www/region-map.min.js" "$dir/www/region-map.css" bench/pages/before/
      # Today's page, importing that build.
      sed -e "s#'/region-map.min.js'#'./region-map.min.js'#" -e "s#'./data.js'#'../data.js'#" \
        bench/pages/regionmap.html > bench/pages/before/regionmap.html
      export BENCH_BEFORE_SHA="$sha"
    fi
    node bench/run.mjs
    ;;
  *) echo "usage: ./run.sh serve|test|build|package|bench" >&2; exit 2 ;;
esac
