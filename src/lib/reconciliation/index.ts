/**
 * Reconciliation: the money Medusa moved in a period against the receipts registered for
 * it, per Moscow day, with the findings an accountant acts on (docs/fiscal-rules.md,
 * "Reconciliation"). Pure code: no database, no Medusa.
 */
export {
  reconcile,
  DEFAULT_GRACE_MINUTES,
  DEFAULT_STUCK_AFTER_MINUTES,
} from "./reconcile"
export { moscowDay, daysBetween } from "../moscow-day"
export {
  FINDING_KINDS,
  REMEDIES,
  type DayTotals,
  type Finding,
  type FindingKind,
  type MedusaMovements,
  type MoneyMovement,
  type ReceiptRow,
  type ReconciliationInput,
  type ReconciliationOptions,
  type ReconciliationPeriod,
  type ReconciliationReport,
  type ReconciliationSummary,
  type Remedy,
} from "./types"
