import {
  RECEIPT_STATUSES,
  RECEIPT_TYPES,
  type ReceiptStatus,
  type ReceiptType,
} from "../../types/lists"
import type {
  FiscalReport,
  ReportAmount,
  ReportCell,
  ReportProblem,
  ReportUnreceipted,
} from "../../types/http/reports"
import { REPORT_LIMITS } from "./limits"
import { daysNotStored, type ReportPeriod } from "./period"

/**
 * A fiscal report out of what the loader read (docs/architecture.md, "Reports and
 * alerts"). Pure: the counts come in already grouped, so a shop with a million receipts
 * hands over a few dozen rows.
 */

/** What the loader reads for a period. Money in kopecks. */
export type ReportRows = {
  period: ReportPeriod
  now: Date
  /** Receipts recorded in the period, counted and summed per status and type. */
  groups: ReadonlyArray<ReportCell>
  /** The period's receipts that need a person, oldest first (may hold more than the limit). */
  problems: ReadonlyArray<ReportProblem>
  problemsCount: number
  earlierProblemsCount: number
  /** Money without a receipt from the stored findings, oldest day first. */
  unreceipted: ReadonlyArray<ReportUnreceipted>
  unreceiptedCount: number
  unreceiptedTotal: number
  /** The period's days a reconciliation run has stored. */
  reconciledDays: Iterable<string>
}

const none = (): ReportAmount => ({ count: 0, total: 0 })

function perKey<K extends string>(
  keys: ReadonlyArray<K>
): Record<K, ReportAmount> {
  return Object.fromEntries(keys.map((k) => [k, none()])) as Record<
    K,
    ReportAmount
  >
}

function add(into: ReportAmount, cell: ReportAmount): void {
  into.count += cell.count
  into.total += cell.total
}

/** The order a status × type pair is listed in: the lists' order. */
function cellRank(cell: { status: ReceiptStatus; type: ReceiptType }): number {
  return (
    RECEIPT_STATUSES.indexOf(cell.status) * RECEIPT_TYPES.length +
    RECEIPT_TYPES.indexOf(cell.type)
  )
}

/** The report of the rows; lists cut at `REPORT_LIMITS`, counts and sums whole. */
export function buildFiscalReport(rows: ReportRows): FiscalReport {
  const totals = none()
  const by_status = perKey(RECEIPT_STATUSES)
  const by_type = perKey(RECEIPT_TYPES)
  const registered_by_type = perKey(RECEIPT_TYPES)
  // the same pair may come twice (rows of two reads): add them up
  const cells = new Map<string, ReportCell>()
  for (const g of rows.groups) {
    if (!(g.status in by_status) || !(g.type in by_type) || g.count <= 0) {
      continue
    }
    add(totals, g)
    add(by_status[g.status], g)
    add(by_type[g.type], g)
    if (g.status === "done") {
      add(registered_by_type[g.type], g)
    }
    const key = `${g.status}:${g.type}`
    const cell = cells.get(key)
    if (cell) {
      add(cell, g)
    } else {
      cells.set(key, {
        status: g.status,
        type: g.type,
        count: g.count,
        total: g.total,
      })
    }
  }
  return {
    period: { ...rows.period },
    generated_at: rows.now.toISOString(),
    totals,
    by_status,
    by_type,
    by_status_type: [...cells.values()].sort(
      (a, b) => cellRank(a) - cellRank(b)
    ),
    registered_by_type,
    problems: rows.problems.slice(0, REPORT_LIMITS.problems),
    problems_count: Math.max(rows.problemsCount, rows.problems.length),
    earlier_problems_count: rows.earlierProblemsCount,
    unreceipted: rows.unreceipted.slice(0, REPORT_LIMITS.unreceipted),
    unreceipted_count: Math.max(rows.unreceiptedCount, rows.unreceipted.length),
    unreceipted_total: rows.unreceiptedTotal,
    unreconciled_days: daysNotStored(
      rows.period,
      rows.reconciledDays,
      rows.now
    ),
  }
}
