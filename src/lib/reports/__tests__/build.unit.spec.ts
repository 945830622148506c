import { REPORT_LIMITS } from "../limits"
import { NOW, problem, report } from "./fixture"

describe("buildFiscalReport", () => {
  it("adds the groups up per status, per type and registered per type", () => {
    const r = report()
    expect(r.totals).toEqual({ count: 14, total: 2240000 })
    expect(r.by_status.done).toEqual({ count: 11, total: 2090000 })
    expect(r.by_status.failed).toEqual({ count: 1, total: 150000 })
    expect(r.by_status.canceled).toEqual({ count: 0, total: 0 })
    expect(r.by_type.sell).toEqual({ count: 13, total: 2150000 })
    expect(r.registered_by_type).toEqual({
      sell: { count: 10, total: 2000000 },
      sell_refund: { count: 1, total: 90000 },
      sell_correction: { count: 0, total: 0 },
      sell_refund_correction: { count: 0, total: 0 },
    })
    expect(r.generated_at).toBe(NOW.toISOString())
  })

  it("lists the status × type pairs in the lists' order, the same pair added once", () => {
    const r = report({
      groups: [
        { status: "failed", type: "sell", count: 1, total: 100 },
        { status: "done", type: "sell_refund", count: 2, total: 300 },
        { status: "done", type: "sell", count: 3, total: 500 },
        { status: "done", type: "sell", count: 1, total: 50 },
        { status: "canceled", type: "sell", count: 0, total: 0 },
      ],
    })
    expect(r.by_status_type).toEqual([
      { status: "done", type: "sell", count: 4, total: 550 },
      { status: "done", type: "sell_refund", count: 2, total: 300 },
      { status: "failed", type: "sell", count: 1, total: 100 },
    ])
  })

  it("cuts the problem list at the limit and keeps the whole count", () => {
    const many = Array.from({ length: REPORT_LIMITS.problems + 3 }, (_, i) =>
      problem({ receipt_id: `frc_${i}` })
    )
    const r = report({ problems: many, problemsCount: many.length + 10 })
    expect(r.problems).toHaveLength(REPORT_LIMITS.problems)
    expect(r.problems[0].receipt_id).toBe("frc_0")
    expect(r.problems_count).toBe(REPORT_LIMITS.problems + 13)
  })

  it("says which days up to today no reconciliation stored", () => {
    const r = report({
      period: { from: "2026-11-30", to: "2026-12-06", preset: "week" },
      reconciledDays: ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-04"],
    })
    expect(r.unreconciled_days).toEqual([
      "2026-12-03",
      "2026-12-05",
      "2026-12-06",
    ])
    expect(r.period).toEqual({
      from: "2026-11-30",
      to: "2026-12-06",
      preset: "week",
    })
  })

  it("gives every status and type a zero when the period has no receipts", () => {
    const r = report({
      groups: [],
      problems: [],
      problemsCount: 0,
      unreceipted: [],
      unreceiptedCount: 0,
      unreceiptedTotal: 0,
    })
    expect(r.totals).toEqual({ count: 0, total: 0 })
    expect(Object.values(r.by_status).every((a) => a.count === 0)).toBe(true)
    expect(r.by_status_type).toEqual([])
    expect(r.earlier_problems_count).toBe(3)
  })
})
