/**
 * The K worker processes of a run: each a long-running `medusa exec ./worker.js` with a lease
 * owner of its own. The pool restarts a worker the run killed (a new owner each time) and one
 * that died by itself (counted apart); it picks the victims of SIGKILL and the worker to
 * pause with SIGSTOP.
 */
const { sleep } = require("./util")

const READY_TIMEOUT_MS = 180_000
/** A worker that has claimed nothing for this long since it loaded may be killed too. */
const IDLE_VICTIM_MS = 10_000

/** Rows a worker's `CHAOS claimed send <n>` line says it took; 0 for any other line. */
function claimSize(line) {
  const m = /^CHAOS claimed send (\d+)$/.exec(line)
  return m ? Number(m[1]) : 0
}

class WorkerPool {
  constructor({ group, count, cwd, env, maxMs, random, log }) {
    this.group = group
    this.cwd = cwd
    this.env = env
    this.maxMs = maxMs
    this.random = random
    this.log = log
    this.stopping = false
    this.kills = 0
    this.unexpectedExits = 0
    this.slots = Array.from({ length: count }, (_, i) => ({
      index: i + 1,
      incarnation: 0,
      proc: null,
      ready: false,
      // the pause has it, or it has just come back from one: not a SIGKILL victim
      reserved: false,
      protectUntil: 0,
    }))
  }

  /** Starts every worker and waits until each has loaded. */
  async start() {
    for (const slot of this.slots) this.launch_(slot)
    await Promise.all(this.slots.map((s) => this.whenReady_(s)))
  }

  get up() {
    return this.slots.filter((s) => s.ready && s.proc?.running).length
  }

  launch_(slot) {
    slot.incarnation++
    slot.ready = false
    const owner = `chaos-w${slot.index}.${slot.incarnation}`
    const proc = this.group.medusa(
      `worker ${slot.index}`,
      ["exec", "./worker.js"],
      {
        cwd: this.cwd,
        env: {
          ...this.env,
          CHAOS_WORKER_OWNER: owner,
          CHAOS_WORKER_MAX_MS: String(this.maxMs),
        },
        log: `worker-${slot.index}`,
      }
    )
    slot.proc = proc
    slot.owner = owner
    slot.claims = 0
    proc.onLine((line) => {
      if (line.startsWith("CHAOS claimed")) slot.claims++
    })
    slot.ready$ = proc.waitForLine(/^CHAOS ready/, READY_TIMEOUT_MS).then(
      () => {
        slot.ready = true
        slot.readyAt = Date.now()
      },
      () => {}
    )
    proc.exited.then(async ({ code, signal }) => {
      if (this.stopping || slot.proc !== proc) {
        return
      }
      // not our SIGKILL (that replaces `slot.proc` first): it died by itself
      this.unexpectedExits++
      this.log(
        `worker ${slot.index} (${owner}) exited by itself (code ${code}, signal ${signal}); restarting it`
      )
      await sleep(1_000)
      if (!this.stopping && slot.proc === proc) {
        this.launch_(slot)
      }
    })
  }

  async whenReady_(slot) {
    await slot.ready$
    if (!slot.ready) {
      throw new Error(`worker ${slot.index} did not start; see its log`)
    }
  }

  /**
   * SIGKILL to one worker chosen at random among those at work (that have claimed rows since
   * they started, or have been idle a while), and a new one in its place. A worker still
   * loading holds nothing; killing it would test nothing.
   */
  killOne() {
    const now = Date.now()
    const candidates = this.slots.filter(
      (s) =>
        s.ready &&
        s.proc?.running &&
        !s.reserved &&
        now >= s.protectUntil &&
        (s.claims > 0 || now - s.readyAt > IDLE_VICTIM_MS)
    )
    if (!candidates.length) {
      return null
    }
    const slot = candidates[Math.floor(this.random() * candidates.length)]
    const victim = slot.proc
    slot.proc = null
    victim.signal("SIGKILL")
    this.kills++
    this.launch_(slot)
    return slot.owner
  }

  /**
   * Picks a loaded worker, waits until it claims rows to send (so it holds leases and is
   * about to call the vendor; a claim of `fullClaim` rows or more when one comes within
   * `claimWaitMs`), stops it with SIGSTOP for `ms`, then lets it go on with
   * SIGCONT. Returns what happened.
   */
  async pauseOne(ms, { claimWaitMs = 30_000, fullClaim = 5 } = {}) {
    // workers may all be loading after their SIGKILLs: wait for one to be up
    let candidates = []
    for (
      let waited = 0;
      waited < claimWaitMs && !this.stopping;
      waited += 500
    ) {
      candidates = this.slots.filter(
        (s) => s.ready && s.proc?.running && !s.reserved
      )
      if (candidates.length) break
      await sleep(500)
    }
    if (!candidates.length) {
      return { paused: false, why: "no worker was up" }
    }
    const slot = candidates[Math.floor(this.random() * candidates.length)]
    slot.reserved = true
    const proc = slot.proc
    try {
      // a claim of `fullClaim` rows or more if one comes soon, else any claim
      const claimed = (min) => (line) => claimSize(line) >= min
      const claim =
        (await proc
          .waitForLine(claimed(fullClaim), claimWaitMs)
          .catch(() => null)) ??
        (await proc.waitForLine(claimed(1), claimWaitMs).catch(() => null))
      if (!proc.running || this.stopping) {
        return {
          paused: false,
          why: "the worker stopped before it claimed rows",
        }
      }
      proc.pause()
      const held = claim ? claimSize(claim) : 0
      this.log(
        `worker ${slot.index} (${slot.owner}) paused with SIGSTOP holding ${held} rows to send`
      )
      const started = Date.now()
      await sleep(ms)
      proc.resume()
      this.log(
        `worker ${slot.index} (${slot.owner}) resumed with SIGCONT after ${Math.round((Date.now() - started) / 1000)} s`
      )
      return { paused: true, owner: slot.owner, held, ms: Date.now() - started }
    } finally {
      slot.reserved = false
      // let the resumed worker finish what it held before it may be killed
      slot.protectUntil = Date.now() + 20_000
    }
  }

  async stop() {
    this.stopping = true
    await Promise.all(this.slots.map((s) => s.proc?.stop()))
  }
}

module.exports = { WorkerPool }
