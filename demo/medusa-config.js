// The demo store: a real Medusa 2.21 application with medusa-fiscal installed from its
// packed tarball. `npm run demo` (demo/run.js) sets the environment this file reads.
const { defineConfig } = require("@medusajs/framework/utils")

const env = (name, fallback) => process.env[name] ?? fallback

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: env("DATABASE_URL"),
    http: {
      storeCors: env("STORE_CORS", "http://localhost:8000"),
      adminCors: env(
        "ADMIN_CORS",
        "http://localhost:9000,http://localhost:5173"
      ),
      authCors: env("AUTH_CORS", "http://localhost:9000,http://localhost:5173"),
      jwtSecret: env("JWT_SECRET", "medusa-fiscal-demo-jwt"),
      cookieSecret: env("COOKIE_SECRET", "medusa-fiscal-demo-cookie"),
    },
  },
  admin: {
    backendUrl: env("MEDUSA_BACKEND_URL", "http://localhost:9000"),
  },
  // Medusa's notification module with its local provider for the admin's feed and for
  // email: report and alert emails are written to the log (a shop puts its email provider
  // here, e.g. SendGrid or Resend, for the channel "email")
  modules: [
    {
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/notification-local",
            id: "local",
            options: {
              name: "Local notifications",
              channels: ["feed", "email"],
            },
          },
        ],
      },
    },
  ],
  plugins: [
    {
      resolve: "medusa-fiscal",
      options: JSON.parse(env("FISCAL_DEMO_OPTIONS", "{}")),
    },
  ],
})
