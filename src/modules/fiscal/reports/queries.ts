import type {
  ReceiptErrorKind,
  ReceiptReason,
  ReceiptStatus,
  ReceiptType,
} from "../../../types/lists"
import type { ReportProblem } from "../../../types/http/reports"
import { RECEIPT_NEEDS_A_PERSON, type SqlExecutor } from "../sql"

/**
 * The statements a fiscal report reads (docs/architecture.md, "Reports and alerts"): the
 * receipts counted and summed in SQL per status and type, the problem receipts (at most a
 * page), and the stored reconciliation of the period's days. A period of a million
 * receipts comes back as a few dozen rows. Money in integer kopecks.
 */

/** What a report reads: receipts recorded in [start, end), findings of the days from–to. */
export type ReportReadInput = {
  start: Date
  end: Date
  fromDay: string
  toDay: string
  /** Rows of each list to read. */
  limits: { problems: number; unreceipted: number }
}

/** A receipt that needs a person, as stored: the report's row without the order's number. */
export type ReportProblemRow = Omit<ReportProblem, "order_display_id">

/** A stored finding of money without a receipt. */
export type ReportUnreceiptedRow = {
  day: string
  order_id: string
  order_display_id: string | null
  movement_kind: "capture" | "refund" | null
  movement_id: string | null
  amount: number
}

/** Everything a report reads, grouped and cut. */
export type ReportReadRows = {
  groups: {
    status: ReceiptStatus
    type: ReceiptType
    count: number
    total: number
  }[]
  problems: ReportProblemRow[]
  problemsCount: number
  earlierProblemsCount: number
  unreceipted: ReportUnreceiptedRow[]
  unreceiptedCount: number
  unreceiptedTotal: number
  reconciledDays: string[]
}

/** A numeric column or sum as a number of kopecks (they are whole; a sum fits a double up to 2^53). */
function kopecks(value: unknown): number {
  const n = Number(value ?? 0)
  return Number.isFinite(n) ? Math.round(n) : 0
}

function iso(value: unknown): string {
  return new Date(value as string | Date).toISOString()
}

/** Reads the rows of a report in six statements, none returning more than a page. */
export async function readReportRows(
  sql: SqlExecutor,
  input: ReportReadInput
): Promise<ReportReadRows> {
  const start = input.start.toISOString()
  const end = input.end.toISOString()
  const [groups, problems, problemCounts, unreceipted, unreceiptedSum, days] =
    await Promise.all([
      sql.execute(
        `SELECT status, type, COUNT(*)::int AS count, COALESCE(SUM(total), 0)::text AS total
           FROM fiscal_receipt
          WHERE deleted_at IS NULL AND created_at >= ? AND created_at < ?
          GROUP BY status, type`,
        [start, end]
      ),
      sql.execute(
        `SELECT id, order_id, type, reason, status, needs_attention, total::text AS total,
                error_code, error_message, error_kind, provider_id, created_at, updated_at
           FROM fiscal_receipt
          WHERE deleted_at IS NULL AND created_at >= ? AND created_at < ? AND ${RECEIPT_NEEDS_A_PERSON}
          ORDER BY created_at ASC, id ASC
          LIMIT ?`,
        [start, end, input.limits.problems]
      ),
      sql.execute(
        `SELECT COUNT(*) FILTER (WHERE created_at >= ?)::int AS in_period,
                COUNT(*) FILTER (WHERE created_at < ?)::int AS earlier
           FROM fiscal_receipt
          WHERE deleted_at IS NULL AND created_at < ? AND ${RECEIPT_NEEDS_A_PERSON}`,
        [start, start, end]
      ),
      sql.execute(
        `SELECT day, order_id, order_display_id, movement_kind, movement_id, amount::text AS amount
           FROM fiscal_reconciliation_finding
          WHERE deleted_at IS NULL AND kind = 'money_without_receipt' AND day >= ? AND day <= ?
          ORDER BY day ASC, order_id ASC, id ASC
          LIMIT ?`,
        [input.fromDay, input.toDay, input.limits.unreceipted]
      ),
      sql.execute(
        `SELECT COUNT(*)::int AS count, COALESCE(SUM(amount), 0)::text AS total
           FROM fiscal_reconciliation_finding
          WHERE deleted_at IS NULL AND kind = 'money_without_receipt' AND day >= ? AND day <= ?`,
        [input.fromDay, input.toDay]
      ),
      sql.execute(
        `SELECT day FROM fiscal_reconciliation_day
          WHERE deleted_at IS NULL AND day >= ? AND day <= ?`,
        [input.fromDay, input.toDay]
      ),
    ])
  return {
    groups: groups.map((g) => ({
      status: g.status as ReceiptStatus,
      type: g.type as ReceiptType,
      count: Number(g.count),
      total: kopecks(g.total),
    })),
    problems: problems.map((r) => ({
      receipt_id: r.id as string,
      order_id: r.order_id as string,
      type: r.type as ReceiptType,
      reason: r.reason as ReceiptReason,
      status: r.status as ReceiptStatus,
      needs_attention: Boolean(r.needs_attention),
      total:
        r.total === null || r.total === undefined ? null : kopecks(r.total),
      error_code: (r.error_code as string | null) ?? null,
      error_message: (r.error_message as string | null) ?? null,
      error_kind: (r.error_kind as ReceiptErrorKind | null) ?? null,
      provider_id: r.provider_id as string,
      created_at: iso(r.created_at),
      updated_at: iso(r.updated_at),
    })),
    problemsCount: Number(problemCounts[0]?.in_period ?? 0),
    earlierProblemsCount: Number(problemCounts[0]?.earlier ?? 0),
    unreceipted: unreceipted.map((u) => ({
      day: u.day as string,
      order_id: u.order_id as string,
      order_display_id: (u.order_display_id as string | null) ?? null,
      movement_kind: (u.movement_kind as "capture" | "refund" | null) ?? null,
      movement_id: (u.movement_id as string | null) ?? null,
      amount: kopecks(u.amount),
    })),
    unreceiptedCount: Number(unreceiptedSum[0]?.count ?? 0),
    unreceiptedTotal: kopecks(unreceiptedSum[0]?.total),
    reconciledDays: days.map((d) => d.day as string),
  }
}
