#!/usr/bin/env bash
# Package hygiene on the packed tarball, the way users get it: publint --strict, attw (every
# resolution mode, including TypeScript's older `node10`; only the ESM-only warning for `require` is
# waived, since Node 20.19+ loads ESM with `require`), then `npm pack`, install the tarball into an empty temp project, import every
# subpath of "exports" there, and run the `bin` (if any) with --help. Needs `npm run build` first.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1 npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
npx publint --strict
# quiet when clean; on a problem, run again to show the table and fail
if npx attw --pack . --ignore-rules cjs-resolves-to-esm --quiet; then echo "attw (node10, node16, bundler): no problems"
else npx attw --pack . --ignore-rules cjs-resolves-to-esm --format ascii; exit 1; fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tarball=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)
echo "packed $tarball: $(tar tzf "$tmp/$tarball" | wc -l) files, $(wc -c <"$tmp/$tarball") bytes"
# nothing but dist/, package.json, README and LICENSE may ship
if tar tzf "$tmp/$tarball" | grep -vE '^package/(dist/.*\.(js|d\.ts|js\.map)|package\.json|README\.md|LICENSE(\.md)?)$'; then
  echo "pack-check: unexpected files in the tarball (above)" >&2
  exit 1
fi
(cd "$tmp" && echo '{"name":"consumer","private":true,"type":"module"}' >package.json && npm install --no-save --prefer-offline --no-audit --no-fund "./$tarball" >/dev/null)
# import each subpath (except ./package.json) from the installed package
node -e '
  const pkg = require(process.argv[1] + "/node_modules/cognito-edge/package.json");
  const subs = Object.keys(pkg.exports).filter((s) => !s.endsWith(".json"));
  (async () => {
    for (const s of subs) {
      const spec = "cognito-edge" + s.slice(1);
      const m = await import(require.resolve(spec, { paths: [process.argv[1]] }));
      const names = Object.keys(m);
      if (!names.length) throw new Error(spec + " exports nothing");
      console.log("import " + spec + ": " + names.length + " exports");
      // CommonJS apps load it with require() on Node 20.19+ (require(esm)): the same exports
      if (process.features.require_module) {
        const r = require(require.resolve(spec, { paths: [process.argv[1]] }));
        if (Object.keys(r).join() !== names.join()) throw new Error("require(" + spec + ") differs from import");
      }
    }
  })().catch((e) => { console.error(e); process.exit(1); });
' "$tmp"
# the shipped .d.ts files type-check for a consumer (strict, skipLibCheck off, no @types/node),
# under NodeNext and bundler resolution
node -e '
  const pkg = require("./package.json");
  const subs = Object.keys(pkg.exports).filter((s) => !s.endsWith(".json"));
  const lines = subs.map((s, i) => "import * as m" + i + " from \"cognito-edge" + s.slice(1) + "\"\nexport const k" + i + ": string[] = Object.keys(m" + i + ")");
  require("fs").writeFileSync(process.argv[1] + "/consumer.ts", lines.join("\n") + "\n");
' "$tmp"
# and under the older `node10` resolution many existing apps still use (types via typesVersions)
for res in NodeNext Bundler Node10; do
  mod=$(case $res in NodeNext) echo NodeNext ;; Bundler) echo ESNext ;; Node10) echo CommonJS ;; esac)
  cat >"$tmp/tsconfig.json" <<JSON
{ "compilerOptions": { "strict": true, "skipLibCheck": false, "noEmit": true, "types": [], "lib": ["ES2022", "DOM"],
  "target": "ES2022", "module": "$mod", "moduleResolution": "$res" }, "files": ["consumer.ts"] }
JSON
  npx tsc -p "$tmp/tsconfig.json"
  echo "consumer type-check ($res resolution, skipLibCheck off, no @types/node): ok"
