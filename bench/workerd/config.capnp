# A hand-run version of what bench/workerd.ts generates (that script is the one `npm run bench`
# uses; it writes one config per variant into out/). To run 100 of our logins inside workerd:
#   npx esbuild bench/workerd/worker.ts --bundle --minify --format=esm --platform=browser --outfile=bench/workerd/out/worker.js
#   npx workerd test bench/workerd/config.capnp      # prints [ PASS ] main (<handler wall time>)
# Set LOGINS to "0" for the baseline; MODE "login" | "session" | "srp-helper"; BYTES 80 (the default) or 128.
using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = ( services = [ (name = "main", worker = .w) ] );
const w :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "out/worker.js") ],
  bindings = [ (name = "LOGINS", text = "100"), (name = "BYTES", text = "80"), (name = "MODE", text = "login") ],
  compatibilityDate = "2025-06-01",
);
