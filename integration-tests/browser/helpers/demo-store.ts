import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import fs from "node:fs"
import net from "node:net"
import os from "node:os"
import path from "node:path"

const ROOT = path.resolve(__dirname, "../../..")
const READY_LINE = "medusa-fiscal demo store is up"

export type DemoStore = {
  baseUrl: string
  emulatorUrl: string
  /** The demo's own database, for planting what the admin API cannot make. */
  databaseUrl: string
  logFile: string
  /** The last lines the demo printed, for failure messages. */
  logTail(lines?: number): string
  stop(): Promise<void>
}

/** `preferred` when nobody listens on it, else any free port. */
export async function freePort(preferred = 0): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer()
      server.unref()
      server.on("error", reject)
      server.listen(port, "127.0.0.1", () => {
        const { port: bound } = server.address() as net.AddressInfo
        server.close(() => resolve(bound))
      })
    })
  return preferred
    ? tryListen(preferred).catch(() => tryListen(0))
    : tryListen(0)
}

const pg = () => ({
  host: process.env.DB_HOST || "localhost",
  port: Number(process.env.DB_PORT || 5432),
  user: process.env.DB_USERNAME || "postgres",
  password: process.env.DB_PASSWORD || "postgres",
})

async function sql(statement: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client } = require("pg")
  const client = new Client({ ...pg(), database: "postgres" })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/** Pids of `pid` and everything it started, deepest last. */
function processTree(pid: number): number[] {
  const out =
    spawnSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" }).stdout ??
    ""
  const children = new Map<number, number[]>()
  for (const line of out.trim().split("\n")) {
    const [child, parent] = line.trim().split(/\s+/).map(Number)
    children.set(parent, [...(children.get(parent) ?? []), child])
  }
  const tree: number[] = []
  const walk = (p: number) => {
    tree.push(p)
    for (const c of children.get(p) ?? []) walk(c)
  }
  walk(pid)
  return tree
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * Starts `npm run demo` (demo/run.js) on free ports, a fresh database and its own state
 * directory, so a developer's demo and data are left alone; resolves when the store is up
 * with its sample orders. `stop()` ends the demo and everything it started, and drops the
 * database.
 */
export async function startDemoStore({
  timeoutMs = 300_000,
}: { timeoutMs?: number } = {}): Promise<DemoStore> {
  // stable ports when free keep the addresses in the screenshots the same from run to run
  const port = await freePort(9100)
  const emulatorPort = await freePort(4110)
  const database = `medusa_fiscal_browser_${process.pid}`
  const stateDir = fs.mkdtempSync(
    path.join(os.tmpdir(), "medusa-fiscal-browser-")
  )
  const logFile = path.join(ROOT, "test-artifacts", "browser-demo.log")
  fs.mkdirSync(path.dirname(logFile), { recursive: true })
  fs.writeFileSync(logFile, "")

  await sql(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
  await sql(`CREATE DATABASE "${database}"`)
  const { host, port: pgPort, user, password } = pg()
  const baseUrl = `http://localhost:${port}`
  const databaseUrl = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${pgPort}/${database}`
  const log = fs.openSync(logFile, "a")
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, "demo/run.js")],
    {
      cwd: ROOT,
      stdio: ["ignore", log, log],
      env: {
        ...process.env,
        NODE_OPTIONS: "",
        PORT: String(port),
        DEMO_EMULATOR_PORT: String(emulatorPort),
        DEMO_STATE_DIR: stateDir,
        DATABASE_URL: databaseUrl,
        MEDUSA_BACKEND_URL: baseUrl,
        ADMIN_CORS: baseUrl,
        AUTH_CORS: baseUrl,
        STORE_CORS: baseUrl,
        FISCAL_DEMO_PROVIDER: "atol",
      },
    }
  )
  fs.closeSync(log)

  const logTail = (lines = 40) =>
    fs.readFileSync(logFile, "utf8").split("\n").slice(-lines).join("\n")

  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    const tree = child.pid ? processTree(child.pid) : []
    // demo/run.js stops Medusa and the emulator itself on SIGTERM; whatever is left
    // after the grace period is killed by id
    if (child.pid && alive(child.pid)) {
      child.kill("SIGTERM")
      const deadline = Date.now() + 20_000
      while (alive(child.pid) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200))
      }
    }
    for (const pid of [
      ...tree,
      ...tree.flatMap((p) => (alive(p) ? processTree(p) : [])),
    ]) {
      if (alive(pid)) {
        try {
          process.kill(pid, "SIGKILL")
        } catch {
          // already gone
        }
      }
    }
    await sql(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(
      () => {}
    )
    fs.rmSync(stateDir, { recursive: true, force: true })
  }

  const deadline = Date.now() + timeoutMs
  for (;;) {
    const text = fs.readFileSync(logFile, "utf8")
    if (text.includes(READY_LINE)) break
    if (child.exitCode !== null || Date.now() > deadline) {
      const why =
        child.exitCode !== null
          ? `exited with code ${child.exitCode}`
          : `was not up within ${timeoutMs / 1000} s`
      await stop()
      throw new Error(
        `The demo store ${why}. Last lines of ${logFile}:\n${logTail()}`
      )
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  return {
    baseUrl,
    emulatorUrl: `http://127.0.0.1:${emulatorPort}`,
    databaseUrl,
    logFile,
    logTail,
    stop,
  }
}
