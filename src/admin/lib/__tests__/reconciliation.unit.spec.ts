import {
  addDays,
  canShow,
  dayRuns,
  daysInRange,
  daysWithFindings,
  findingsCount,
  isDay,
  moscowDay,
  presetRange,
  rangeProblem,
  remedyAction,
  type ReconciliationDay,
  type ReconciliationFinding,
} from "../reconciliation"

const finding = (
  over: Partial<ReconciliationFinding> = {}
): ReconciliationFinding => ({
  id: "f1",
  day: "2026-12-01",
  kind: "money_without_receipt",
  order_id: "order_1",
  order_display_id: 7,
  movement: { kind: "capture", id: "capt_1" },
  receipt_ids: [],
  amount: 129000,
  remedy: "issue_correction",
  ...over,
})

const NONE = {
  money_without_receipt: 0,
  receipt_without_money: 0,
  amount_differs: 0,
  stuck_or_failed: 0,
}

describe("reconciliation days and ranges", () => {
  it("reads the Moscow day of a moment (UTC+3)", () => {
    expect(moscowDay("2026-12-01T20:59:59Z")).toBe("2026-12-01")
    expect(moscowDay("2026-12-01T21:00:00Z")).toBe("2026-12-02")
  })

  it("knows real days, counts and moves them", () => {
    expect(isDay("2026-02-28")).toBe(true)
    expect(isDay("2026-02-30")).toBe(false)
    expect(isDay("2026-2-1")).toBe(false)
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28")
    expect(daysInRange("2026-12-01", "2026-12-01")).toBe(1)
    expect(daysInRange("2026-01-01", "2026-12-31")).toBe(365)
    expect(daysInRange("2026-12-02", "2026-12-01")).toBe(0)
  })

  it("gives the presets from Moscow's today", () => {
    expect(presetRange("thisMonth", "2026-12-07")).toEqual({
      from: "2026-12-01",
      to: "2026-12-07",
    })
    expect(presetRange("lastMonth", "2026-03-15")).toEqual({
      from: "2026-02-01",
      to: "2026-02-28",
    })
    expect(presetRange("lastMonth", "2026-01-10")).toEqual({
      from: "2025-12-01",
      to: "2025-12-31",
    })
    const last30 = presetRange("last30", "2026-12-07")
    expect(last30).toEqual({ from: "2026-11-08", to: "2026-12-07" })
    expect(daysInRange(last30.from, last30.to)).toBe(30)
  })

  it("shows up to 366 days and checks up to 92", () => {
    const today = "2026-12-07"
    expect(rangeProblem({ from: "2026-11-01", to: today }, today)).toBeNull()
    expect(rangeProblem({ from: "2026-09-06", to: "2026-12-06" }, today)).toBe(
      null
    )
    const long = { from: "2026-09-05", to: "2026-12-06" }
    expect(daysInRange(long.from, long.to)).toBe(93)
    expect(rangeProblem(long, today)).toBe("tooLongToCheck")
    expect(canShow(rangeProblem(long, today))).toBe(true)
    const year = { from: "2025-12-06", to: "2026-12-06" }
    expect(rangeProblem(year, today)).toBe("tooLongToCheck")
    const tooLong = { from: "2025-12-05", to: "2026-12-06" }
    expect(rangeProblem(tooLong, today)).toBe("tooLong")
    expect(canShow("tooLong")).toBe(false)
    expect(rangeProblem({ from: "2026-12-05", to: "2026-12-01" }, today)).toBe(
      "reversed"
    )
    expect(rangeProblem({ from: "2026-12-08", to: "2026-12-09" }, today)).toBe(
      "future"
    )
    expect(rangeProblem({ from: "", to: today }, today)).toBe("invalid")
  })

  it("joins unchecked days into runs", () => {
    expect(
      dayRuns(["2026-12-05", "2026-12-01", "2026-12-02", "2026-12-02"])
    ).toEqual([
      { from: "2026-12-01", to: "2026-12-02" },
      { from: "2026-12-05", to: "2026-12-05" },
    ])
    expect(dayRuns([])).toEqual([])
  })

  it("keeps the days with findings and counts them", () => {
    const day = (d: string, over: Partial<ReconciliationDay> = {}) => ({
      day: d,
      captured: 0,
      refunded: 0,
      registered_in: 0,
      registered_out: 0,
      at_risk: 0,
      findings: NONE,
      checked_at: "2026-12-07T03:00:00.000Z",
      ...over,
    })
    const days = [
      day("2026-12-01"),
      day("2026-12-02", {
        at_risk: 500,
        findings: { ...NONE, amount_differs: 1 },
      }),
      day("2026-12-03", { findings: { ...NONE, stuck_or_failed: 2 } }),
    ]
    expect(daysWithFindings(days).map((d) => d.day)).toEqual([
      "2026-12-02",
      "2026-12-03",
    ])
    expect(
      findingsCount({ ...NONE, amount_differs: 1, stuck_or_failed: 2 })
    ).toBe(3)
  })
})

describe("reconciliation remedies", () => {
  it("sends a receipt still on time", () => {
    expect(remedyAction(finding({ remedy: "issue_receipt" }))).toEqual({
      kind: "send",
      orderId: "order_1",
    })
  })

  it("corrects a missed movement with the movement as target", () => {
    expect(remedyAction(finding())).toEqual({
      kind: "correction",
      prefill: {
        orderId: "order_1",
        target: { kind: "capture", id: "capt_1" },
      },
    })
  })

  it("takes back the receipt of a wrong amount", () => {
    expect(
      remedyAction(
        finding({ kind: "amount_differs", receipt_ids: ["fr_wrong"] })
      )
    ).toEqual({
      kind: "correction",
      prefill: {
        orderId: "order_1",
        target: { kind: "receipt", id: "fr_wrong" },
      },
    })
  })

  it("takes back a duplicate", () => {
    expect(
      remedyAction(
        finding({
          kind: "receipt_without_money",
          remedy: "refund_duplicate",
          movement: null,
          receipt_ids: ["fr_dup", "fr_other"],
        })
      )
    ).toEqual({
      kind: "correction",
      prefill: {
        orderId: "order_1",
        target: { kind: "receipt", id: "fr_dup" },
      },
    })
  })

  it("sends a stuck receipt again", () => {
    expect(
      remedyAction(
        finding({
          kind: "stuck_or_failed",
          remedy: "fix_and_send",
          receipt_ids: ["fr_stuck"],
        })
      )
    ).toEqual({ kind: "retry", orderId: "order_1", receiptIds: ["fr_stuck"] })
  })
})
