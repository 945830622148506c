#!/usr/bin/env node
/**
 * `npm run chaos`: a reliability run of the fiscal pipeline, per vendor, on 127.0.0.1 only.
 * Its own PostgreSQL, the vendor's emulator injecting 5xx / processed-then-dropped answers /
 * hangs, a real Medusa app and K worker processes; N paid orders whose `payment.captured` is
 * delivered twice; workers killed with SIGKILL every few seconds, one paused past its lease,
 * the database restarted halfway. Then it counts duplicates, lost and stuck receipts and exits
 * non-zero on any. Not part of `npm test`; README, "Chaos run", says how to read it.
 */
const { spawn, spawnSync } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")
const { parseArgs, USAGE } = require("./args")
const { snapshotPlugin } = require("./plugin")
const { root } = require("./processes")
const { vendorReport, summaryTable } = require("./report")
const { prepareSeed } = require("./seed")
const { duration } = require("./util")
const { runVendor } = require("./vendor-run")

const say = (msg) => process.stdout.write(`[chaos] ${msg}\n`)

/** Which code the run measures: the commit, and whether src/ had uncommitted changes. */
function codeState(dir = root) {
  if (!fs.existsSync(path.join(dir, ".git"))) {
    return `the build in ${dir}`
  }
  const git = (args) =>
    spawnSync("git", args, { cwd: dir, encoding: "utf8" }).stdout?.trim() ?? ""
  const head = git(["rev-parse", "--short", "HEAD"]) || "unknown"
  const changed = git(["status", "--porcelain", "--", "src"])
    .split("\n")
    .filter(Boolean).length
  return changed ? `${head} + ${changed} changed files in src/` : head
}

function build() {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["medusa", "plugin:build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" },
    })
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error("the plugin build failed"))
    )
  })
}

// Ctrl-C: the step in progress stops what it started; a second Ctrl-C leaves at once, and
// the Medusa processes end themselves within seconds (CHAOS_PARENT_PID)
const stop = new AbortController()
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stop.signal.aborted) process.exit(130)
    say(`${signal}: stopping everything this run started`)
    stop.abort()
  })
}

async function main() {
  const opts = parseArgs(process.argv.slice(2))
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const started = Date.now()
  const deadline = started + opts.maxMinutes * 60_000
  say(
    `vendors ${opts.vendors.join(", ")}; ${opts.orders} orders; ${opts.workers} workers; ` +
      `faults: 5xx ${opts.serverErrorRate}, processed-then-dropped ${opts.dropRate}, hang ${opts.hangRate}; ` +
      `SIGKILL every ~${opts.killEvery} s; lease ${opts.leaseSeconds} s; database down ${opts.dbDownSeconds} s; ` +
      `at most ${opts.maxMinutes} min`
  )
  // read before the build, which is what the run then measures
  const code = codeState(opts.pluginDir)
  if (opts.build) {
    say(`building the plugin (medusa plugin:build) at ${code}`)
    await build()
  } else {
    say(`using the last build of the plugin (${code})`)
  }
  const seed = await prepareSeed(
    opts,
    snapshotPlugin(opts.pluginDir),
    say,
    stop.signal
  )

  const results = []
  for (const [i, vendor] of opts.vendors.entries()) {
    if (stop.signal.aborted) break
    // each vendor still to run gets an equal share of the time left
    const share = (deadline - Date.now()) / (opts.vendors.length - i)
    if (share < 60_000) {
      results.push({ vendor, error: "no time left (--max-minutes)" })
      continue
    }
    try {
      const result = await runVendor(
        vendor,
        seed,
        opts,
        Date.now() + share,
        say,
        stop.signal
      )
      results.push(result)
      process.stdout.write(`\n${vendorReport(result)}\n\n`)
    } catch (e) {
      say(
        `${vendor}: ${stop.signal.aborted ? e.message : e.stack || e.message}`
      )
      results.push({ vendor, error: e.message })
    }
  }

  process.stdout.write(
    [
      "",
      summaryTable(results),
      "",
      `orders: ${seed.orders.length} created once in ${duration(seed.timings.orders)} ` +
        `(${(seed.orders.length / (seed.timings.orders / 1000)).toFixed(1)}/s), migration ${duration(seed.timings.migrate)}; ` +
        "every vendor started from a copy of that database",
      `command: npm run chaos -- ${process.argv.slice(2).join(" ")}`,
      `code: ${opts.build ? "built at" : "last build:"} ${code}`,
      `wall time ${duration(Date.now() - started)}`,
      "",
    ].join("\n")
  )
  const bad = results.filter(
    (r) =>
      r.error ||
      r.verdict.duplicates.length ||
      r.verdict.lost.length ||
      r.verdict.stuck.length
  )
  return bad.length || results.length < opts.vendors.length ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (e) => {
    say(e.stack || e.message)
    process.exit(1)
  }
)
