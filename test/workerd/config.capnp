# workerd config for the runtime check: `workerd test test/workerd/config.capnp` runs the
# Worker's test() handler. The module is the esbuild bundle scripts/runtimes.sh writes.
# No compatibilityFlags: in particular no nodejs_compat.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .mainWorker) ],
);

const mainWorker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "../../test-output/workerd/worker.js") ],
  compatibilityDate = "2025-06-01",
);
