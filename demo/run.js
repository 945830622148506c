#!/usr/bin/env node
/**
 * `npm run demo`: a real Medusa 2.21 store with medusa-fiscal installed from its packed
 * tarball, on DATABASE_URL when it is set and reachable or on an embedded PostgreSQL.
 * Builds and packs the plugin, installs it into the demo app, migrates, seeds, and serves
 * the admin at http://localhost:9000/app. Ctrl-C stops everything it started.
 */
const { spawn } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")
const crypto = require("node:crypto")
const {
  ensurePostgres,
  ensureDatabase,
  toUrl,
} = require("../scripts/lib/postgres")
const { packPlugin, run } = require("../scripts/lib/plugin-pack")
const { stopGroup, waitForHealth } = require("../scripts/lib/processes")
const { placeSampleOrders } = require("./sample-orders")

const root = path.resolve(__dirname, "..")
const demoDir = __dirname
// DEMO_STATE_DIR keeps a test run's tarball, key and embedded database apart from a developer's .demo/
const stateDir = process.env.DEMO_STATE_DIR
  ? path.resolve(process.env.DEMO_STATE_DIR)
  : path.join(root, ".demo")
const PORT = Number(process.env.PORT || 9000)
const EMULATOR_PORT = Number(process.env.DEMO_EMULATOR_PORT || 4010)
const PROVIDER = process.env.FISCAL_DEMO_PROVIDER || "atol"
const ADMIN_EMAIL = process.env.DEMO_ADMIN_EMAIL || "admin@medusa-fiscal.test"
const ADMIN_PASSWORD = process.env.DEMO_ADMIN_PASSWORD || "fiscal-demo"
const log = (msg) => process.stdout.write(`[demo] ${msg}\n`)

const cleanups = []
let stopping = false

/** Builds the plugin, packs it as npm would publish it, and unpacks it into the demo app. */
function installPluginFromTarball(env) {
  // the demo app never compiles against the plugin, so its type declarations are skipped
  const tarball = packPlugin({
    destDir: stateDir,
    env,
    log,
    declarations: false,
  })
  const target = path.join(demoDir, "node_modules", "medusa-fiscal")
  const unpackDir = path.join(stateDir, "unpack")
  fs.rmSync(unpackDir, { recursive: true, force: true })
  fs.mkdirSync(unpackDir, { recursive: true })
  run("tar", ["-xzf", tarball, "-C", unpackDir])
  fs.rmSync(target, { recursive: true, force: true })
  fs.mkdirSync(path.dirname(target), { recursive: true })
  fs.renameSync(path.join(unpackDir, "package"), target)
  // vite keeps a pre-bundled copy of the plugin's admin; packed files all carry the same
  // mtime, so it would keep serving the previous build's admin
  fs.rmSync(path.join(demoDir, "node_modules", ".vite"), {
    recursive: true,
    force: true,
  })
  // the package's own dependencies resolve from the project's node_modules, where
  // Medusa itself is installed, so the demo app shares one copy of every @medusajs package
  log(
    `installed ${path.basename(tarball)} into demo/node_modules/medusa-fiscal`
  )
}

/** The emulator of the chosen provider, from the workspace package medusa-fiscal-emulator. */
async function startEmulator(env) {
  // `npm pack` above builds it through the root `prepare` script, unless scripts are off
  if (!fs.existsSync(path.join(root, "packages/emulators/dist/index.js"))) {
    log("building the emulators (medusa-fiscal-emulator)")
    run("npm", ["run", "build", "--workspace", "medusa-fiscal-emulator"], {
      cwd: root,
      env,
    })
  }
  const { HARNESSES } = require("medusa-fiscal-emulator")
  const harness = Object.hasOwn(HARNESSES, PROVIDER)
    ? HARNESSES[PROVIDER]
    : undefined
  if (!harness) {
    throw new Error(
      `FISCAL_DEMO_PROVIDER=${PROVIDER} has no emulator; choose one of: ${Object.keys(HARNESSES).join(", ")}`
    )
  }
  const running = await harness.start({
    port: EMULATOR_PORT,
    processingDelayMs: 1500,
  })
  log(`${PROVIDER} emulator listening at ${running.url}`)
  return running
}

