/**
 * `medusa exec` script of `npm run chaos`: one worker process that works the fiscal queue
 * in a loop with its own lease owner (CHAOS_WORKER_OWNER) until CHAOS_WORKER_MAX_MS pass
 * or the run stops it. It prints `CHAOS ready` once loaded and `CHAOS claimed send|check <n>`
 * each time it takes rows, so the run can pause it while it holds leases.
 */
const path = require("node:path")

/** The pipeline from the same build the app loads (the run's copy, CHAOS_PLUGIN_DIR). */
const built = path.join(
  process.env.CHAOS_PLUGIN_DIR || path.resolve(__dirname, "../../.."),
  ".medusa/server/src"
)

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function chaosWorker({ container }) {
  const owner = process.env.CHAOS_WORKER_OWNER || `chaos-worker-${process.pid}`
  const deadline =
    Date.now() + Number(process.env.CHAOS_WORKER_MAX_MS || 600_000)
  const { processFiscalQueue } = require(
    path.join(built, "pipeline/process-queue")
  )
  const fiscal = container.resolve("fiscal")
  for (const [method, phase] of [
    ["claimDue", "send"],
    ["claimDueChecks", "check"],
  ]) {
    if (typeof fiscal[method] !== "function") {
      // the module no longer claims this way: the run pauses the worker without the cue
      continue
    }
    const claim = fiscal[method].bind(fiscal)
    fiscal[method] = async (args) => {
      const rows = await claim(args)
      if (rows.length) {
        process.stdout.write(`CHAOS claimed ${phase} ${rows.length}\n`)
      }
      return rows
    }
  }
  process.stdout.write(`CHAOS ready ${owner}\n`)
  while (Date.now() < deadline) {
    try {
      const { sent, checked } = await processFiscalQueue(container, {
        owner,
        budgetMs: 10_000,
      })
      if (!sent.length && !checked.length) {
        await sleep(300)
      }
    } catch (e) {
      // a database restart or a lost connection: the run goes on, the queue keeps the work
      process.stdout.write(`CHAOS error ${e.message}\n`)
      await sleep(1_000)
    }
  }
}

module.exports.default = chaosWorker
