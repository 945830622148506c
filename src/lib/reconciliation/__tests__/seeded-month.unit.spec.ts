import { moscowDay } from "../../moscow-day"
import { reconcile } from "../reconcile"
import type { Finding, MoneyMovement } from "../types"
import { captureRow, movement } from "./build"
import {
  MONTH,
  generateMonth,
  prng,
  type GeneratedOrder,
  type Scenario,
} from "./month"

/** The reconciliation runs at 21:00 MSK on the last day: that day is today. */
const NOW = new Date("2026-11-30T21:00:00+03:00")
const TODAY = "2026-11-30"
const ORDERS = 600
const EACH = 3

const flatten = (orders: GeneratedOrder[]) => ({
  movements: {
    captures: orders.flatMap((o) => o.captures),
    refunds: orders.flatMap((o) => o.refunds),
  },
  receipts: orders.flatMap((o) => o.rows),
})

const key = (f: Finding) => JSON.stringify(f)

/**
 * Plants known gaps in a correct month: each kind of finding a few times on orders of its
 * own, and returns the findings expected.
 */
function plant(orders: GeneratedOrder[]): Finding[] {
  const random = prng(2)
  const used = new Set<string>()
  const pick = (
    scenario: Scenario,
    ok: (o: GeneratedOrder) => boolean = () => true
  ) => {
    const candidates = orders.filter(
      (o) => o.scenario === scenario && !used.has(o.id) && ok(o)
    )
    const order = candidates[Math.floor(random() * candidates.length)]
    used.add(order.id)
    return order
  }
  const ref = (m: MoneyMovement) => ({
    day: moscowDay(m.created_at),
    order_id: m.order_id,
    order_display_id: m.order_display_id,
  })
  const expected: Finding[] = []
  const dropRow = (o: GeneratedOrder, id: string) => {
    o.rows = o.rows.filter((r) => r.id !== id)
  }
  for (let i = 0; i < EACH; i++) {
    // a capture of an earlier day without a receipt
    const missing = pick(
      "single",
      (o) => moscowDay(o.captures[0].created_at) !== TODAY
    )
    const c = missing.captures[0]
    dropRow(missing, `frc_${c.id}`)
    expected.push({
      kind: "money_without_receipt",
      ...ref(c),
      movement: { kind: "capture", id: c.id },
      receipt_ids: [],
      amount: c.amount,
      remedy: "issue_correction",
    })

    // a second registered receipt of one capture
    const doubled = pick("single")
    const d = doubled.captures[0]
    doubled.rows.push(
      captureRow(d, {
        id: `frc_dup_${d.id}`,
        source_key: `manual:${d.id}`,
        reason: "manual",
        registered_at: new Date(
          Date.parse(d.created_at as string) + 7_200_000
        ).toISOString(),
      })
    )
    expected.push({
      kind: "receipt_without_money",
      ...ref(d),
      movement: { kind: "capture", id: d.id },
      receipt_ids: [`frc_dup_${d.id}`],
      amount: d.amount,
      remedy: "refund_duplicate",
    })

    // a receipt registered for the wrong amount
    const wrong = pick("single")
    const w = wrong.captures[0]
    wrong.rows = wrong.rows.map((r) =>
      r.id === `frc_${w.id}`
        ? {
            ...r,
            total: w.amount - 1_234,
            basis: { ...r.basis!, amount: w.amount - 1_234 },
          }
        : r
    )
    expected.push({
      kind: "amount_differs",
      ...ref(w),
      movement: { kind: "capture", id: w.id },
      receipt_ids: [`frc_${w.id}`],
      amount: 1_234,
      remedy: "issue_correction",
    })

    // the second capture's receipt of a partially paid order failed
    const failed = pick("partial")
    const f = failed.captures[1]
    failed.rows = failed.rows.map((r) =>
      r.id === `frc_${f.id}`
        ? {
            ...r,
            status: "failed" as const,
            registered_at: null,
            needs_attention: true,
          }
        : r
    )
    expected.push({
      kind: "stuck_or_failed",
      ...ref(f),
      movement: { kind: "capture", id: f.id },
      receipt_ids: [`frc_${f.id}`],
      amount: f.amount,
      remedy: "fix_and_send",
    })

    // a refund without a receipt
    const unrefunded = pick("refunded")
    const r = unrefunded.refunds[0]
    dropRow(unrefunded, `frc_${r.id}`)
    expected.push({
      kind: "money_without_receipt",
      ...ref(r),
      movement: { kind: "refund", id: r.id },
      receipt_ids: [],
      amount: r.amount,
      remedy: ref(r).day === TODAY ? "issue_receipt" : "issue_correction",
    })

    // a registered receipt whose capture Medusa no longer has
    const vanished = pick("single")
    const v = vanished.captures[0]
    vanished.captures = []
    const row = vanished.rows[0]
    expected.push({
      kind: "receipt_without_money",
      day: moscowDay(row.registered_at!),
      order_id: vanished.id,
      receipt_ids: [row.id],
      amount: v.amount,
      remedy: "refund_duplicate",
    })
  }
  // today's capture without a receipt: still the same day, the receipt itself is due
  const today = movement(
    "cap_today",
    "order_today",
    12_345,
    "2026-11-30T12:00:00+03:00"
  )
  orders.push({
    id: "order_today",
    display_id: 99_999,
    scenario: "single",
    captures: [{ ...today, order_display_id: 99_999 }],
    refunds: [],
    rows: [],
  })
  expected.push({
    kind: "money_without_receipt",
    day: TODAY,
    order_id: "order_today",
    order_display_id: 99_999,
    movement: { kind: "capture", id: "cap_today" },
    receipt_ids: [],
    amount: 12_345,
    remedy: "issue_receipt",
  })
  return expected
}

