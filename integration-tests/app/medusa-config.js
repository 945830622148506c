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
  // Medusa's notification module: its local provider for the admin's feed, and for email a
  // provider that keeps what it is given for the suites to read
  modules: [
    {
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/notification-local",
            id: "local",
            options: { name: "Local notifications", channels: ["feed"] },
          },
          {
            resolve: path.resolve(
              __dirname,
              "../fixtures/recording-email-provider"
            ),
            id: "recording-email",
            options: { channels: ["email"] },
          },
        ],
      },
    },
  ],
  plugins: [
    {
      resolve: path.resolve(__dirname, "../.."),
      options: JSON.parse(process.env.FISCAL_TEST_OPTIONS || "{}"),
    },
  ],
})
