import { model } from "@medusajs/framework/utils"
import { FINDING_KINDS, REMEDIES } from "../../../lib/reconciliation/types"

/**
 * One thing the accountant acts on, as the last reconciliation of its day found it
 * (docs/fiscal-rules.md, "Reconciliation"). The rows of a day are replaced whenever the
 * day is reconciled again. Money is in integer kopecks.
 */
export const FiscalReconciliationFinding = model.define(
  "fiscal_reconciliation_finding",
  {
    // Primary key, e.g. frf_01J…
    id: model.id({ prefix: "frf" }).primaryKey(),
    // The Moscow day (YYYY-MM-DD) the finding belongs to: its movement's, else the receipt's.
    day: model.text().index("IDX_fiscal_reconciliation_finding_day"),
    // What was found (FINDING_KINDS).
    kind: model.enum([...FINDING_KINDS]),
    // Medusa order concerned.
    order_id: model.text().index("IDX_fiscal_reconciliation_finding_order_id"),
    // The order's number as the admin shows it, when known.
    order_display_id: model.text().nullable(),
    // Kind of the Medusa movement concerned (capture or refund), when there is one.
    movement_kind: model.enum(["capture", "refund"]).nullable(),
    // Medusa's capture or refund id, when there is one.
    movement_id: model.text().nullable(),
    // The receipts concerned (fiscal_receipt ids): the duplicate, the wrong or stuck one.
    receipt_ids: model.json(),
    // Kopecks at risk.
    amount: model.bigNumber(),
    // What the accountant does about it (REMEDIES).
    remedy: model.enum([...REMEDIES]),
  }
)