describe("reconcile: a seeded month", () => {
  it("reports nothing for a month whose receipts are all right", () => {
    const orders = generateMonth(ORDERS, 1)
    const report = reconcile({ period: MONTH, now: NOW, ...flatten(orders) })
    expect(report.findings).toEqual([])
    for (const day of report.days) {
      expect(day.registered_in).toBe(day.captured)
      expect(day.registered_out).toBe(day.refunded)
      expect(day.at_risk).toBe(0)
    }
    expect(report.days).toHaveLength(30)
    // the month has every scenario, and receipts registered after Moscow midnight
    expect(new Set(orders.map((o) => o.scenario)).size).toBe(8)
    const crossing = orders
      .flatMap((o) => o.rows)
      .filter(
        (r) =>
          r.capture_id?.startsWith("cap_") &&
          r.registered_at &&
          moscowDay(r.registered_at) !== moscowDay(r.created_at)
      )
    expect(crossing.length).toBeGreaterThan(0)
  })

  it("finds every planted gap with its kind, day, amount and remedy, and nothing else", () => {
    const orders = generateMonth(ORDERS, 1)
    const clean = reconcile({ period: MONTH, now: NOW, ...flatten(orders) })
    const expected = plant(orders)
    const input = flatten(orders)
    const report = reconcile({ period: MONTH, now: NOW, ...input })

    expect(report.findings.map(key).sort()).toEqual(expected.map(key).sort())
    const atRisk = expected.reduce((sum, f) => sum + f.amount, 0)
    expect(report.summary.at_risk).toBe(atRisk)
    expect(report.summary.findings).toEqual({
      money_without_receipt: 2 * EACH + 1,
      receipt_without_money: 2 * EACH,
      amount_differs: EACH,
      stuck_or_failed: EACH,
    })
    // the days no gap touched still balance
    const touched = new Set(expected.map((f) => f.day))
    for (const day of report.days.filter((d) => !touched.has(d.day))) {
      expect(day.registered_in).toBe(day.captured)
      expect(day.registered_out).toBe(day.refunded)
    }
    // what each planted gap does to the money registered
    const sum = (pred: (f: Finding) => boolean) =>
      expected.filter(pred).reduce((s, f) => s + f.amount, 0)
    const vanished = sum(
      (f) => f.kind === "receipt_without_money" && !f.movement
    )
    expect(report.summary.captured).toBe(
      clean.summary.captured - vanished + 12_345
    )
    expect(report.summary.registered_in).toBe(
      clean.summary.registered_in -
        sum(
          (f) =>
            f.kind === "money_without_receipt" &&
            f.movement?.kind === "capture" &&
            f.movement.id !== "cap_today"
        ) -
        sum(
          (f) => f.kind === "amount_differs" || f.kind === "stuck_or_failed"
        ) +
        sum((f) => f.kind === "receipt_without_money" && !!f.movement)
    )
    expect(report.summary.registered_out).toBe(
      clean.summary.registered_out -
        sum(
          (f) =>
            f.kind === "money_without_receipt" && f.movement?.kind === "refund"
        )
    )

    const rows = input.receipts.length
    const moves =
      input.movements.captures.length + input.movements.refunds.length
    console.log(
      `seeded month: ${orders.length} orders, ${input.movements.captures.length} captures, ` +
        `${input.movements.refunds.length} refunds (${moves} movements), ${rows} receipt rows; ` +
        `${expected.length} gaps planted, ${report.findings.length} findings, ` +
        `captured ${report.summary.captured} kop., at risk ${report.summary.at_risk} kop.`
    )
  })

  it("times 10 000 orders (a printed figure, not an assertion)", () => {
    const orders = generateMonth(10_000, 7)
    const input = flatten(orders)
    const started = performance.now()
    const report = reconcile({ period: MONTH, now: NOW, ...input })
    const took = performance.now() - started
    expect(report.findings).toEqual([])
    console.log(
      `10 000 orders, ${input.movements.captures.length + input.movements.refunds.length} movements, ` +
        `${input.receipts.length} rows: reconciled in ${took.toFixed(0)} ms`
    )
  })
})
