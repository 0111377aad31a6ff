#!/usr/bin/env bash
# Builds the C++ dependencies of the WebAssembly build from Debian's source packages and prints
# the folder to pass as KP_WASM_DEPS_DIR (the only line written to stdout).
#
#   KP_WASM_DEPS_DIR=$(tools/deps/build-wasm-deps.sh)
#
# Debian ships yaml-cpp and Dear ImGui only as native binaries, so their sources are fetched with
# `apt-get source` into a cache folder outside git (${KP_CACHE_DIR:-$HOME/.cache/kubeplay}):
#   wasm-deps/lib/libyaml-cpp.a, wasm-deps/include/yaml-cpp/   yaml-cpp built with em++
#   wasm-deps/sysinclude/{nlohmann,catch2}                     links to Debian's header-only libraries
#                                                              (the emscripten sysroot cannot see /usr/include)
#   wasm-deps/imgui-src/                                       Dear ImGui sources, compiled by the web build
# Debian's patches are applied, so the wasm yaml-cpp behaves like the native libyaml-cpp-dev.
# A stamp makes a second run instant; it changes (and forces a rebuild) when this script, the
# emscripten version or the project's exception flag changes.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HOME=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
CACHE=${KP_CACHE_DIR:-$HOME/.cache/kubeplay}
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)  # printed for CMake: must be absolute
DEPS=$CACHE/wasm-deps
SOURCES=$CACHE/sources
WORK=$CACHE/work
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}

log() { echo "build-wasm-deps: $*" >&2; }
die() { log "error: $*"; exit 1; }

# The project and its dependencies must agree on one exception mode: cmake/emscripten.cmake holds it.
EXCEPTION_FLAG=$(sed -n 's/^set(KP_WASM_EXCEPTION_FLAG "\([^"]*\)").*/\1/p' "$ROOT/cmake/emscripten.cmake")
[ -n "$EXCEPTION_FLAG" ] || die "cannot read KP_WASM_EXCEPTION_FLAG from cmake/emscripten.cmake"
command -v em++ >/dev/null || die "em++ not found: run tools/deps/install-packages.sh"

STAMP_KEY="$(sha256sum "${BASH_SOURCE[0]}" | cut -d' ' -f1) $(em++ --version 2>/dev/null | head -n1) $EXCEPTION_FLAG"
if [ -f "$DEPS/.stamp" ] && [ "$(cat "$DEPS/.stamp")" = "$STAMP_KEY" ]; then
  echo "$DEPS"
  exit 0
fi

exec 9>"$CACHE/.wasm-deps.lock"
flock 9  # another build of the same cache (site/serve.sh and tests/run.sh at once) finishes first
if [ -f "$DEPS/.stamp" ] && [ "$(cat "$DEPS/.stamp")" = "$STAMP_KEY" ]; then
  echo "$DEPS"
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  SUDO=(sudo)
fi
APT=("${SUDO[@]}" apt-get -q -o DPkg::Lock::Timeout=600)

# apt-get source needs deb-src entries: add them once, next to the binary ones.
enable_deb_src() {
  local dir=/etc/apt/sources.list.d
  if grep -qs '^Types:.*deb-src' "$dir"/*.sources || grep -qs '^deb-src ' /etc/apt/sources.list "$dir"/*.list; then
    return 1
  fi
  local distro
  for distro in debian ubuntu; do
    [ -f "$dir/$distro.sources" ] || continue
    log "enabling source packages ($dir/$distro-src.sources)"
    sed 's/^Types:.*/Types: deb-src/' "$dir/$distro.sources" | "${SUDO[@]}" tee "$dir/$distro-src.sources" >/dev/null
    return 0
  done
  if grep -qs '^deb ' /etc/apt/sources.list; then
    log "enabling Debian source packages ($dir/debian-src.list)"
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list | "${SUDO[@]}" tee "$dir/debian-src.list" >/dev/null
  else
    die "no Debian apt source found to copy as deb-src"
  fi
  return 0
}

