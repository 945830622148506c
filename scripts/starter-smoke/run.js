#!/usr/bin/env node
/**
 * `npm run smoke:starter`: medusa-fiscal installed the way a shop installs it. A copy of a
 * fresh Medusa 2.21 app made like Medusa's starter (integration-tests/starter) gets its
 * dependencies, then follows the README's installation section as written — the packed
 * plugin and emulator stand in for the registry's — migrates, starts with `npm run dev`,
 * and a paid order's sale receipt must become `done` at the ATOL emulator.
 *
 * 127.0.0.1 only; every wait is bounded; the processes, the database and the temporary
 * folder it made are removed at the end, on a failure and on Ctrl-C. `--no-build` packs the
 * build that is there (`npm run build` first) instead of building again.
 */
const { spawn } = require("node:child_process")
const fs = require("node:fs")
const net = require("node:net")
const os = require("node:os")
const path = require("node:path")
const { ensurePostgres, toUrl } = require("../lib/postgres")
const { npmPack, packPlugin, run, root } = require("../lib/plugin-pack")
const { stopGroup, waitForHealth } = require("../lib/processes")
const { readInstallation } = require("./readme-steps")
const { adminClient, placePaidOrder, receiptsOf } = require("./admin-api")
const { recreateDatabase, dropDatabase } = require("./database")

const TEMPLATE = path.join(root, "integration-tests/starter")
const MEDUSA_PORT = Number(process.env.FISCAL_SMOKE_PORT || 9300)
const EMULATOR_PORTS = { first: 48300, last: 48320 }
const DATABASE = "medusa_fiscal_starter_smoke"
const ADMIN = { email: "admin@medusa-fiscal.test", password: "starter-smoke" }
// bounds reached only when something is wrong
const BOOT_MS = 300_000
const RECEIPT_MS = 120_000
const INSTALL = ["--prefer-offline", "--no-audit", "--no-fund"]

const log = (msg) => process.stdout.write(`[starter] ${msg}\n`)
const cleanups = []
const started = Date.now()
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once("error", () => resolve(false))
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)))
  })
}

async function freeEmulatorPort() {
  for (let p = EMULATOR_PORTS.first; p <= EMULATOR_PORTS.last; p++) {
    if (await portIsFree(p)) {
      return p
    }
  }
  throw new Error(
    `no free port for the emulator in ${EMULATOR_PORTS.first}-${EMULATOR_PORTS.last}`
  )
}

/**
 * A command in the app with its output in `logDir` (not in the app, whose dev server would
 * restart on every line), shown when the smoke fails.
 */
function startInApp(app, logDir, name, cmd, args, env) {
  const file = path.join(logDir, `${name}.log`)
  const out = fs.openSync(file, "a")
  const child = spawn(cmd, args, {
    cwd: app,
    env,
    stdio: ["ignore", out, out],
    detached: true,
  })
  fs.closeSync(out)
  cleanups.push(() => stopGroup(child))
  cleanups.push(async () => {
    if (process.exitCode) {
      const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n")
      log(`last lines of ${name}'s output:\n${lines.slice(-40).join("\n")}`)
    }
  })
  return child
}

/** Resolves when `child` exits with 0; rejects otherwise. */
function exited(child, what) {
  return new Promise((resolve, reject) => {
    child.once("error", reject)
    child.once("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${what} failed (exit ${code})`))
    )
  })
}

/**
 * The app's environment: this process's, less what the app's own .env sets (dotenv never
 * overrides a variable that is already set, so a DATABASE_URL here would win over .env).
 */