done
# the oldest TypeScript docs/runtimes.md names reads them too, strict and skipLibCheck off, both the
# import-everything file and test/types/consumer.ts (an app using every entry point, its imports
# turned into the package's subpaths). Installed beside the consumer rather than as a devDependency,
# whose `tsc` bin would shadow the build's.
oldest_ts=5.0.4
mkdir "$tmp/ts-oldest"
(cd "$tmp/ts-oldest" && echo '{"private":true}' >package.json && npm install --no-save --prefer-offline --no-audit --no-fund "typescript@$oldest_ts" >/dev/null)
node --input-type=module - "$tmp" <<'JS'
import { readFileSync, writeFileSync } from 'node:fs'
const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
let text = readFileSync('test/types/consumer.ts', 'utf8')
for (const [sub, t] of Object.entries(pkg.exports)) {
  if (t.default) text = text.replaceAll(`from '${t.default.replace('./dist/', '../../src/').replace(/\.js$/, '.ts')}'`, `from 'cognito-edge${sub.slice(1)}'`)
}
if (text.includes("from '../../src")) throw new Error('test/types/consumer.ts imports something that is not an entry point')
writeFileSync(process.argv[2] + '/app.ts', text)
JS
cat >"$tmp/tsconfig.json" <<JSON
{ "compilerOptions": { "strict": true, "exactOptionalPropertyTypes": true, "skipLibCheck": false, "noEmit": true, "types": [], "lib": ["ES2022", "DOM"],
  "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext" }, "files": ["consumer.ts", "app.ts"] }
JSON
node "$tmp/ts-oldest/node_modules/typescript/bin/tsc" -p "$tmp/tsconfig.json"
echo "consumer type-check (TypeScript $oldest_ts, the oldest the docs name; skipLibCheck off): ok"
if node -e 'process.exit(require("./package.json").bin ? 0 : 1)'; then
  for b in $(node -e 'const b = require("./package.json").bin; console.log(typeof b === "string" ? require("./package.json").name : Object.keys(b).join(" "))'); do
    (cd "$tmp" && npx --no-install "$b" --help | head -n 5)
    echo "bin $b --help: ok"
  done
else
  echo "no bin in package.json yet (the CLI lands with cognito-edge/local)"
fi
# The README's quick start, followed literally in the consumer project: start the local pool with
# the command the README gives (on its default port), save the README's snippet as signin.mjs, and
# run it with node. It must print that alice signed in.
cmd=$(awk '/^## Quick start/{q=1} q && /^npx cognito-edge local/{print; exit}' README.md)
[[ -n $cmd ]] || { echo "pack-check: no 'npx cognito-edge local' command in the README's quick start" >&2; exit 1; }
awk '/^## Quick start/{q=1} q && /^```ts/{c=1; next} c && /^```/{exit} c' README.md >"$tmp/signin.mjs"
[[ -s $tmp/signin.mjs ]] || { echo "pack-check: no ts block in the README's quick start" >&2; exit 1; }
# its own process group, so stopping it stops npx and the server npx started, and nothing else
setsid bash -c "cd '$tmp' && exec $cmd --quiet" >"$tmp/local.log" 2>&1 &
local_pgid=$!
stop_local() { kill -INT -- "-$local_pgid" 2>/dev/null || true; }
for _ in $(seq 1 150); do grep -q 'configuration' "$tmp/local.log" 2>/dev/null && break; sleep 0.1; done
quick=$(cd "$tmp" && timeout 60 node signin.mjs 2>&1) || { echo "pack-check: the README quick start failed:"; echo "$quick"; cat "$tmp/local.log"; stop_local; exit 1; } >&2
stop_local
echo "README quick start ($cmd; node signin.mjs): $quick"
[[ $quick == *"signed in"* ]] || { echo "pack-check: the quick start did not sign in" >&2; exit 1; }
# jsr.json (Deno's native registry) must expose the same subpaths, from src/, at the same version
node -e '
  const pkg = require("./package.json"), jsr = require("./jsr.json");
  const want = {};
  for (const [k, v] of Object.entries(pkg.exports)) if (v.default) want[k] = v.default.replace("./dist/", "./src/").replace(/\.js$/, ".ts");
  if (JSON.stringify(want) !== JSON.stringify(jsr.exports) || jsr.version !== pkg.version) {
    console.error("jsr.json is out of sync with package.json; expected exports " + JSON.stringify(want) + " and version " + pkg.version);
    process.exit(1);
  }'
DENO_NO_UPDATE_CHECK=1 npx deno publish --dry-run --allow-dirty --quiet 2>&1 | tail -n 3
echo "pack-check: ok"
