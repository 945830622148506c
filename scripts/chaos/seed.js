/**
 * The database every vendor of a run starts from: migrated, with N real paid orders. It is
 * made once per run in a PostgreSQL of its own, which is then stopped; each vendor runs on a
 * copy of its data folder, so the orders are created (and timed) once, not once per vendor.
 */
const fs = require("node:fs")
const path = require("node:path")
const { ChaosPostgres } = require("./postgres")
const { ProcessGroup, root, succeeded } = require("./processes")
const { duration, freePort } = require("./util")

const APP_DIR = path.join(__dirname, "app")
const DATABASE = "medusa_chaos"

/**
 * @param pluginDir  the run's copy of the plugin build (plugin.js)
 * @returns {{ dataDir, database, orders: { order_id, payment_id, total }[], timings, pluginDir }}
 */
async function prepareSeed(opts, pluginDir, say, signal) {
  const dir = path.join(root, ".cache", "chaos", "seed")
  const logDir = path.join(dir, "logs")
  fs.rmSync(logDir, { recursive: true, force: true })
  const group = new ProcessGroup(logDir)
  const pg = new ChaosPostgres({
    dataDir: path.join(dir, "pg"),
    port: await freePort(),
  })
  const onAbort = () => group.stopAll()
  signal.addEventListener("abort", onAbort)
  const timings = {}
  try {
    const url = await pg.create(DATABASE)
    const env = {
      ...process.env,
      DATABASE_URL: url,
      MEDUSA_DISABLE_TELEMETRY: "true",
      CHAOS_PARENT_PID: String(process.pid),
      CHAOS_PLUGIN_DIR: pluginDir,
      // valid options for the plugin's module to load; the vendors' own come later
      FISCAL_CHAOS_OPTIONS: "{}",
    }
    delete env.NODE_OPTIONS

    let t = Date.now()
    await group.medusaToEnd("migrate", ["db:migrate"], { cwd: APP_DIR, env })
    timings.migrate = Date.now() - t
    say(`database migrated in ${duration(timings.migrate)}`)

    // creators side by side: one `medusa exec` keeps one core busy with the workflows
    t = Date.now()
    const parts = Array.from({ length: opts.creators }, (_, k) => {
      const from = Math.floor((opts.orders * k) / opts.creators)
      const to = Math.floor((opts.orders * (k + 1)) / opts.creators)
      return {
        k,
        from,
        count: to - from,
        file: path.join(dir, `orders-${k}.json`),
      }
    }).filter((p) => p.count > 0)
    const made = new Array(parts.length).fill(0)
    const creator = (p) => {
      fs.rmSync(p.file, { force: true })
      const proc = group.medusa(
        `create orders ${p.k + 1}`,
        ["exec", "./create-orders.js"],
        {
          cwd: APP_DIR,
          env: {
            ...env,
            CHAOS_WITHOUT_PLUGIN: "1",
            CHAOS_CREATOR_INDEX: String(p.k),
            CHAOS_ORDER_OFFSET: String(p.from),
            CHAOS_ORDERS: String(p.count),
            CHAOS_CONCURRENCY: String(opts.concurrency),
            CHAOS_ORDERS_FILE: p.file,
          },
          log: `create-orders-${p.k + 1}`,
        }
      )
      proc.onLine((line) => {
        if (line.startsWith("CHAOS created ")) {
          made[p.k] = Number(line.split(" ").pop())
          say(
            `orders created: ${made.reduce((a, b) => a + b, 0)}/${opts.orders}`
          )
        }
      })
      return proc
    }
    // Medusa writes its defaults (store, price preferences) while it loads; two processes
    // loading at once on a fresh database collide on them, so the others start once the
    // first has loaded
    const first = creator(parts[0])
    const firstDone = succeeded(first)
    await Promise.race([
      first.waitForLine(/^CHAOS creating/, 180_000),
      firstDone,
    ])
    await Promise.all([
      firstDone,
      ...parts.slice(1).map((p) => succeeded(creator(p))),
    ])
    const orders = parts.flatMap((p) =>
      JSON.parse(fs.readFileSync(p.file, "utf8"))
    )
    timings.orders = Date.now() - t
    say(
      `${orders.length} paid orders in ${duration(timings.orders)} ` +
        `(${(orders.length / (timings.orders / 1000)).toFixed(1)}/s; ${parts.length} processes, ${opts.concurrency} at a time each)`
    )
    return {
      dataDir: pg.dataDir,
      database: DATABASE,
      orders,
      timings,
      pluginDir,
    }
  } finally {
    signal.removeEventListener("abort", onAbort)
    await group.stopAll().catch(() => {})
    await pg.stop().catch(() => {})
  }
}

module.exports = { prepareSeed }
