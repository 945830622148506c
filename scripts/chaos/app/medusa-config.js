// The host application of `npm run chaos`: a bare Medusa store with the built plugin, the
// plugin options from FISCAL_CHAOS_OPTIONS (written by scripts/chaos/run.js).
const path = require("node:path")
const { defineConfig } = require("@medusajs/framework/utils")

// Every process of a run (the app, the workers, `medusa exec`) ends itself once the run that
// started it is gone, even when that run was killed too abruptly to stop them.
const parent = Number(process.env.CHAOS_PARENT_PID)
if (parent && !global.__chaosOrphanGuard) {
  global.__chaosOrphanGuard = setInterval(() => {
    try {
      process.kill(parent, 0)
    } catch {
      process.exit(1)
    }
  }, 2_000).unref()
}

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      jwtSecret: "chaos-jwt-secret",
      cookieSecret: "chaos-cookie-secret",
      storeCors: "*",
      adminCors: "*",
      authCors: "*",
    },
  },
  admin: { disable: true },
  // The order creator runs without the plugin: its `medusa exec` would otherwise run the
  // plugin's subscribers itself (the local event bus delivers in every process) and write
  // the receipts there; the run delivers the events to the app instead.
  plugins:
    process.env.CHAOS_WITHOUT_PLUGIN === "1"
      ? []
      : [
          {
            // the run's copy of the build (scripts/chaos/plugin.js), else the project itself
            resolve:
              process.env.CHAOS_PLUGIN_DIR ||
              path.resolve(__dirname, "../../.."),
            options: JSON.parse(process.env.FISCAL_CHAOS_OPTIONS || "{}"),
          },
        ],
})
