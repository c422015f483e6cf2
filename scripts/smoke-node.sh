#!/usr/bin/env bash
# Smoke test of the built hproc on other Node majors (fetched with npx from the npm registry):
# --version, the emulator, a listing and a --jq filter against it. A Node that cannot be fetched
# (no network, a slow mirror) is skipped with a message; a Node that runs hproc wrongly fails.
set -uo pipefail
cd "$(dirname "$0")/.."

expected="$(node -p 'require("./package.json").version')"
status=0
for major in "$@"; do
  node_bin="$(timeout 300 npx -y "node@${major}" -p process.execPath 2>/dev/null | tail -n 1)"
  if [ -z "$node_bin" ] || [ ! -x "$node_bin" ]; then
    echo "smoke: node@${major} could not be fetched; skipped"
    continue
  fi
  echo "smoke: $("$node_bin" --version) at $node_bin"
  fail() { echo "smoke: node@${major}: $1" >&2; status=1; }

  version="$("$node_bin" bin/hproc.js --version)" || fail "--version exited $?"
  [ "$version" = "$expected" ] || fail "--version printed '$version', expected '$expected'"

  log="$(mktemp)"
  "$node_bin" bin/hproc.js emulator --port 0 >"$log" 2>&1 &
  emulator=$!
  for _ in $(seq 1 100); do grep -q 'http://' "$log" && break; sleep 0.1; done
  url="$(sed -n 's/.* on \(http:[^ ]*\) (token: \([^)]*\)).*/\1/p' "$log")"
  token="$(sed -n 's/.* on \(http:[^ ]*\) (token: \([^)]*\)).*/\2/p' "$log")"
  if [ -z "$url" ]; then
    fail "the emulator did not start: $(cat "$log")"
  else
    export HATHORA_CLOUD_ENDPOINT="$url" HATHORA_TOKEN="$token" HATHORA_APP_ID=app-af469a92-5b45-4565-b3c4-b79878de67d2
    count="$("$node_bin" bin/hproc.js list --all --limit 15 -q | wc -l)" || fail "list exited non-zero"
    [ "$count" -eq 15 ] || fail "list -q printed $count ids, expected 15"
    id="$("$node_bin" bin/hproc.js show cbfcddd2-0006-43ae-996c-995fff7bed2e --jq .processId)" || fail "show --jq exited non-zero"
    [ "$id" = cbfcddd2-0006-43ae-996c-995fff7bed2e ] || fail "show --jq printed '$id'"
    "$node_bin" bin/hproc.js list -o csv --limit 3 >/dev/null || fail "list -o csv exited non-zero"
    unset HATHORA_CLOUD_ENDPOINT HATHORA_TOKEN HATHORA_APP_ID
  fi
  kill -INT "$emulator" 2>/dev/null
  wait "$emulator" 2>/dev/null
  rm -f "$log"
  [ "$status" -eq 0 ] && echo "smoke: node@${major} ok"
done
exit "$status"
