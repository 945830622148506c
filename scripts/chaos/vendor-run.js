/**
 * One vendor's chaos run: a copy of the seeded database in a PostgreSQL of its own, the
 * vendor's emulator with faults, a Medusa app with the plugin, K worker processes; every
 * order's `payment.captured` delivered to the app twice; SIGKILLs, one SIGSTOP past the lease
 * and a database restart while the receipts are processed; then the verdict. Everything it
 * starts is stopped before it returns.
 */
const crypto = require("node:crypto")
const fs = require("node:fs")
const path = require("node:path")
const { countByStatus, countSaleRows, readReceipts } = require("./db")
const { deliverAll } = require("./delivery")
const { startEmulator } = require("./emulator")
const { ChaosPostgres } = require("./postgres")
const { ProcessGroup, root } = require("./processes")
const { classify, SETTLED } = require("./verdict")
const { WorkerPool } = require("./workers")
const { duration, freePort, seededRandom, sleep } = require("./util")

const APP_DIR = path.join(__dirname, "app")

/** The run ends once everything is settled and nothing has changed for this long. */
const QUIET_MS = 10_000
/** Time the resumed worker gets to act on the rows it held before the run may end. */
const AFTER_PAUSE_MS = 15_000
const PROGRESS_EVERY_MS = 5_000
/** A sale receipt row made this long after its order's last event was not the subscriber's. */
const LATE_MS = 30_000

/**
 * @param seed      prepareSeed's result: the data folder to copy and the orders in it
 * @param deadline  time (ms) by which the run stops waiting; what is unsettled then is stuck
 * @param signal    an AbortSignal (Ctrl-C): stop everything and return
 */
