#!/usr/bin/env node
// Plain JS so npm can link the command before the TypeScript is compiled into dist/.
const path = require("node:path")

const cli = path.join(__dirname, "..", "dist", "cli.js")
let entry
try {
  entry = require(cli)
} catch (error) {
  if (error.code === "MODULE_NOT_FOUND" && error.message.includes(cli)) {
    process.stderr.write(
      `medusa-fiscal-emulator is not built yet: run \`npm run build\` in ${path.dirname(__dirname)}\n`
    )
    process.exit(1)
  }
  throw error
}
entry.main()