function appEnv(dotenv, extra) {
  const env = { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true", ...extra }
  for (const line of dotenv.split("\n")) {
    const name = line.split("=")[0].trim()
    if (name && !(name in extra)) {
      delete env[name]
    }
  }
  for (const name of ["NODE_ENV", "FISCAL_ENCRYPTION_KEY", "PORT", "HOST"]) {
    if (!(name in extra)) {
      delete env[name]
    }
  }
  return env
}

/** Inserts the README's `plugins` entry into the starter's `defineConfig({ … })`. */
function withPlugins(config, plugins) {
  const end = config.lastIndexOf("})")
  if (end < 0) {
    throw new Error("the starter's medusa-config.ts has no defineConfig({ … })")
  }
  const entry = plugins
    .split("\n")
    .map((line) => (line ? `  ${line}` : line))
    .join("\n")
  return `${config.slice(0, end)}${entry}\n${config.slice(end)}`
}

async function main() {
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      process.exitCode = 1
      cleanUp().finally(() => process.exit(1))
    })
  }
  const steps = readInstallation(path.join(root, "README.md"))
  if (!(await portIsFree(MEDUSA_PORT))) {
    throw new Error(
      `port ${MEDUSA_PORT} is taken; set FISCAL_SMOKE_PORT to a free one`
    )
  }
  const emulatorPort = await freeEmulatorPort()

  const work = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-fiscal-starter-"))
  cleanups.push(async () => fs.rmSync(work, { recursive: true, force: true }))
  const db = await ensurePostgres({
    dataDir: path.join(root, ".cache", "pg-starter"),
    embeddedPort: 54331,
    log,
  })
  cleanups.push(() => db.stop())
  const conn = { ...db, host: "127.0.0.1" }
  await recreateDatabase(conn, DATABASE)
  cleanups.push(() => dropDatabase(conn, DATABASE))

  const app = path.join(work, "app")
  fs.cpSync(TEMPLATE, app, { recursive: true })
  // the README's .env lines, with the ports this run uses instead of 4010 and 9000
  const readmeEnv = steps.env
    .replaceAll(":4010", `:${emulatorPort}`)
    .replaceAll(":9000", `:${MEDUSA_PORT}`)
  const dotenv = [
    fs
      .readFileSync(path.join(app, ".env.template"), "utf8")
      .replace(/^DATABASE_URL=.*$/m, `DATABASE_URL=${toUrl(conn, DATABASE)}`)
      .trimEnd(),
    readmeEnv,
    "",
  ].join("\n")
  fs.writeFileSync(path.join(app, ".env"), dotenv)
  const configFile = path.join(app, "medusa-config.ts")
  fs.writeFileSync(
    configFile,
    withPlugins(fs.readFileSync(configFile, "utf8"), steps.plugins)
  )
  const env = appEnv(dotenv, { PORT: String(MEDUSA_PORT), HOST: "127.0.0.1" })

  // the app's own dependencies download while the plugin builds: the two are independent,
  // and together they are most of the smoke's time
  log("the starter's own dependencies (npm install), in the background")
  const installing = exited(
    startInApp(app, work, "npm-install", "npm", ["install", ...INSTALL], env),
    "npm install"
  )
  installing.catch(() => {})
  const buildEnv = { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" }
  const pluginTarball = packPlugin({
    destDir: work,
    env: buildEnv,
    log,
    build: !process.argv.includes("--no-build"),
  })
  const emulatorTarball = npmPack({
    destDir: work,
    env: buildEnv,
    workspace: "medusa-fiscal-emulator",
  })
  log(`packed ${path.basename(emulatorTarball)} [${elapsed()}]`)
  await installing
  log(`the starter's dependencies are installed [${elapsed()}]`)

  let emulator
  for (const { text, kind } of steps.commands) {
    log(`README: ${text} [${elapsed()}]`)
    if (kind === "install-plugin") {
      run("npm", ["install", ...INSTALL, pluginTarball], { cwd: app, env })
    } else if (kind === "install-emulator") {
      run("npm", ["install", "-D", ...INSTALL, emulatorTarball], {
        cwd: app,
        env,
      })
    } else if (kind === "start-emulator") {
      emulator = startInApp(
        app,
        work,
        "emulator",
        "npx",
        ["medusa-fiscal-emulator", "atol", "--port", String(emulatorPort)],
        env
      )
      await waitForHealth(
        `http://127.0.0.1:${emulatorPort}/__control/stats`,
        emulator,
        30_000
      )
    } else if (kind === "migrate") {
      run("npx", ["medusa", "db:migrate"], { cwd: app, env })
    }
  }

  log(`an admin user (npx medusa user) [${elapsed()}]`)
  run("npx", ["medusa", "user", "-e", ADMIN.email, "-p", ADMIN.password], {
    cwd: app,
    env,
  })
  log(`npm run dev on port ${MEDUSA_PORT} [${elapsed()}]`)
  const server = startInApp(app, work, "medusa", "npm", ["run", "dev"], env)
  const baseUrl = `http://127.0.0.1:${MEDUSA_PORT}`
  await waitForHealth(`${baseUrl}/health`, server, BOOT_MS)

  log(`a paid order through the admin API [${elapsed()}]`)
  const api = await adminClient(baseUrl, ADMIN)
  const order = await placePaidOrder(api, [
    { title: "Чайник электрический", unit_price: 2490, quantity: 1 },
    { title: "Кружка керамическая, 350 мл", unit_price: 33.33, quantity: 3 },
  ])
  const receipt = await receiptDone(api, order.id)
  // the emulator's own record: one sale document of the order's total, registered
  const documents = await fetch(
    `http://127.0.0.1:${emulatorPort}/__control/ledger`
  ).then((r) => r.json())
  const [doc] = documents
  if (
    documents.length !== 1 ||
    doc.operation !== "sell" ||
    doc.status !== "done" ||
    Math.abs(doc.total - Number(order.total)) > 0.005
  ) {
    throw new Error(
      `the emulator should hold one registered sale of ${order.total} ₽; it holds ${JSON.stringify(documents.map(({ operation, status, total }) => ({ operation, status, total })))}`
    )
  }
  log(
    `order ${order.id} (${order.total} ₽): receipt ${receipt.id} done, ФД ${receipt.fiscal_document_number}, ФП ${receipt.fiscal_document_attribute}; the emulator holds its one document [${elapsed()}]`
  )
}

/** Waits until the order's one receipt is `done`; one that ends otherwise fails at once. */
async function receiptDone(api, orderId) {
  const deadline = Date.now() + RECEIPT_MS
  let receipts = []
  while (Date.now() < deadline) {
    receipts = await receiptsOf(api, orderId)
    const ended = receipts.find((r) => ["failed", "invalid"].includes(r.status))
    if (ended) {
      throw new Error(
        `receipt ${ended.id} is ${ended.status}: ${JSON.stringify(ended.last_error ?? ended.error ?? ended)}`
      )
    }
    if (receipts.length === 1 && receipts[0].status === "done") {
      return receipts[0]
    }
    await new Promise((r) => setTimeout(r, 1000))
  }
  throw new Error(
    `the order's receipt was not done within ${RECEIPT_MS / 1000} s: ${JSON.stringify(receipts.map((r) => ({ id: r.id, status: r.status })))}`
  )
}

let cleaning
function cleanUp() {
  cleaning ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((e) => log(`cleanup: ${e.message}`))
    }
  })()
  return cleaning
}

main()
  .then(() => log(`passed in ${elapsed()}`))
  .catch((e) => {
    process.exitCode = 1
    log(`FAILED after ${elapsed()}: ${e.message}`)
  })
  .finally(() => cleanUp())
