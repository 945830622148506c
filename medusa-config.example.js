// A complete medusa-fiscal entry for a Medusa 2.21 application's medusa-config.js.
// Every option is shown; only `providers`, `provider` and `company` are needed to start.
// Anything here can also be changed in the admin (Settings → Fiscalization), and what the
// admin saves wins over these values.
const { loadEnv, defineConfig } = require("@medusajs/framework/utils")

loadEnv(process.env.NODE_ENV || "development", process.cwd())

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS,
      adminCors: process.env.ADMIN_CORS,
      authCors: process.env.AUTH_CORS,
      jwtSecret: process.env.JWT_SECRET,
      cookieSecret: process.env.COOKIE_SECRET,
    },
  },
  plugins: [
    {
      resolve: "medusa-fiscal",
      options: {
        // issue receipts at all
        enabled: true,
        // the cash-register services, as Medusa module providers: `resolve` is the package,
        // `id` names the connection (receipts, callback URLs), `options` its settings; keep
        // credentials in the environment. Another package's provider is listed the same way.
        providers: [
          {
            resolve: "medusa-fiscal/providers/atol",
            id: "atol",
            options: {
              api_version: 5, // 5 = ФФД 1.2, 4 = ФФД 1.05
              login: process.env.ATOL_LOGIN,
              password: process.env.ATOL_PASSWORD,
              group: process.env.ATOL_GROUP,
              host: "production", // or "test" (testonline.atol.ru)
              // base_url: "http://127.0.0.1:4010", // the emulator, instead of host
              kassa_count: 1, // cash registers in the group: ATOL allows 1 status request/s each
              timeout_ms: 15000,
            },
          },
          // { resolve: "medusa-fiscal/providers/modulkassa", id: "modulkassa", options: { … } },
        ],
        // the provider id used for new receipts (or `is_default: true` on its entry)
        provider: "atol",
        // the seller printed on every receipt
        company: {
          inn: process.env.SHOP_INN, // 10 or 12 digits, as registered in the cash register
          email: "shop@example.com",
          payment_address: "https://shop.example.com",
          sno: "osn", // osn | usn_income | usn_income_outcome | esn | patent
        },
        // receipt defaults; per-product overrides go to variant/product metadata (fiscal_vat, …)
        receipt: {
          goodsVat: "standard", // 20 % before 2026-01-01, 22 % after; or vat10, vat5, none, …
          shippingVat: "standard",
          paymentMethodMode: "full_payment", // or "prepayment" with a second receipt at shipment
          goodsPaymentObject: "commodity",
          shippingPaymentObject: "service",
          goodsMeasure: 0, // pieces
        },
        // when the sale receipt is issued: payment_captured (54-ФЗ: money received) or order_placed
        sell_trigger: "payment_captured",
        refund_receipts: true,
        cancel_receipts: true,
        retry: {
          intervals_minutes: [1, 5, 15, 30, 60],
          max_attempts: 10,
          retry_daily: false,
        },
        status_checks: {
          interval_seconds: 30,
          max_checks: 120,
        },
        callback: {
          // this server's public URL; vendors post results to <base_url>/hooks/fiscal/<provider>/<secret>
          base_url: process.env.MEDUSA_BACKEND_URL,
          // secret: "at least 16 characters", // generated and stored when omitted
        },
        // 32 bytes (64 hex characters) that encrypt credentials saved in the admin
        encryption_key: process.env.FISCAL_ENCRYPTION_KEY,
        worker: {
          batch_size: 20,
          lease_seconds: 120,
        },
      },
    },
  ],
})
