#!/usr/bin/env node
/**
 * `npm test`: builds the plugin, then runs the unit, module, HTTP and browser suites
 * against the machine's PostgreSQL, or an embedded one when none is reachable.
 */
const { spawnSync } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")
const { ensurePostgres } = require("./lib/postgres")

const root = path.resolve(__dirname, "..")
const log = (msg) => process.stdout.write(`[test] ${msg}\n`)

const SUITES = ["unit", "integration:modules", "integration:http", "browser"]

function run(cmd, args, env) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env })
  return res.status ?? 1
}

async function main() {
  // arguments name suites (`unit`, `integration:http`, …) or test files to narrow them to
  const args = process.argv.slice(2)
  const only = args.filter((a) => SUITES.includes(a))
  const files = args.filter((a) => !SUITES.includes(a))
  const suiteOf = (file) =>
    file.includes("integration-tests/http")
      ? "integration:http"
      : file.includes("integration-tests/browser")
        ? "browser"
        : file.includes("src/modules/") && !file.includes(".unit.")
          ? "integration:modules"
          : "unit"
  const suites = only.length ? SUITES.filter((s) => only.includes(s)) : SUITES
  if (suites.includes("browser")) {
    // said before anything runs, not after ten minutes of other suites
    const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
    if (!fs.existsSync(chromium)) {
      process.stderr.write(
        `[test] the browser stage needs Chromium at ${chromium}: install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH.\n` +
          "[test] To run the other suites only: npm test -- unit integration:modules integration:http\n"
      )
      process.exit(1)
    }
  }
  const db = await ensurePostgres({
    dataDir: path.join(root, ".cache", "pg-test"),
    embeddedPort: 54329,
    log,
  })
  const env = {
    ...process.env,
    DB_HOST: "localhost",
    DB_PORT: String(db.port),
    DB_USERNAME: db.user,
    DB_PASSWORD: db.password,
    MEDUSA_DISABLE_TELEMETRY: "true",
    NODE_OPTIONS: [process.env.NODE_OPTIONS, "--experimental-vm-modules"]
      .filter(Boolean)
      .join(" "),
  }
  let failed = 0
  let passed = 0
  try {
    if (suites.includes("integration:http")) {
      log("building the plugin (medusa plugin:build)")
      if (run("npx", ["medusa", "plugin:build"], env) !== 0) {
        throw new Error("the plugin build failed")
      }
    }
    fs.mkdirSync(path.join(root, "test-artifacts"), { recursive: true })
    for (const suite of suites) {
      log(`suite ${suite}`)
      const suiteFiles = files.filter((f) => suiteOf(f) === suite)
      const report = path.join(
        root,
        "test-artifacts",
        `jest-${suite.replace(":", "-")}.json`
      )
      fs.rmSync(report, { force: true })
      const status = run(
        "npx",
        [
          "jest",
          "--runInBand",
          "--forceExit",
          "--silent",
          "--json",
          `--outputFile=${report}`,
          // a file narrows only the suite it belongs to
          ...suiteFiles,
        ],
        { ...env, TEST_TYPE: suite }
      )
      let suiteFailed = 0
      if (fs.existsSync(report)) {
        const r = JSON.parse(fs.readFileSync(report, "utf8"))
        passed += r.numPassedTests
        suiteFailed = r.numFailedTests + r.numRuntimeErrorTestSuites
      }
      if (status !== 0 && suiteFailed === 0) {
        // the runner failed outside any test (a crash, a broken config): count it
        log(`suite ${suite} exited with status ${status}`)
        suiteFailed = 1
      }
      failed += suiteFailed
    }
  } finally {
    await db.stop()
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`)
  process.exit(failed > 0 ? 1 : 0)
}

main().catch((e) => {
  process.stderr.write(`[test] ${e.stack || e}\n`)
  process.exit(1)
})
