import { model } from "@medusajs/framework/utils"

/**
 * What the shop edits in Settings → Fiscalization. One row per `key` (the store uses
 * `default`); a missing value falls back to the plugin options, then to built-in defaults.
 */
export const FiscalSettings = model
  .define("fiscal_settings", {
    // Primary key, e.g. fset_01J…
    id: model.id({ prefix: "fset" }).primaryKey(),
    // Which settings set this is; `default` for the store.
    key: model.text().default("default"),
    // Whether receipts are issued at all.
    enabled: model.boolean().nullable(),
    // Provider identifier, e.g. atol.
    provider_id: model.text().nullable(),
    // Provider connection settings without secrets (API version, login, group, host…).
    provider_config: model.json().nullable(),
    // Provider secrets (passwords, keys), AES-256-GCM encrypted; never returned by any API.
    credentials_encrypted: model.text().nullable(),
    // Seller's ИНН (10 or 12 digits).
    company_inn: model.text().nullable(),
    // Seller's email (tag 1117).
    company_email: model.text().nullable(),
    // Place of settlement, the shop URL (tag 1187).
    company_payment_address: model.text().nullable(),
    // Taxation system (tag 1055).
    company_sno: model.text().nullable(),
    // Receipt defaults: VAT of goods and shipping, payment object, measure, payment method mode.
    receipt_defaults: model.json().nullable(),
    // When a sell receipt is issued: payment_captured or order_placed.
    sell_trigger: model.text().nullable(),
    // Whether refunds get refund receipts.
    refund_receipts: model.boolean().nullable(),
    // Whether cancellations get refund receipts.
    cancel_receipts: model.boolean().nullable(),
    // Minutes between registration retries, e.g. [1, 5, 15, 30, 60].
    retry_intervals: model.json().nullable(),
    // Registration attempts before the receipt is flagged.
    max_attempts: model.number().nullable(),
    // After the attempts run out, keep retrying once a day.
    retry_daily: model.boolean().nullable(),
    // Status checks before a waiting receipt is flagged.
    max_status_checks: model.number().nullable(),
    // Reports and alerts: recipients, the daily and weekly report emails, alert emails, language (NotificationSettings).
    notifications: model.json().nullable(),
    // Secret that vendor callbacks must carry; shown in the admin for copying.
    callback_secret: model.text().nullable(),
  })
  .indexes([
    { name: "IDX_fiscal_settings_key_unique", on: ["key"], unique: true },
  ])
