#!/usr/bin/env bash
# Runtime checks: the portable suite (test/portable/*.test.ts, node:test + node:assert/strict,
# injected fetch only) under node --test (tsx), bun test and deno test; a Worker under workerd
# (built package bundled with esbuild, no nodejs_compat); headless Chromium (cross-origin SRP
# login, localStorage, reload). Needs `npm run build` first (dist/).
# Prints one line per check and a final `runtimes: N passed, M failed`; exits 1 if any failed.
# Usage: scripts/runtimes.sh [node|bun|deno|workerd|chromium ...]   (default: all five)
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1 DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1
BIN=node_modules/.bin
LOGS=test-output/runtimes
mkdir -p "$LOGS"
[[ -f dist/index.js ]] || { echo "runtimes: dist/ missing, run npm run build first" >&2; exit 1; }
# test/portable, plus the hostile-input tests that need no Node server or child process
mapfile -t portable < <({ find test/portable -name '*.test.ts'; grep -L "hostile-server\|from 'node:\(http\|child_process\|fs\|net\|zlib\|v8\|vm\)'" test/hostile/*.test.ts; } | sort)
(( ${#portable[@]} > 0 )) || { echo "runtimes: no portable test files" >&2; exit 1; }

# the count line each runner prints, so an empty run cannot pass silently
summary() {
  case $1 in
    node) { grep -E '^# (pass|fail) ' "$2" || sed -nE 's/^ℹ (pass|fail) /\1 /p' "$2" | sed 's/^/# /'; } | tr '\n' ' '
      grep -q '^node: the portable suite ran in npm test' "$2" && printf '(in npm test, with every other test file)' ;;
    bun) grep -E '^ *[0-9]+ (pass|fail)$' "$2" | tr -s ' \n' ' ' ;;
    deno) grep -E '^(ok|FAILED) \|' "$2" ;;
    workerd) grep -o 'workerd result .*' "$2" | sed -E 's/"user":"[^"]*",?//' ;;
    chromium) grep -oE '^chromium [0-9.]+|CORS preflight [a-zA-Z]+|screenshot .*' "$2" | tr '\n' ' ' ;;
  esac
}
# In CI the portable files have just run under node --test inside `npm test` (every
# test/**/*.test.ts); NODE_TEST_LOG names that run's log so they are not run twice: the node line
# then reports that run. Without it (or when the log is missing), run them here.
check_node() {
  if [[ -n ${NODE_TEST_LOG:-} && -s $NODE_TEST_LOG ]]; then
    echo "node: the portable suite ran in npm test ($NODE_TEST_LOG)"
    grep -E '^ℹ (tests|pass|fail) ' "$NODE_TEST_LOG"
    grep -qE '^ℹ fail 0$' "$NODE_TEST_LOG" && grep -qE '^ℹ pass [1-9]' "$NODE_TEST_LOG"
  else
    node --import tsx --test "${portable[@]}" && ! grep -q '^# tests 0' "$1"
  fi
}
# bun's default per-test timeout is 5 s (node and deno have none); some tests legitimately take
# longer there, e.g. node:crypto's getDiffieHellman('modp15') spends ~1 s on a prime check in Bun
check_bun() { "$BIN/bun" test --timeout 60000 "${portable[@]/#/./}"; }
# --no-check: tsc type-checks the tests (tsconfig.test.json); Deno's own inference of JSON-module
# fixtures differs from tsc's. src/ is type-checked by Deno in pack-check (deno publish --dry-run).
check_deno() { "$BIN/deno" test --no-check --allow-env --allow-read "${portable[@]}"; }
check_workerd() {
  "$BIN/esbuild" test/workerd/worker.mjs --bundle --format=esm --platform=browser \
    --outfile=test-output/workerd/worker.js --log-level=warning &&
    "$BIN/workerd" test test/workerd/config.capnp
}
check_chromium() { node --import tsx test/browser/run.ts; }

checks=("$@")
(( ${#checks[@]} )) || checks=(node bun deno workerd chromium)
pass=0 fail=0
for name in "${checks[@]}"; do
  log="$LOGS/$name.log"
  start=$SECONDS
  if "check_$name" "$log" >"$log" 2>&1; then
    pass=$((pass + 1))
    printf '%-9s ok    %3ss  %s\n' "$name" $((SECONDS - start)) "$(summary "$name" "$log")"
  else
    fail=$((fail + 1))
    printf '%-9s FAIL  %3ss  (log: %s)\n' "$name" $((SECONDS - start)) "$log"
    tail -n 30 "$log" | sed 's/^/    | /'
  fi
done
echo "runtimes: $pass passed, $fail failed"
(( fail == 0 ))
