/**
 * Shapes of `GET /admin/fiscal/reports`: what happened to the shop's receipts in a period
 * of Moscow days (docs/architecture.md, "Reports and alerts"). The same report is what the
 * scheduled email carries, what the admin page shows and what `medusa-fiscal report`
 * prints. Money is in integer kopecks; days are Moscow calendar days written `YYYY-MM-DD`.
 */
import type {
  ReceiptErrorKind,
  ReceiptReason,
  ReceiptStatus,
  ReceiptType,
  TextLanguage,
} from "../lists"

/** The named periods a report can be asked for; any other is a `from`–`to` range. */
export const REPORT_PRESETS = ["today", "yesterday", "week"] as const

/** A named period; see {@link REPORT_PRESETS}. `week` is the last seven days up to yesterday. */
export type ReportPreset = (typeof REPORT_PRESETS)[number]

/** How many receipts and how many kopecks. */
export type ReportAmount = {
  count: number
  /** Kopecks; receipts whose document was never built count 0. */
  total: number
}

/** One receipt a person has to act on. */
export type ReportProblem = {
  receipt_id: string
  order_id: string
  /** The order's number as the admin shows it; null when not known. */
  order_display_id: number | string | null
  type: ReceiptType
  reason: ReceiptReason
  status: ReceiptStatus
  needs_attention: boolean
  /** Kopecks; null when the document was never built. */
  total: number | null
  error_code: string | null
  /** The receipt's own message: what went wrong and what to do. */
  error_message: string | null
  error_kind: ReceiptErrorKind | null
  provider_id: string
  /** ISO date-time the receipt was recorded. */
  created_at: string
  /** ISO date-time of its last change. */
  updated_at: string
}

/** The receipts of one status and one type. */
export type ReportCell = ReportAmount & {
  status: ReceiptStatus
  type: ReceiptType
}

/** Money Medusa moved without a registered receipt, from the stored reconciliation. */
export type ReportUnreceipted = {
  /** The Moscow day of the movement. */
  day: string
  order_id: string
  order_display_id: number | string | null
  movement: { kind: "capture" | "refund"; id: string } | null
  /** Kopecks without a receipt. */
  amount: number
}

/**
 * The report of a period. Receipts count in the period they were recorded in
 * (`created_at`, Moscow time).
 */
export type FiscalReport = {
  period: {
    /** First Moscow day, inclusive. */
    from: string
    /** Last Moscow day, inclusive. */
    to: string
    /** The named period it was asked as, when it was. */
    preset: ReportPreset | null
  }
  /** ISO date-time the report was made. */
  generated_at: string
  /** Every receipt of the period. */
  totals: ReportAmount
  /** Per status, every status present (0 when none). */
  by_status: Record<ReceiptStatus, ReportAmount>
  /** Per type, every type present (0 when none). */
  by_type: Record<ReceiptType, ReportAmount>
  /**
   * Per status and type, only the pairs that have receipts, in the order of
   * `RECEIPT_STATUSES` then `RECEIPT_TYPES`: the rows of the report's table and CSV.
   */
  by_status_type: ReportCell[]
  /** Per type, only the `done` receipts: what was registered. */
  registered_by_type: Record<ReceiptType, ReportAmount>
  /**
   * Every receipt of the period that is `failed` or `invalid` or flagged `needs_attention`,
   * oldest first, at most `REPORT_LIMITS.problems` (the rest are counted in `problems_count`).
   */
  problems: ReportProblem[]
  /** All such receipts of the period. */
  problems_count: number
  /** Such receipts recorded before the period that still wait for a person. */
  earlier_problems_count: number
  /**
   * Money without a receipt in the period's days, from the last reconciliation runs, at most
   * `REPORT_LIMITS.unreceipted` rows.
   */
  unreceipted: ReportUnreceipted[]
  /** All such findings of the period. */
  unreceipted_count: number
  /** Their kopecks added up. */
  unreceipted_total: number
  /** Days of the period no reconciliation run has stored yet (today is usually one). */
  unreconciled_days: string[]
}

/** Query of `GET /admin/fiscal/reports`: a preset or a range, and the answer's format. */
export type AdminFiscalReportQuery = {
  period?: ReportPreset
  from?: string
  to?: string
  /**
   * `json` (default) or `csv` (a file: one row per status × type, then the problems, then
   * the money without a receipt).
   */
  format?: "json" | "csv"
  /** The language of the CSV's headers and labels; `ru` by default. */
  language?: TextLanguage
}

/** What `GET /admin/fiscal/reports` answers with `format=json`. */
export type AdminFiscalReportResponse = { report: FiscalReport }
