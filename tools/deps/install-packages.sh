#!/usr/bin/env bash
# Installs the Debian packages that kubeplay's builds, tests and site need.
#
#   tools/deps/install-packages.sh [extra-package...]
#
# Idempotent and quick: when every package is already installed it runs no apt command at all;
# otherwise it runs `apt-get update` once and installs only what is missing. Extra package
# names (for example `chromium` for the browser tests) can be passed as arguments.
set -euo pipefail

PACKAGES=(
  # native build
  cmake ninja-build g++ ccache
  # C++ libraries of the engine and its tests (native builds; headers are reused by the wasm build)
  libyaml-cpp-dev nlohmann-json3-dev catch2
  # WebAssembly build (emscripten's link step runs acorn under node)
  emscripten node-acorn binaryen
  # the visualizer's GLSL ES shaders are compile-checked (tests/check_shaders.sh)
  glslang-tools
  # scripts: unpacking and patching Debian source packages, serving the site (and checking it: curl)
  xz-utils patch python3 ca-certificates curl
  # the page's fonts, cut to the characters it shows at build time (web/fonts/subset_fonts.py):
  # Chinese for the canvas, emoji for the terminal; pyftsubset and its WOFF2 compression
  fonts-wqy-microhei fonts-noto-color-emoji fonttools python3-brotli
  "$@"
)

installed() {
  [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null)" = "ii " ]
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  installed "$pkg" || missing+=("$pkg")
done

# Node.js: the machine image may carry its own nodejs build (it provides npm and conflicts with
# Debian's npm package), so node and npm are judged by their commands, not by package names.
if ! command -v node >/dev/null 2>&1; then
  missing+=(nodejs)
fi
if ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  SUDO=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
APT=("${SUDO[@]}" apt-get -y -q -o DPkg::Lock::Timeout=600)
echo "install-packages: installing ${missing[*]}" >&2
"${APT[@]}" update >&2
"${APT[@]}" install --no-install-recommends "${missing[@]}" >&2
