import type { ReportProblem } from "../../../types/http/reports"
import { buildFiscalReport, type ReportRows } from "../build"

/** Test builders: a problem receipt and a report of a few rows, with sensible defaults. */

export const NOW = new Date("2026-12-07T11:00:00Z") // 14:00 in Moscow, 7 December

export function problem(patch: Partial<ReportProblem> = {}): ReportProblem {
  return {
    receipt_id: "frc_1",
    order_id: "order_1",
    order_display_id: 12,
    type: "sell",
    reason: "payment",
    status: "failed",
    needs_attention: true,
    total: 150000,
    error_code: "E32",
    error_message: "Wrong INN",
    error_kind: "vendor_failed",
    provider_id: "atol",
    created_at: "2026-12-07T07:30:00.000Z",
    updated_at: "2026-12-07T07:31:00.000Z",
    ...patch,
  }
}

export function rows(patch: Partial<ReportRows> = {}): ReportRows {
  return {
    period: { from: "2026-12-07", to: "2026-12-07", preset: "today" },
    now: NOW,
    groups: [
      { status: "done", type: "sell", count: 10, total: 2000000 },
      { status: "done", type: "sell_refund", count: 1, total: 90000 },
      { status: "failed", type: "sell", count: 1, total: 150000 },
      { status: "pending", type: "sell", count: 2, total: 0 },
    ],
    problems: [problem()],
    problemsCount: 1,
    earlierProblemsCount: 3,
    unreceipted: [
      {
        day: "2026-12-07",
        order_id: "order_2",
        order_display_id: 13,
        movement: { kind: "capture", id: "capt_1" },
        amount: 50000,
      },
    ],
    unreceiptedCount: 1,
    unreceiptedTotal: 50000,
    reconciledDays: [],
    ...patch,
  }
}

export const report = (patch: Partial<ReportRows> = {}) =>
  buildFiscalReport(rows(patch))