async function runVendor(vendor, seed, opts, deadline, say, signal) {
  const dir = path.join(root, ".cache", "chaos", vendor)
  const logDir = path.join(dir, "logs")
  fs.rmSync(logDir, { recursive: true, force: true })
  fs.rmSync(path.join(dir, "verdict.json"), { force: true })
  const group = new ProcessGroup(logDir)
  const random = seededRandom(opts.seed)
  const started = Date.now()
  const log = (msg) =>
    say(`[${vendor} ${duration(Date.now() - started)}] ${msg}`)
  const over = () => signal.aborted || Date.now() > deadline
  let emulator
  let app
  let workers
  // stopping the processes makes whatever waits on them give up
  const onAbort = () => {
    if (workers) workers.stopping = true
    if (app) app.stopping = true
    group.stopAll()
  }
  signal.addEventListener("abort", onAbort)
  const pg = new ChaosPostgres({
    dataDir: path.join(dir, "pg"),
    port: await freePort(),
  })
  try {
    // 1. a fresh copy of the migrated database with the orders
    const databaseUrl = await pg.copyOf(seed.dataDir, seed.database)
    log(
      `PostgreSQL on 127.0.0.1:${pg.port} (data in ${path.relative(root, pg.dataDir)})`
    )

    // 2. the vendor's emulator; its faults go on once the app and the workers are up
    emulator = await startEmulator(vendor, { processingDelayMs: 100 })
    log(`${vendor} emulator at ${emulator.url}`)

    // 3. the app and the workers
    const appPort = await freePort()
    const appUrl = `http://127.0.0.1:${appPort}`
    const token = crypto.randomBytes(16).toString("hex")
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      MEDUSA_DISABLE_TELEMETRY: "true",
      CHAOS_PARENT_PID: String(process.pid),
      CHAOS_TOKEN: token,
      CHAOS_PLUGIN_DIR: seed.pluginDir,
      FISCAL_CHAOS_OPTIONS: JSON.stringify(
        pluginOptions(vendor, emulator, opts, seed)
      ),
    }
    delete env.NODE_OPTIONS

    let t = Date.now()
    app = superviseApp(group, { port: appPort, env, log })
    await waitForHealth(`${appUrl}/health`, 180_000, over)
    const appBoot = Date.now() - t
    log(`app at ${appUrl} (up in ${duration(appBoot)})`)

    workers = new WorkerPool({
      group,
      count: opts.workers,
      cwd: APP_DIR,
      env,
      maxMs: deadline - Date.now() + 60_000,
      random,
      log,
    })
    t = Date.now()
    await workers.start()
    log(`${opts.workers} workers up in ${duration(Date.now() - t)}`)

    // 4. faults on, events in, chaos
    await emulator.setFaults({
      serverErrorRate: opts.serverErrorRate,
      dropAfterProcessingRate: opts.dropRate,
      hangRate: opts.hangRate,
    })
    const runStart = Date.now()
    const chaos = {
      kills: 0,
      pause: null,
      db: null,
      dbDown: { from: 0, to: 0 },
      emitted: 0,
      deliveriesWhileDbDown: 0,
      deliveredAt: new Map(),
      chaosDoneAt: 0,
      finished: false,
    }
    const emission = deliverAll(seed.orders, chaos, {
      appUrl,
      token,
      over,
      saleRows: () => countSaleRows(databaseUrl),
      // a quarter of the way in: one worker stopped while it holds rows, past its lease
      atQuarter: () =>
        workers
          .pauseOne((opts.leaseSeconds + 5) * 1000)
          .then((r) => (chaos.pause = r)),
      // halfway: the database goes away and comes back
      atHalf: () => {
        chaos.dbDown.from = Date.now()
        log(`stopping PostgreSQL for ${opts.dbDownSeconds} s`)
        return pg.restart(opts.dbDownSeconds * 1000).then(
          (ms) => {
            chaos.dbDown.to = Date.now()
            chaos.db = { downMs: ms }
            log(`PostgreSQL is back after ${duration(ms)}`)
          },
          (e) => {
            chaos.dbDown.to = Date.now()
            chaos.db = { error: e.message }
            log(`PostgreSQL did not come back: ${e.message}`)
          }
        )
      },
      log,
    })
    const killer = (async () => {
      while (!chaos.finished && !over()) {
        // every `killEvery` seconds, give or take a third
        await sleep(opts.killEvery * 1000 * (2 / 3 + (2 / 3) * random()))
        if (!chaos.finished && workers.killOne()) chaos.kills++
      }
    })()

    // 5. until every receipt is settled, or the time is up
    await waitSettled(databaseUrl, chaos, {
      over,
      log,
      workers,
      opts,
      orders: seed.orders.length,
    })
    chaos.finished = true
    if (signal.aborted) throw new Error("stopped (Ctrl-C)")
    const timedOut = Date.now() > deadline
    if (timedOut)
      log("time bound reached: what is not settled now counts as stuck")
    const processing = Date.now() - runStart
    await emission.catch((e) => log(`delivery stopped: ${e.message}`))
    await killer

    // 6. freeze everything, then look
    app.stopping = true
    await workers.stop()
    await app.current.stop()
    await emulator.idle(15_000)
    const ledger = emulator.ledger()
    const stats = await emulator.stats()
    const rows = await readReceipts(databaseUrl)
    const verdict = classify({ orders: seed.orders, rows, ledger })
    // every case in full, for a look after the run
    fs.writeFileSync(
      path.join(dir, "verdict.json"),
      JSON.stringify(verdict, null, 2)
    )
    // sale receipts recorded well after the last delivery of their order's event: not by the
    // subscriber, but by the plugin's recovery (the sweep job)
    const lastDelivery = (orderId) =>
      Math.max(...(chaos.deliveredAt.get(orderId) ?? [0]))
    const recordedLate = rows.filter(
      (r) =>
        r.type === "sell" &&
        new Date(r.created_at).getTime() - lastDelivery(r.order_id) > LATE_MS
    ).length
    const { from, to } = chaos.dbDown
    const nearDowntime = verdict.lost.filter((l) =>
      (chaos.deliveredAt.get(l.order_id) ?? []).every(
        (at) => from && at >= from - 2_000 && at <= to + 2_000
      )
    ).length
    return {
      vendor,
      verdict,
      ledger: {
        documents: ledger.length,
        sell: ledger.filter((d) => d.operation === "sell").length,
        failed: ledger.filter((d) => d.status === "fail").length,
      },
      faults: stats.faults_injected ?? {},
      timings: { appBoot, processing, wall: Date.now() - started },
      chaos: {
        events: chaos.emitted,
        kills: chaos.kills,
        workerExits: workers.unexpectedExits,
        appExits: app.restarts,
        pause: chaos.pause,
        db: chaos.db,
        deliveriesWhileDbDown: chaos.deliveriesWhileDbDown,
        lostNearDowntime: nearDowntime,
        recordedLate,
        graceWaitMs: chaos.graceFrom ? Date.now() - chaos.graceFrom : 0,
      },
      timedOut,
      dir: path.relative(root, dir),
    }
  } finally {
    signal.removeEventListener("abort", onAbort)
    if (workers) workers.stopping = true
    if (app) app.stopping = true
    await group.stopAll().catch(() => {})
    await emulator?.close().catch(() => {})
    await pg.stop().catch(() => {})
  }
}