have_sources() {
  compgen -G "$SOURCES/yaml-cpp_*.orig.tar.*" >/dev/null && compgen -G "$SOURCES/imgui_*.orig.tar.*" >/dev/null
}

if ! have_sources; then
  mkdir -p "$SOURCES"
  if enable_deb_src || ! compgen -G '/var/lib/apt/lists/*_Sources*' >/dev/null; then
    "${APT[@]}" update >&2
  fi
  log "downloading the yaml-cpp and imgui source packages into $SOURCES"
  if ! (cd "$SOURCES" && "${APT[@]}" source --download-only yaml-cpp imgui >&2); then
    log "retrying after apt-get update (the package lists may be stale)"
    "${APT[@]}" update >&2
    (cd "$SOURCES" && "${APT[@]}" source --download-only yaml-cpp imgui >&2)
  fi
  have_sources || die "apt-get source did not download yaml-cpp and imgui"
fi

# Unpacks <package>'s orig tarball into <dest> (replacing it) and applies Debian's patches.
unpack() {
  local package=$1 dest=$2 orig debian tmp
  orig=$(compgen -G "$SOURCES/${package}_*.orig.tar.*" | sort | tail -n1)
  debian=$(compgen -G "$SOURCES/${package}_*.debian.tar.*" | sort | tail -n1 || true)
  rm -rf "$dest" && mkdir -p "$dest"
  tar -xf "$orig" -C "$dest" --strip-components=1
  if [ -n "$debian" ]; then
    tar -xf "$debian" -C "$dest"
    if [ -f "$dest/debian/patches/series" ]; then
      local patch_name
      while read -r patch_name _; do
        case $patch_name in ''|'#'*) continue ;; esac
        patch -d "$dest" -p1 -s -N < "$dest/debian/patches/$patch_name" >&2
      done < "$dest/debian/patches/series"
    fi
  fi
}

rm -rf "$WORK" "$DEPS"
mkdir -p "$WORK" "$DEPS"
BUILD_LOG=$CACHE/wasm-deps-build.log
: > "$BUILD_LOG"
# Runs a build step with its output in $BUILD_LOG, shown only when the step fails.
quiet() {
  if ! "$@" >>"$BUILD_LOG" 2>&1; then
    tail -n 60 "$BUILD_LOG" >&2
    die "failed: $* (full log: $BUILD_LOG)"
  fi
}

log "building yaml-cpp with em++ ($EXCEPTION_FLAG)"
unpack yaml-cpp "$WORK/yaml-cpp"
quiet emcmake cmake -S "$WORK/yaml-cpp" -B "$WORK/yaml-cpp-build" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS="$EXCEPTION_FLAG" \
  -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DCMAKE_INSTALL_PREFIX="$DEPS" \
  -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF -DYAML_CPP_BUILD_CONTRIB=ON \
  -DYAML_BUILD_SHARED_LIBS=OFF
quiet cmake --build "$WORK/yaml-cpp-build" -j "${KP_JOBS:-2}"
quiet cmake --install "$WORK/yaml-cpp-build"
[ -f "$DEPS/lib/libyaml-cpp.a" ] || die "libyaml-cpp.a was not installed into $DEPS/lib"

log "unpacking Dear ImGui into $DEPS/imgui-src"
unpack imgui "$DEPS/imgui-src"

mkdir -p "$DEPS/sysinclude"
for header_dir in nlohmann catch2; do
  [ -d "/usr/include/$header_dir" ] || die "/usr/include/$header_dir missing: run tools/deps/install-packages.sh"
  ln -sfn "/usr/include/$header_dir" "$DEPS/sysinclude/$header_dir"
done

rm -rf "$WORK"
echo "$STAMP_KEY" > "$DEPS/.stamp"
log "done"
echo "$DEPS"
