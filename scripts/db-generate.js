#!/usr/bin/env node
/**
 * `npm run db:generate`: generates a migration of the fiscal module from its models
 * (`medusa plugin:db:generate`) against the machine's PostgreSQL, or an embedded one.
 * The generator reads the user from DB_USERNAME (a DATABASE_URL alone is not enough).
 * A rename comes out as drop-and-create: rewrite such a migration as a rename by hand.
 */
const { spawnSync } = require("node:child_process")
const path = require("node:path")
const { ensurePostgres } = require("./lib/postgres")

const root = path.resolve(__dirname, "..")

async function main() {
  const db = await ensurePostgres({
    dataDir: path.join(root, ".cache", "pg-test"),
    embeddedPort: 54329,
    log: (msg) => process.stdout.write(`[db:generate] ${msg}\n`),
  })
  try {
    const res = spawnSync("npx", ["medusa", "plugin:db:generate"], {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        DB_HOST: db.host,
        DB_PORT: String(db.port),
        DB_USERNAME: db.user,
        DB_PASSWORD: db.password,
      },
    })
    process.exitCode = res.status ?? 1
  } finally {
    await db.stop()
  }
}

main().catch((e) => {
  process.stderr.write(`[db:generate] ${e.stack || e}\n`)
  process.exit(1)
})
