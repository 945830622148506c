/**
 * The processes a chaos run starts: Medusa commands (`medusa start`, `medusa exec`,
 * `medusa db:migrate`) in their own process groups, so a signal reaches the whole command
 * and nothing is left behind; their output goes to log files.
 */
const { spawn } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")

const root = path.resolve(__dirname, "../..")
const MEDUSA = path.join(root, "node_modules", ".bin", "medusa")

/** One started command. */
class ManagedProcess {
  constructor(name, child, log) {
    this.name = name
    this.child = child
    this.pid = child.pid
    this.paused = false
    this.listeners_ = new Set()
    let buffered = ""
    const onData = (chunk) => {
      log.write(chunk)
      buffered += chunk.toString("utf8")
      const lines = buffered.split("\n")
      buffered = lines.pop()
      for (const line of lines) {
        for (const listener of this.listeners_) listener(line)
      }
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", onData)
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        log.write(`\n[chaos] ${name} exited (code ${code}, signal ${signal})\n`)
        resolve({ code, signal })
      })
    })
  }

  get running() {
    return this.child.exitCode === null && this.child.signalCode === null
  }

  /** Calls `fn(line)` for every line of output; returns the unsubscribe function. */
  onLine(fn) {
    this.listeners_.add(fn)
    return () => this.listeners_.delete(fn)
  }

  /**
   * The first line matching `re` (a RegExp or a predicate); rejects when the process exits
   * first or `ms` pass.
   */
  waitForLine(re, ms) {
    const matches = typeof re === "function" ? re : (line) => re.test(line)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off()
        reject(
          new Error(
            `${this.name}: no line matching ${re} within ${ms / 1000} s`
          )
        )
      }, ms)
      const off = this.onLine((line) => {
        if (matches(line)) {
          clearTimeout(timer)
          off()
          resolve(line)
        }
      })
      this.exited.then(({ code, signal }) => {
        clearTimeout(timer)
        off()
        reject(
          new Error(
            `${this.name} exited (code ${code}, signal ${signal}) before ${re}`
          )
        )
      })
    })
  }

  /** Sends `sig` to the whole process group; false when it is gone. */
  signal(sig) {
    try {
      process.kill(-this.pid, sig)
      return true
    } catch {
      return false
    }
  }

  pause() {
    this.paused = this.signal("SIGSTOP")
    return this.paused
  }

  resume() {
    this.paused = false
    return this.signal("SIGCONT")
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the group leader is gone. */
  async stop(graceMs = 5_000) {
    if (this.paused) {
      // a stopped process cannot act on SIGTERM
      this.resume()
    }
    if (this.running) {
      this.signal("SIGTERM")
      const timer = setTimeout(() => this.signal("SIGKILL"), graceMs)
      await this.exited
      clearTimeout(timer)
    }
    // whatever the leader left in its group
    this.signal("SIGKILL")
  }
}

/** Every process a run started, to stop them all on the way out. */
class ProcessGroup {
  constructor(logDir) {
    this.logDir = logDir
    this.all = new Set()
  }

  /** Starts `medusa <args>` in `cwd`; output is appended to `<logDir>/<log>.log`. */
  medusa(name, args, { cwd, env, log = name }) {
    fs.mkdirSync(this.logDir, { recursive: true })
    const stream = fs.createWriteStream(path.join(this.logDir, `${log}.log`), {
      flags: "a",
    })
    stream.write(
      `\n[chaos] ${new Date().toISOString()} ${name}: medusa ${args.join(" ")}\n`
    )
    const child = spawn(MEDUSA, args, {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    })
    const proc = new ManagedProcess(name, child, stream)
    proc.logFile = path.join(this.logDir, `${log}.log`)
    this.all.add(proc)
    proc.exited.then(() => {
      this.all.delete(proc)
      stream.end()
    })
    return proc
  }

  /** Runs `medusa <args>` to its end; throws on a non-zero exit, pointing at the log. */
  async medusaToEnd(name, args, opts, onLine) {
    const proc = this.medusa(name, args, opts)
    if (onLine) proc.onLine(onLine)
    await succeeded(proc)
  }

  async stopAll() {
    await Promise.all([...this.all].map((p) => p.stop()))
  }
}

/** Resolves once `proc` has exited with 0; throws otherwise, pointing at its log. */
async function succeeded(proc) {
  const { code, signal } = await proc.exited
  if (code !== 0) {
    throw new Error(
      `${proc.name} failed (code ${code}, signal ${signal}); see ${proc.logFile}`
    )
  }
}

module.exports = { ProcessGroup, root, succeeded }
