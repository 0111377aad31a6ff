#!/usr/bin/env bash
# Compile-checks the visualizer's GLSL ES 3.00 shaders (shaders/*.vert, shaders/*.frag) with
# glslangValidator (Debian glslang-tools), so a shader error fails the tests instead of showing
# up as a blank map in the browser. Exits 1 if any shader does not compile.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

if ! command -v glslangValidator >/dev/null; then
  echo "check_shaders: glslangValidator not found (apt-get install glslang-tools)" >&2
  exit 1
fi
shopt -s nullglob
shaders=(shaders/*.vert shaders/*.frag)
if [ ${#shaders[@]} -eq 0 ]; then
  echo "check_shaders: no shaders in shaders/" >&2
  exit 1
fi
failed=0
for shader in "${shaders[@]}"; do
  if ! head -n1 "$shader" | grep -q '^#version 300 es$'; then
    echo "check_shaders: $shader must start with '#version 300 es' (WebGL2)"
    failed=1
    continue
  fi
  if ! output=$(glslangValidator "$shader" 2>&1); then
    echo "$output"
    failed=1
  fi
done
if [ "$failed" != 0 ]; then
  echo "check_shaders: FAILED"
  exit 1
fi
echo "check_shaders: OK (${#shaders[@]} GLSL ES 3.00 shaders compile)"
