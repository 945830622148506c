import { model } from "@medusajs/framework/utils"
import { ALERT_STATES } from "../../../types/lists"

/**
 * One alert about a receipt that needs a person (docs/architecture.md, "Reports and
 * alerts"): recorded once per receipt, state and error (the unique index), delivered
 * to the admin's notification feed (and by email when the shop asked) together with the
 * others waiting at that moment, as one notice.
 */
export const FiscalAlert = model
  .define("fiscal_alert", {
    // Primary key, e.g. falert_01J…
    id: model.id({ prefix: "falert" }).primaryKey(),
    // The receipt (fiscal_receipt.id).
    receipt_id: model.text(),
    // Its order.
    order_id: model.text(),
    // What it is about (ALERT_STATES).
    state: model.enum([...ALERT_STATES]),
    // The receipt's error code then, "" when it had none: the same error again is not announced again.
    error_code: model.text().default(""),
    // The receipt's message then: what went wrong and what to do.
    error_message: model.text().nullable(),
    // When the notice carrying it was handed to the notification module; null while waiting.
    delivered_at: model.dateTime().nullable(),
  })
  .indexes([
    {
      name: "IDX_fiscal_alert_receipt_state_unique",
      on: ["receipt_id", "state", "error_code"],
      unique: true,
    },
    {
      name: "IDX_fiscal_alert_undelivered",
      on: ["created_at"],
      where: "delivered_at IS NULL",
    },
  ])
