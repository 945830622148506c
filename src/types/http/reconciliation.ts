/**
 * Shapes of `GET` and `POST /admin/fiscal/reconciliation`: the stored results of the daily
 * reconciliation (docs/fiscal-rules.md, "Reconciliation"; docs/architecture.md,
 * "Reconciliation runs"). Money is in integer kopecks; days are Moscow calendar days
 * written `YYYY-MM-DD`. `D` is how date-times travel; see {@link DateTimeValue}.
 */
import type {
  FindingKind,
  ReconciliationPeriod,
  Remedy,
} from "../../lib/reconciliation/types"
import type { DateTimeValue } from "./json"

/** The money of a period or of one day, and its findings per kind (every kind present). */
export type AdminReconciliationTotals = {
  /** Kopecks Medusa captured. */
  captured: number
  /** Kopecks Medusa refunded. */
  refunded: number
  /** Kopecks registered by done sale receipts for those captures. */
  registered_in: number
  /** Kopecks registered by done refund receipts for those refunds. */
  registered_out: number
  /** Kopecks of the findings, added up. */
  at_risk: number
  /** Findings per kind, 0 when none. */
  findings: Record<FindingKind, number>
}

/** One reconciled Moscow day as stored by its last run. */
export type AdminReconciliationDay<D extends DateTimeValue = string> =
  AdminReconciliationTotals & {
    day: string
    /** When the day was last reconciled. */
    checked_at: D
  }

/** One stored finding. */
export type AdminReconciliationFinding = {
  id: string
  /** The Moscow day it belongs to: its movement's, else the receipt's. */
  day: string
  kind: FindingKind
  order_id: string
  /** The order's number as the admin shows it; null when not known. */
  order_display_id: number | string | null
  /** The Medusa capture or refund concerned, when there is one. */
  movement: { kind: "capture" | "refund"; id: string } | null
  /** The receipts concerned (`fiscal_receipt` ids). */
  receipt_ids: string[]
  /** Kopecks at risk. */
  amount: number
  remedy: Remedy
}

/**
 * What `GET /admin/fiscal/reconciliation` answers (and `POST`, for the range it ran):
 * the stored days of the range, their totals and a page of findings.
 */
export type AdminReconciliationResponse<D extends DateTimeValue = string> = {
  period: ReconciliationPeriod
  /** The stored days of the range added up; findings counted per kind, whatever `kind` filters. */
  summary: AdminReconciliationTotals
  /** The stored days of the range, oldest first. */
  days: AdminReconciliationDay<D>[]
  /** A page of findings (of `kind`, when given), by day, kind and order. */
  findings: AdminReconciliationFinding[]
  /** Findings matching the filters, all pages. */
  count: number
  offset: number
  limit: number
  /** The oldest `checked_at` among the stored days of the range; null when none is stored. */
  checked_at: D | null
  /** Days of the range, up to today (Moscow), that have no stored result. */
  unchecked_days: string[]
}

/** Body of `POST /admin/fiscal/reconciliation`: the days to reconcile now. */
export type AdminRunReconciliationBody = ReconciliationPeriod
