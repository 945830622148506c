#!/usr/bin/env node
// The `medusa-fiscal` console (README, "Console commands"). It runs the built plugin
// (`medusa plugin:build` compiles src/cli to .medusa/server/src/cli), as the store does.
let cli
try {
  cli = require("../.medusa/server/src/cli")
} catch (e) {
  // only the build itself missing, not a module the build requires
  if (
    e &&
    e.code === "MODULE_NOT_FOUND" &&
    e.message.includes("'../.medusa/server/src/cli'")
  ) {
    // a git checkout of the plugin: the published package ships the build
    process.stderr.write(
      "medusa-fiscal is not built here: run `npx medusa plugin:build` in the plugin's folder first.\n"
    )
    process.exit(8) // EXIT.notBuilt, src/cli/exit-codes.ts
  }
  throw e
}
cli.main()
