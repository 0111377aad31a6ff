#!/usr/bin/env bash
# The newcomer's first command, checked: site/serve.sh (with the wasm build already done it only
# re-checks what is installed and built) serves the page on the port it is given, and the page,
# the module and the wasm binary come back with the types a browser needs.
#   tests/serve_check.sh [port]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
port=${1:-18080}
log=$(mktemp)
PORT=$port setsid site/serve.sh >"$log" 2>&1 &
server=$!
trap 'kill -- -$server 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 1 600); do  # up to 5 minutes: a stale build may be rebuilt first
  curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$log"; echo "serve_check: site/serve.sh exited" >&2; exit 1; }
  sleep 0.5
done
grep -q "serving .* at http://127.0.0.1:$port/" "$log" || { cat "$log"; echo "serve_check: no 'serving' line" >&2; exit 1; }
check() {  # path, expected content type, a word the body holds
  local headers body
  headers=$(curl -fsS -D - -o /dev/null "http://127.0.0.1:$port/$1")
  grep -qi "^content-type: $2" <<<"$headers" || { echo "serve_check: /$1 is not $2: $headers" >&2; return 1; }
  if [ -n "${3:-}" ]; then
    body=$(curl -fsS "http://127.0.0.1:$port/$1" | head -c 200000 | tr -d '\0')
    grep -q "$3" <<<"$body" || { echo "serve_check: /$1 lacks '$3'" >&2; return 1; }
  fi
  echo "ok   /$1 ($(grep -i '^content-type' <<<"$headers" | tr -d '\r'))"
}
check "" "text/html" "kubeplay"
check "kubeplay_web.js" "\(text\|application\)/javascript" "createKubeplayModule"
check "kubeplay_web.wasm" "application/wasm"