/** The plugin options of the run: the built vendor connected to its emulator, short clocks. */
function pluginOptions(vendor, emulator, opts, seed) {
  return {
    provider: vendor,
    providers: [
      {
        // the vendor shipped with the plugin, from the run's copy of the build
        resolve: path.join(
          seed.pluginDir,
          ".medusa/server/src/providers",
          vendor
        ),
        id: vendor,
        options: emulator.connection,
      },
    ],
    company: {
      inn: emulator.company.inn,
      email: "shop@chaos.test",
      payment_address: "https://shop.chaos.test",
      sno: emulator.company.sno,
    },
    receipt: { goodsVat: "standard", shippingVat: "standard" },
    // fractions of a minute: a run lasts minutes, not hours
    retry: { intervals_minutes: [0.01, 0.05], max_attempts: 50 },
    status_checks: { interval_seconds: 1, max_checks: 300 },
    worker: { batch_size: 10, lease_seconds: opts.leaseSeconds },
  }
}

/** `medusa start` on 127.0.0.1, started again should it exit by itself. */
function superviseApp(group, { port, env, log }) {
  const app = { current: null, restarts: 0, stopping: false }
  const start = () => {
    const proc = group.medusa(
      "app",
      ["start", "--host", "127.0.0.1", "--port", String(port)],
      {
        cwd: APP_DIR,
        env,
      }
    )
    app.current = proc
    proc.exited.then(async ({ code, signal }) => {
      if (app.stopping || app.current !== proc) return
      app.restarts++
      log(
        `the app exited by itself (code ${code}, signal ${signal}); starting it again`
      )
      await sleep(1_000)
      if (!app.stopping) start()
    })
  }
  start()
  return app
}

/**
 * Waits until the chaos is over (and the resumed worker has had its time), every receipt
 * row is settled and nothing has changed for QUIET_MS; or until `over()`. Logs progress.
 */
async function waitSettled(
  databaseUrl,
  chaos,
  { over, log, workers, opts, orders }
) {
  let counts = {}
  let lastKey = ""
  let lastChange = Date.now()
  let lastProgress = 0
  while (!over()) {
    await sleep(2_000)
    // while the database is down the last counts stand
    counts = await countByStatus(databaseUrl).catch(() => counts)
    const key = JSON.stringify(counts)
    if (key !== lastKey) {
      lastKey = key
      lastChange = Date.now()
    }
    if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = Date.now()
      const statuses = Object.entries(counts)
        .map(([s, n]) => `${s} ${n}`)
        .join(", ")
      log(
        `events ${chaos.emitted}/${orders * 2} · receipts: ${statuses || "none yet"} · ` +
          `workers up ${workers.up}/${opts.workers} · kills ${chaos.kills}`
      )
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0)
    if (
      chaos.chaosDoneAt &&
      Date.now() - chaos.chaosDoneAt >= AFTER_PAUSE_MS &&
      total > 0 &&
      Object.keys(counts).every((s) => SETTLED.has(s)) &&
      Date.now() - lastChange >= QUIET_MS
    ) {
      // settled; but a paid order without a receipt may still get one from the plugin's
      // own recovery (its sweep job): that is given --grace-minutes, then counted as lost
      const missing = orders - (await countSaleRows(databaseUrl).catch(() => 0))
      if (missing <= 0) return
      if (!chaos.graceFrom) {
        chaos.graceFrom = Date.now()
        log(
          `settled, but ${missing} paid orders have no receipt; waiting up to ` +
            `${opts.graceMinutes} min for the plugin to record them`
        )
      }
      if (Date.now() - chaos.graceFrom >= opts.graceMinutes * 60_000) return
    }
  }
}

async function waitForHealth(url, ms, over) {
  const until = Date.now() + ms
  while (Date.now() < until && !over()) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return
    } catch {
      // not listening yet
    }
    await sleep(500)
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`)
}

module.exports = { runVendor }
