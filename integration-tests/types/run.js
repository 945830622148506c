#!/usr/bin/env node
/**
 * `npm run test:types`: compiles consumer.ts under --strict against the entry points as a
 * shop resolves them — medusa-fiscal through its own `exports` (the built
 * .medusa/server with its declarations), medusa-fiscal-emulator through its package.json.
 * `npm run pack:check` separately checks that those declarations are in the tarball.
 */
const { spawnSync } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")

const root = path.resolve(__dirname, "../..")
const built = [
  ".medusa/server/src/lib/receipt/index.js",
  "packages/emulators/dist/index.js",
]
const missing = built.filter((f) => !fs.existsSync(path.join(root, f)))
if (missing.length) {
  process.stderr.write(
    `[types] not built: ${missing.join(", ")}; run \`npm run build\` (and \`npm run build --workspace medusa-fiscal-emulator\`) first\n`
  )
  process.exit(1)
}
const res = spawnSync(
  "npx",
  ["tsc", "-p", path.join(__dirname, "tsconfig.json")],
  { cwd: root, stdio: "inherit" }
)
if (res.status === 0) {
  process.stdout.write("[types] the consumer compiles under --strict\n")
}
process.exit(res.status ?? 1)
