#!/usr/bin/env bash
# kubeplay's test command. On a fresh Debian/Ubuntu machine it installs what is missing, then
# builds and checks everything; it exits non-zero if any step fails.
#
#   tests/run.sh                  native + WebAssembly
#   tests/run.sh --native-only    (or --no-wasm) skip the WebAssembly build and its tests
#
# Steps: Debian packages, layering rules, native build + Catch2 tests (ctest), wasm dependencies,
# wasm build + the same tests under node (ctest), benchmark smoke runs when kp_bench exists.
# Build folders (build/native, build/wasm) and ccache are reused, so a second run rebuilds only
# what changed. Downloaded sources and the wasm dependencies live outside git, in
# ${KP_CACHE_DIR:-$HOME/.cache/kubeplay}.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

wasm=1
for arg in "$@"; do
  case $arg in
    --native-only | --no-wasm) wasm=0 ;;
    -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "tests/run.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

export DEBIAN_FRONTEND=noninteractive
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}  # emscripten's link step needs acorn
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$ROOT}              # cache hits across clones in other folders
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}             # -g builds: do not key the cache on the folder

failed=()
passed=0

# step NAME COMMAND...: runs one step, prints its time, records a failure and carries on.
step() {
  local name=$1 started=$SECONDS
  shift
  printf '\n=== %s\n' "$name"
  if "$@"; then
    echo "--- $name: ok ($((SECONDS - started)) s)"
    passed=$((passed + 1))
    return 0
  fi
  echo "--- $name: FAILED ($((SECONDS - started)) s)"
  failed+=("$name")
  return 1
}

build_wasm_deps() {
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
  KP_WASM_DEPS_DIR=$(bash tools/deps/build-wasm-deps.sh)
  export KP_WASM_DEPS_DIR
  echo "KP_WASM_DEPS_DIR=$KP_WASM_DEPS_DIR"
}

step "install packages" bash tools/deps/install-packages.sh chromium || exit 1
step "layering rules" bash tests/check_layering.sh || true
step "page strings in zh and en" node tests/web/i18n_check.mjs || true
step "shaders (glslangValidator)" bash tests/check_shaders.sh || true

native_built=0
if step "native configure" cmake --preset native &&
  step "native build" cmake --build --preset native; then
  native_built=1
  step "native tests" ctest --preset native --output-on-failure || true
  step "lessons: kubeplay lesson check --all (native runner)" build/native/bin/kubeplay lesson check --all || true
fi

wasm_built=0
if [ "$wasm" = 1 ]; then
  if step "wasm dependencies" build_wasm_deps &&
    step "wasm configure" cmake --preset wasm -DKP_WASM_DEPS_DIR="$KP_WASM_DEPS_DIR" &&
    step "wasm build" cmake --build --preset wasm; then
    wasm_built=1
    step "wasm tests" ctest --preset wasm --output-on-failure || true
    step "browser tests (headless Chromium)" node tests/browser/terminal_smoke.mjs build/site || true
    step "browser tests: visualizer (headless Chromium, WebGL2)" node tests/browser/visualizer_smoke.mjs build/site || true
    step "browser tests: the quick-start lesson (headless Chromium)" node tests/browser/lesson_quickstart.mjs build/site || true
    step "site/serve.sh serves the page (the README's first command)" tests/serve_check.sh || true
    step "browser tests: terminal tabs, reload, share link, undo (headless Chromium)" node tests/browser/session_persistence.mjs build/site || true
    step "browser tests: timeline scrub, Ctrl+C at 1x (headless Chromium, WebGL2)" node tests/browser/timeline_scrub.mjs build/site || true
    step "browser tests: offline after the first load (service worker)" node tests/browser/offline.mjs build/site || true
    step "browser tests: Ingresses and traffic flows on the map (headless Chromium, WebGL2)" node tests/browser/map_traffic.mjs build/site || true
    step "browser tests: light and dark themes (headless Chromium, WebGL2)" node tests/browser/theme.mjs build/site || true
    step "browser tests: fonts (Chinese canvas and lessons, terminal emoji)" node tests/browser/fonts.mjs build/site build/fonts-zh.png || true
    step "browser tests: fault injection, time controls, map zoom/pan, blocking commands, Ctrl+L, open, reset (headless Chromium, WebGL2)" node tests/browser/ui_actions.mjs build/site || true
    step "browser tests: Dashboard view, DNS flows on the map, timeline text filter (headless Chromium, WebGL2)" node tests/browser/views.mjs build/site || true
    step "browser tests: restart/readiness badges drawn on pod chips, the scrub's too-big refusal (headless Chromium, WebGL2)" node tests/browser/map_badges.mjs build/site || true
    step "browser tests: the page with its heap above 2 GiB (terminal, map, font atlas, inspector, undo)" node tests/browser/high_memory.mjs build/site || true
    step "benchmark: first-load bytes and time to the first kubectl get nodes (headless Chromium)" node tests/browser/load_bench.mjs build/site || true
    step "benchmark: visualizer frame time (1,000 and 5,000 pods)" node tests/browser/visualizer_bench.mjs build/site || true
    step "benchmark: a cluster in the page (quick: 20 nodes, 600 pods; --nodes 5000 --pods 150000 for the full figure)" node tests/browser/big_cluster_bench.mjs build/site || true
  fi
fi

# Benchmarks print figures, they do not judge them: a quick pass only proves they still run.
# The native run also runs the WebAssembly build of the same workloads and prints the ratio.
if [ "$native_built" = 1 ] && [ -x build/native/bin/kp_bench ]; then
  bench_args=(--quick)
  if [ "$wasm_built" = 1 ] && [ -f build/wasm/bin/kp_bench.js ]; then
    bench_args+=(--wasm build/wasm/bin/kp_bench.js)
  fi
  step "benchmark (quick, native and wasm)" build/native/bin/kp_bench "${bench_args[@]}" || true
fi

printf '\n'
if [ ${#failed[@]} -gt 0 ]; then
  echo "tests/run.sh: ${#failed[@]} step(s) failed: ${failed[*]}"
  exit 1
fi
echo "tests/run.sh: all $passed steps passed$([ "$wasm" = 1 ] || echo ' (WebAssembly skipped)')"
