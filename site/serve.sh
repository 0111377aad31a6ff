#!/usr/bin/env bash
# Builds the browser version of kubeplay (wasm preset, target kubeplay_web) into build/site and
# serves it on http://127.0.0.1:8080 until Ctrl+C. On a fresh Debian/Ubuntu machine it first
# installs what is missing.
#
#   site/serve.sh                 build, then serve (PORT=8081 site/serve.sh for another port)
#   site/serve.sh --build-only    build, print the site folder, do not serve
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

serve=1
for arg in "$@"; do
  case $arg in
    --build-only) serve=0 ;;
    -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "site/serve.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

PORT=${PORT:-8080}
SITE_DIR=$ROOT/build/site  # KP_SITE_DIR of the wasm preset (CMakePresets.json)
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}  # emscripten's link step needs acorn
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$ROOT}

bash tools/deps/install-packages.sh
(cd web && npm ci --no-audit --no-fund --loglevel=error)
KP_WASM_DEPS_DIR=$(bash tools/deps/build-wasm-deps.sh)
export KP_WASM_DEPS_DIR
cmake --preset wasm -DKP_WASM_DEPS_DIR="$KP_WASM_DEPS_DIR" >/dev/null
cmake --build --preset wasm --target kubeplay_web

for file in index.html kubeplay_web.js kubeplay_web.wasm; do
  if [ ! -f "$SITE_DIR/$file" ]; then
    echo "site/serve.sh: $SITE_DIR/$file was not built" >&2
    exit 1
  fi
done

if [ "$serve" = 0 ]; then
  echo "$SITE_DIR"
  exit 0
fi
echo "kubeplay: serving $SITE_DIR at http://127.0.0.1:$PORT/ (Ctrl+C stops)"
exec python3 -m http.server --bind 127.0.0.1 "$PORT" --directory "$SITE_DIR"
