// The host application of the HTTP suites: a bare Medusa store with the built plugin.
const path = require("node:path")
const { defineConfig } = require("@medusajs/framework/utils")

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      jwtSecret: "integration-jwt-secret",
      cookieSecret: "integration-cookie-secret",
      storeCors: "*",
      adminCors: "*",
      authCors: "*",
    },
  },
  admin: { disable: true },
  plugins: [
    {
      resolve: path.resolve(__dirname, "../.."),
      options: JSON.parse(process.env.FISCAL_TEST_OPTIONS || "{}"),
    },
  ],
})
