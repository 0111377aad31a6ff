#!/usr/bin/env bash
# Checks the engine's layering rules (DESIGN.md, STYLE.md):
#  - engine/ is UI- and platform-free: no Dear ImGui, Emscripten, GLFW or OpenGL headers;
#  - time only through kp::Time/kp::Clock and randomness only through kp::Rng: no wall or steady
#    clocks, no std::random_device, no rand()/srand().
# A line that carries a `SIMPLIFICATION` comment is allowed (the comment says why); text inside
# // comments is ignored. Prints every offending line and exits 1 if there is any.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

mapfile -d '' files < <(find engine -type f \( -name '*.h' -o -name '*.hpp' -o -name '*.cpp' \
  -o -name '*.cc' -o -name '*.inc' \) -print0 | sort -z)
if [ ${#files[@]} -eq 0 ]; then
  echo "check_layering: no engine sources found" >&2
  exit 1
fi

# awk prints "file:line: [rule] text" for each violation.
violations=$(awk '
  BEGIN {
    include_re = "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]*/)?(imgui[^>\"]*|emscripten[^>\"]*|GLFW/[^>\"]*|GL/[^>\"]*|GLES[0-9]*/[^>\"]*|EGL/[^>\"]*|SDL[^>\"]*)[>\"]"
    clock_re = "(system_clock|steady_clock|high_resolution_clock|random_device|gettimeofday|clock_gettime|std::time[ \t]*\\(|std::s?rand[ \t]*\\(|(^|[^A-Za-z0-9_.>:])s?rand[ \t]*\\()"
  }
  /SIMPLIFICATION/ { next }
  {
    code = $0
    sub(/\/\/.*/, "", code)               # drop a trailing // comment
    if (code ~ /^[ \t]*\*/) next          # inside a /* ... */ block comment
    plain = code
    gsub(/"([^"\\]|\\.)*"/, "\"\"", plain)  # string literals are text a program prints, not calls
    if (code ~ include_re)      { printf "%s:%d: [platform header] %s\n", FILENAME, FNR, $0 }
    else if (plain ~ clock_re)  { printf "%s:%d: [wall clock / randomness] %s\n", FILENAME, FNR, $0 }
  }
' "${files[@]}")

if [ -n "$violations" ]; then
  echo "check_layering: engine/ breaks the layering rules:"
  echo "$violations"
  echo "check_layering: FAILED ($(printf '%s\n' "$violations" | wc -l) lines). Use kp::Clock/kp::Rng; keep UI and platform code out of engine/."
  exit 1
fi
echo "check_layering: OK (${#files[@]} engine files: no UI/platform headers, no wall clock, no unseeded randomness)"
