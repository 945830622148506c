import { model } from "@medusajs/framework/utils"

/**
 * The stored result of reconciling one Moscow calendar day (docs/fiscal-rules.md,
 * "Reconciliation"; docs/architecture.md, "Reconciliation runs"): what Medusa moved, what
 * the receipts registered, what is at risk, and how many findings of each kind. A run
 * replaces the row of each day it reconciles, with that day's findings
 * (`fiscal_reconciliation_finding`). Money is in integer kopecks.
 */
export const FiscalReconciliationDay = model
  .define("fiscal_reconciliation_day", {
    // Primary key, e.g. frd_01J…
    id: model.id({ prefix: "frd" }).primaryKey(),
    // The Moscow day, YYYY-MM-DD; one row per day.
    day: model.text(),
    // Kopecks Medusa captured that day.
    captured: model.bigNumber(),
    // Kopecks Medusa refunded that day.
    refunded: model.bigNumber(),
    // Kopecks registered by done sale receipts for that day's captures.
    registered_in: model.bigNumber(),
    // Kopecks registered by done refund receipts for that day's refunds.
    registered_out: model.bigNumber(),
    // Kopecks of that day's findings, added up.
    at_risk: model.bigNumber(),
    // Findings of that day per kind (every kind of FINDING_KINDS, 0 when none).
    findings: model.json(),
    // When the day was last reconciled.
    checked_at: model.dateTime(),
  })
  .indexes([
    {
      name: "IDX_fiscal_reconciliation_day_day_unique",
      on: ["day"],
      unique: true,
    },
  ])