/** A key for the credentials saved in the demo's admin, kept with the demo's data. */
function demoEncryptionKey() {
  const file = path.join(stateDir, "encryption-key")
  if (!fs.existsSync(file)) {
    fs.mkdirSync(stateDir, { recursive: true })
    fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), {
      mode: 0o600,
    })
  }
  return fs.readFileSync(file, "utf8").trim()
}

async function stopAll(code) {
  if (stopping) {
    return
  }
  stopping = true
  log("stopping…")
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch((e) => log(`cleanup: ${e.message}`))
  }
  process.exit(code)
}

async function main() {
  process.on("SIGINT", () => stopAll(0))
  process.on("SIGTERM", () => stopAll(0))

  const db = await ensurePostgres({
    url: process.env.DATABASE_URL,
    localFallback: false,
    dataDir: path.join(stateDir, "pg"),
    embeddedPort: Number(process.env.DEMO_PG_PORT || 54330),
    log,
  })
  cleanups.push(() => db.stop())
  let databaseUrl = process.env.DATABASE_URL
  if (db.embedded) {
    await ensureDatabase(db, "medusa_fiscal_demo")
    databaseUrl = toUrl(db, "medusa_fiscal_demo")
  }

  const buildEnv = { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" }
  installPluginFromTarball(buildEnv)
  const emulator = await startEmulator(buildEnv)
  cleanups.push(() => emulator.close())

  const fiscalOptions = {
    provider: PROVIDER,
    // the vendor shipped with the plugin, connected to its emulator
    providers: [
      {
        resolve: `medusa-fiscal/providers/${PROVIDER}`,
        id: PROVIDER,
        options: emulator.connection,
      },
    ],
    company: {
      inn: emulator.company.inn,
      email: "shop@medusa-fiscal.test",
      payment_address: `http://localhost:${PORT}`,
      sno: emulator.company.sno,
    },
    receipt: { goodsVat: "standard", shippingVat: "standard" },
    callback: { base_url: `http://localhost:${PORT}` },
    // report and alert emails go to Medusa's local notification provider, which writes
    // them to this log (demo/medusa-config.js); the bell shows the alerts
    notifications: {
      recipients: ["accountant@medusa-fiscal.test"],
      daily_report: { enabled: true, time: "09:00" },
      alert_emails: true,
      language: "ru",
    },
  }
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(PORT),
    MEDUSA_DISABLE_TELEMETRY: "true",
    FISCAL_DEMO_OPTIONS: JSON.stringify(fiscalOptions),
    DEMO_ADMIN_EMAIL: ADMIN_EMAIL,
    DEMO_ADMIN_PASSWORD: ADMIN_PASSWORD,
    FISCAL_ENCRYPTION_KEY:
      process.env.FISCAL_ENCRYPTION_KEY || demoEncryptionKey(),
  }
  log("migrating the database (medusa db:migrate)")
  run("npx", ["medusa", "db:migrate"], { cwd: demoDir, env })
  log("seeding the store (demo/seed.js)")
  run("npx", ["medusa", "exec", "./seed.js"], { cwd: demoDir, env })

  log("starting Medusa (medusa develop)")
  const server = spawn("npx", ["medusa", "develop"], {
    cwd: demoDir,
    env,
    stdio: "inherit",
    detached: true,
  })
  cleanups.push(() => stopGroup(server))
  server.on("exit", (code) => {
    if (!stopping) {
      log(`Medusa exited (code ${code})`)
      stopAll(code || 1)
    }
  })
  await waitForHealth(`http://localhost:${PORT}/health`, server, 180_000)
  await placeSampleOrders(
    `http://localhost:${PORT}`,
    { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    log
  ).catch((e) => log(`sample orders were not placed: ${e.message}`))
  process.stdout.write(
    [
      "",
      "medusa-fiscal demo store is up",
      `  admin:     http://localhost:${PORT}/app`,
      `  login:     ${ADMIN_EMAIL}`,
      `  password:  ${ADMIN_PASSWORD}`,
      `  receipts:  ${PROVIDER} emulator at ${emulator.url} (ledger: ${emulator.url}/__control/ledger)`,
      `  database:  ${db.embedded ? `embedded PostgreSQL on port ${db.port} (data in .demo/pg)` : "DATABASE_URL"}`,
      "Press Ctrl-C to stop.",
      "",
    ].join("\n")
  )
}

main().catch(async (e) => {
  log(`failed: ${e.message}`)
  await stopAll(1)
})
