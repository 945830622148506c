import type { ReceiptBasis } from "../receipt/types"
import type {
  ReceiptReason,
  ReceiptStatus,
  ReceiptType,
} from "../../types/lists"

/**
 * What the reconciliation compares and what it reports (docs/fiscal-rules.md,
 * "Reconciliation"). All money is in integer kopecks; a day is a Moscow calendar day
 * written `YYYY-MM-DD`.
 */

/**
 * How many days the admin reads and runs at once: a year of stored results, a quarter
 * reconciled now; the page and `GET` open on the last 30 days.
 */
export const RECONCILIATION_LIMITS = {
  maxReadDays: 366,
  maxRunDays: 92,
  defaultReadDays: 30,
} as const

/** The days reconciled: Moscow calendar days `from` to `to`, both included. */
export type ReconciliationPeriod = { from: string; to: string }

/** One Medusa money movement: a capture (money in) or a refund (money out). */
export type MoneyMovement = {
  /** Medusa's capture or refund id. */
  id: string
  order_id: string
  /** The order's number as the admin shows it. */
  order_display_id?: number | string
  /** Kopecks moved, positive. */
  amount: number
  /** When Medusa recorded the movement. */
  created_at: Date | string
}

/**
 * Medusa's movements of the orders the receipts touch. Pass every capture and refund of
 * those orders, also those outside the period: a receipt whose movement is not in the
 * lists counts as one whose money Medusa no longer has. Findings about missing receipts
 * are made for the period's movements only.
 */
export type MedusaMovements = {
  captures: ReadonlyArray<MoneyMovement>
  refunds: ReadonlyArray<MoneyMovement>
}

/** The columns of a `fiscal_receipt` row the reconciliation reads. */
export type ReceiptRow = {
  id: string
  order_id: string
  source_key: string
  type: ReceiptType
  reason: ReceiptReason
  status: ReceiptStatus
  /** Receipt total in kopecks (offsets included), null until built. */
  total: number | null
  capture_id: string | null
  refund_id: string | null
  fulfillment_id: string | null
  registered_at: Date | string | null
  created_at: Date | string
  needs_attention: boolean
  /** The frozen document's basis, null until built (or for rows built before it existed). */
  basis: ReceiptBasis | null
  /**
   * The receipt this one follows; for a take-back correction (`reversal:<receipt id>`) the
   * receipt it takes back.
   */
  parent_id?: string | null
}

/** Tunable limits; every one has a default. */
export type ReconciliationOptions = {
  /**
   * A receipt not `done` this many minutes after its movement is stuck (default 60).
   */
  stuckAfterMinutes?: number
  /**
   * A movement younger than this many minutes is not yet reported as having no receipt:
   * the subscriber or the sweep job is still recording it (default 15).
   */
  graceMinutes?: number
}

/** Everything {@link reconcile} reads. */
export type ReconciliationInput = {
  period: ReconciliationPeriod
  movements: MedusaMovements
  receipts: ReadonlyArray<ReceiptRow>
  /** The moment of the reconciliation: today's Moscow day and the clocks count from it. */
  now: Date
  options?: ReconciliationOptions
}

/** The kinds of findings; see docs/fiscal-rules.md, "Reconciliation". */
export const FINDING_KINDS = [
  "money_without_receipt",
  "receipt_without_money",
  "amount_differs",
  "stuck_or_failed",
] as const

/** The kind of a finding; see {@link FINDING_KINDS}. */
export type FindingKind = (typeof FINDING_KINDS)[number]

/**
 * What the accountant does about a finding:
 * - `issue_receipt`: issue the missing receipt now ("Send to KKM"), the same day as the money;
 * - `issue_correction`: a correction receipt (the day of the settlement has passed, or the
 *   registered amount is wrong);
 * - `refund_duplicate`: a refund receipt of the receipt that registered money twice or
 *   money that is not there;
 * - `fix_and_send`: fix the cause shown on the receipt and send it again.
 */
export const REMEDIES = [
  "issue_receipt",
  "issue_correction",
  "refund_duplicate",
  "fix_and_send",
] as const

/** The remedy of a finding; see {@link REMEDIES}. */
export type Remedy = (typeof REMEDIES)[number]

/** One thing the accountant acts on. */
export type Finding = {
  kind: FindingKind
  /** The Moscow day the finding belongs to: its movement's, else the receipt's. */
  day: string
  order_id: string
  order_display_id?: number | string
  /** The Medusa movement, when there is one. */
  movement?: { kind: "capture" | "refund"; id: string }
  /** The receipts concerned (the duplicate, the wrong or stuck one). */
  receipt_ids: string[]
  /** Kopecks at risk. */
  amount: number
  remedy: Remedy
}

/** The money of one Moscow day. */
export type DayTotals = {
  day: string
  /** Kopecks Medusa captured that day. */
  captured: number
  /** Kopecks Medusa refunded that day. */
  refunded: number
  /** Kopecks registered by done sale receipts for that day's captures. */
  registered_in: number
  /** Kopecks registered by done refund receipts for that day's refunds. */
  registered_out: number
  /** Σ amounts of that day's findings. */
  at_risk: number
}

/** The period's totals and how many findings of each kind. */
export type ReconciliationSummary = Omit<DayTotals, "day"> & {
  period: ReconciliationPeriod
  findings: Record<FindingKind, number>
}

/** What {@link reconcile} returns. */
export type ReconciliationReport = {
  days: DayTotals[]
  findings: Finding[]
  summary: ReconciliationSummary
}
