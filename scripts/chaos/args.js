/** The command line of `npm run chaos`. */

const VENDORS = ["atol", "checkonline", "modulkassa", "dreamkas"]

const DEFAULTS = {
  vendor: "all",
  orders: 2000,
  workers: 3,
  maxMinutes: 120,
  // a worker is killed every `killEvery` seconds, give or take a third
  killEvery: 8,
  // rates of the emulator's seeded fault dice, each 0..1
  serverErrorRate: 0.07,
  dropRate: 0.07,
  hangRate: 0.05,
  leaseSeconds: 12,
  dbDownSeconds: 5,
  // the plugin's sweep job records missed receipts every 5 minutes
  graceMinutes: 6,
  creators: 2,
  concurrency: 8,
  build: true,
  seed: 1,
}

const USAGE = `npm run chaos -- [options]

  --vendor atol|checkonline|modulkassa|dreamkas|all   default ${DEFAULTS.vendor}
  --orders N            paid orders per vendor, default ${DEFAULTS.orders}
  --workers K           worker processes, default ${DEFAULTS.workers}
  --max-minutes M       bound of the whole run, default ${DEFAULTS.maxMinutes}
  --kill-every S        seconds between SIGKILLs of a worker, default ${DEFAULTS.killEvery}
  --server-error-rate R share of vendor requests answered 5xx, default ${DEFAULTS.serverErrorRate}
  --drop-rate R         share of registrations processed, then dropped, default ${DEFAULTS.dropRate}
  --hang-rate R         share of vendor requests never answered, default ${DEFAULTS.hangRate}
  --lease-seconds S     worker.lease_seconds of the plugin (10 or more), default ${DEFAULTS.leaseSeconds}
  --db-down-seconds S   how long PostgreSQL stays stopped, default ${DEFAULTS.dbDownSeconds}
  --grace-minutes G     once settled, how long paid orders without a receipt may still get
                        one (the plugin's sweep) before they count as lost, default ${DEFAULTS.graceMinutes}
  --creators P          processes creating the orders side by side, default ${DEFAULTS.creators}
  --concurrency C       orders each of them creates at a time, default ${DEFAULTS.concurrency}
  --seed N              seed of the run's own dice (kill times, victims), default ${DEFAULTS.seed}
  --no-build            use the plugin as last built (.medusa/server)
  --plugin-dir DIR      measure the build in another checkout (DIR/.medusa/server), e.g. an
                        older commit to compare with; implies --no-build
  --help`

function parseArgs(argv) {
  const opts = { ...DEFAULTS }
  const numbers = {
    "--orders": "orders",
    "--workers": "workers",
    "--max-minutes": "maxMinutes",
    "--kill-every": "killEvery",
    "--server-error-rate": "serverErrorRate",
    "--drop-rate": "dropRate",
    "--hang-rate": "hangRate",
    "--lease-seconds": "leaseSeconds",
    "--db-down-seconds": "dbDownSeconds",
    "--grace-minutes": "graceMinutes",
    "--creators": "creators",
    "--concurrency": "concurrency",
    "--seed": "seed",
  }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2)
    const value = () => (inline !== undefined ? inline : argv[++i])
    if (flag === "--help" || flag === "-h") {
      opts.help = true
    } else if (flag === "--no-build") {
      opts.build = false
    } else if (flag === "--plugin-dir") {
      opts.pluginDir = require("node:path").resolve(value())
      opts.build = false
    } else if (flag === "--vendor") {
      opts.vendor = value()
    } else if (numbers[flag]) {
      const n = Number(value())
      if (!Number.isFinite(n) || n < 0) {
        throw new Error(`${flag} needs a non-negative number`)
      }
      opts[numbers[flag]] = n
    } else {
      throw new Error(`unknown option ${argv[i]}\n\n${USAGE}`)
    }
  }
  if (opts.vendor !== "all" && !VENDORS.includes(opts.vendor)) {
    throw new Error(`--vendor must be one of ${VENDORS.join(", ")} or all`)
  }
  for (const key of ["serverErrorRate", "dropRate", "hangRate"]) {
    if (opts[key] > 1) {
      throw new Error("fault rates are shares between 0 and 1")
    }
  }
  for (const key of ["orders", "workers", "creators", "concurrency"]) {
    if (opts[key] < 1 || !Number.isInteger(opts[key])) {
      throw new Error(`--${key} must be a whole number, at least 1`)
    }
  }
  if (opts.leaseSeconds < 10) {
    throw new Error("--lease-seconds must be 10 or more (the plugin's minimum)")
  }
  opts.vendors = opts.vendor === "all" ? VENDORS : [opts.vendor]
  return opts
}

module.exports = { parseArgs, USAGE, VENDORS }
