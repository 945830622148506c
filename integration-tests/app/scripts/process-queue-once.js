/**
 * `medusa exec` script: one run of the fiscal queue in a process of its own, so a test can
 * kill it with SIGKILL in the middle of a send. Prints "claimed <ids>" once rows are held.
 */
const path = require("node:path")

const built = path.resolve(__dirname, "../../../.medusa/server/src")

async function processQueueOnce({ container }) {
  const fiscal = container.resolve("fiscal")
  const claim = fiscal.claimDue.bind(fiscal)
  // the test schedules its row an hour ahead so the app's own jobs leave it alone; this
  // process looks two hours ahead, with a lease that still ends `leaseMs` from now
  const ahead = 2 * 3_600_000
  fiscal.claimDue = async (args) => {
    const now = new Date(Date.now() + ahead)
    const rows = await claim({ ...args, now, leaseMs: args.leaseMs - ahead })
    process.stdout.write(`claimed ${rows.map((r) => r.id).join(",")}\n`)
    return rows
  }
  const { processFiscalQueue } = require(
    path.join(built, "pipeline/process-queue")
  )
  await processFiscalQueue(container, {
    owner: "doomed-worker",
    sendsOnly: true,
  })
}

module.exports.default = processQueueOnce
