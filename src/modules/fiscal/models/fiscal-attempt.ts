import { model } from "@medusajs/framework/utils"

/** Append-only log of every exchange with a vendor: the audit trail of a receipt. */
export const FiscalAttempt = model
  .define("fiscal_attempt", {
    // Primary key, e.g. fatt_01J…
    id: model.id({ prefix: "fatt" }).primaryKey(),
    // The fiscal_receipt the exchange was about; null for connection tests.
    receipt_id: model.text().nullable(),
    // Provider spoken to, e.g. atol.
    provider_id: model.text(),
    // What was asked: register, check, token, test_connection, callback.
    operation: model.text(),
    // External id and generation the exchange used.
    external_id: model.text().nullable(),
    generation: model.number().nullable(),
    // HTTP method and URL (no credentials in it).
    method: model.text().nullable(),
    url: model.text().nullable(),
    // Request body, secrets redacted.
    request: model.json().nullable(),
    // Response body as received.
    response: model.json().nullable(),
    // HTTP status, when a response arrived.
    http_status: model.number().nullable(),
    // Round-trip time in milliseconds.
    duration_ms: model.number().default(0),
    // What the exchange meant for the receipt: accepted, done, wait, failed, retryable, indeterminate, …
    outcome: model.text(),
    // Error text, when the exchange failed.
    error_message: model.text().nullable(),
  })
  .indexes([{ name: "IDX_fiscal_attempt_receipt_id", on: ["receipt_id"] }])
