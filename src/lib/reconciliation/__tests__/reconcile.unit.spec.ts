import { reconcile } from "../reconcile"
import { moscowDay } from "../../moscow-day"
import type { ReceiptRow, ReconciliationInput } from "../types"
import { captureRow, movement, refundRow, settlementRow } from "./build"

const period = { from: "2026-11-01", to: "2026-11-30" }
/** 2026-11-20 12:00 MSK */
const NOW = new Date("2026-11-20T12:00:00+03:00")

const run = (input: Partial<ReconciliationInput>) =>
  reconcile({
    period,
    now: NOW,
    movements: { captures: [], refunds: [] },
    receipts: [],
    ...input,
  })

const c1 = movement("cap_1", "order_1", 150_000, "2026-11-10T10:00:00+03:00")
const r1 = movement("ref_1", "order_1", 50_000, "2026-11-11T10:00:00+03:00")

describe("reconcile: a clean order", () => {
  it("reports nothing and balances the days", () => {
    const report = run({
      movements: { captures: [c1], refunds: [r1] },
      receipts: [captureRow(c1), refundRow(r1)],
    })
    expect(report.findings).toEqual([])
    expect(report.days).toHaveLength(30)
    const day10 = report.days.find((d) => d.day === "2026-11-10")!
    expect(day10).toMatchObject({ captured: 150_000, registered_in: 150_000 })
    const day11 = report.days.find((d) => d.day === "2026-11-11")!
    expect(day11).toMatchObject({ refunded: 50_000, registered_out: 50_000 })
    expect(report.summary).toMatchObject({
      captured: 150_000,
      refunded: 50_000,
      registered_in: 150_000,
      registered_out: 50_000,
      at_risk: 0,
    })
  })

  it("pairs by id across Moscow midnight: the day is the movement's", () => {
    // 23:30 MSK on the 10th is 20:30 UTC; the receipt at 00:10 MSK on the 11th
    const late = movement("cap_late", "order_2", 9_900, "2026-11-10T20:30:00Z")
    const row = captureRow(late, {
      created_at: "2026-11-10T20:30:05Z",
      registered_at: "2026-11-10T21:10:00Z",
    })
    expect(moscowDay(late.created_at)).toBe("2026-11-10")
    expect(moscowDay(row.registered_at!)).toBe("2026-11-11")
    const report = run({
      movements: { captures: [late], refunds: [] },
      receipts: [row],
    })
    expect(report.findings).toEqual([])
    expect(report.days.find((d) => d.day === "2026-11-10")).toMatchObject({
      captured: 9_900,
      registered_in: 9_900,
    })
    expect(report.days.find((d) => d.day === "2026-11-11")).toMatchObject({
      captured: 0,
      registered_in: 0,
    })
  })
})

describe("reconcile: money without a receipt", () => {
  it("an earlier day's capture without a row needs a correction", () => {
    const report = run({ movements: { captures: [c1], refunds: [] } })
    expect(report.findings).toEqual([
      {
        kind: "money_without_receipt",
        day: "2026-11-10",
        order_id: "order_1",
        movement: { kind: "capture", id: "cap_1" },
        receipt_ids: [],
        amount: 150_000,
        remedy: "issue_correction",
      },
    ])
    expect(report.summary.at_risk).toBe(150_000)
  })

  it("today's capture without a row needs its receipt, after the grace time", () => {
    const today = movement(
      "cap_t",
      "order_t",
      1_000,
      "2026-11-20T00:05:00+03:00"
    )
    const fresh = movement(
      "cap_f",
      "order_f",
      2_000,
      "2026-11-20T11:50:00+03:00"
    )
    const report = run({ movements: { captures: [today, fresh], refunds: [] } })
    expect(report.findings.map((f) => [f.movement?.id, f.remedy])).toEqual([
      ["cap_t", "issue_receipt"],
    ])
  })

  it("a capture at 23:30 MSK yesterday is yesterday's: a correction", () => {
    const late = movement("cap_y", "order_y", 700, "2026-11-19T20:30:00Z")
    const report = run({ movements: { captures: [late], refunds: [] } })
    expect(report.findings[0]).toMatchObject({
      day: "2026-11-19",
      remedy: "issue_correction",
    })
  })

  it("a refund without a row", () => {
    const report = run({
      movements: { captures: [c1], refunds: [r1] },
      receipts: [captureRow(c1)],
    })
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: "money_without_receipt",
        day: "2026-11-11",
        movement: { kind: "refund", id: "ref_1" },
        amount: 50_000,
        remedy: "issue_correction",
      }),
    ])
  })

  it("a capture made before the order-level row is that row's", () => {
    const c2 = movement("cap_2", "order_1", 50_000, "2026-11-12T10:00:00+03:00")
    const sell: ReceiptRow = {
      ...captureRow(c1),
      id: "frc_sell",
      source_key: "sell:order_1",
      capture_id: null,
      created_at: "2026-11-10T10:01:00+03:00",
      basis: { kind: "order", id: "order_1", amount: 150_000 },
    }
    const report = run({
      movements: { captures: [c1, c2], refunds: [] },
      receipts: [sell, captureRow(c2)],
    })
    expect(report.findings).toEqual([])
    expect(report.summary.registered_in).toBe(200_000)
  })

  it("a shop fiscalizing at placement: the order-level row covers the later capture", () => {
    const sell: ReceiptRow = {
      ...captureRow(c1),
      id: "frc_sell",
      source_key: "sell:order_1",
      capture_id: null,
      created_at: "2026-11-10T09:00:00+03:00",
      basis: { kind: "order", id: "order_1", amount: 150_000 },
    }
    const report = run({
      movements: { captures: [c1], refunds: [] },
      receipts: [sell],
    })
    expect(report.findings).toEqual([])
  })

  it("a capture a settlement registered: done with basis.collected, nothing missing", () => {
    const cod = movement(
      "cap_cod",
      "order_c",
      30_000,
      "2026-11-15T15:00:00+03:00"
    )
    const settlement = settlementRow(
      "order_c",
      "ful_1",
      120_000,
      30_000,
      "2026-11-15T12:00:00+03:00"
    )
    const row = captureRow(cod, { total: 0 }, { collected: 30_000 })
    const report = run({
      movements: { captures: [cod], refunds: [] },
      receipts: [settlement, row],
    })
    expect(report.findings).toEqual([])
    expect(report.summary).toMatchObject({
      captured: 30_000,
      registered_in: 30_000,
    })
  })

  it("a canceled row is no receipt", () => {
    const report = run({
      movements: { captures: [c1], refunds: [] },
      receipts: [captureRow(c1, { status: "canceled" })],
    })
    expect(report.findings.map((f) => f.kind)).toEqual([
      "money_without_receipt",
    ])
  })

  it("movements outside the period are not reported", () => {
    const october = movement("cap_o", "order_o", 100, "2026-10-31T20:59:00Z")
    expect(moscowDay(october.created_at)).toBe("2026-10-31")
    expect(
      run({ movements: { captures: [october], refunds: [] } }).findings
    ).toEqual([])
  })
})

describe("reconcile: receipt without money", () => {
  it("a second registered receipt for one capture is a duplicate", () => {
    const sell: ReceiptRow = {
      ...captureRow(c1),
      id: "frc_sell",
      source_key: "sell:order_1",
      capture_id: null,
      created_at: "2026-11-10T10:05:00+03:00",
      registered_at: "2026-11-10T10:06:00+03:00",
      basis: { kind: "order", id: "order_1", amount: 150_000 },
    }
    const report = run({
      movements: { captures: [c1], refunds: [] },
      receipts: [captureRow(c1), sell],
    })
    expect(report.findings).toEqual([
      {
        kind: "receipt_without_money",
        day: "2026-11-10",
        order_id: "order_1",
        movement: { kind: "capture", id: "cap_1" },
        receipt_ids: ["frc_sell"],
        amount: 150_000,
        remedy: "refund_duplicate",
      },
    ])
    expect(report.summary.registered_in).toBe(300_000)
  })

  it("a registered receipt whose capture Medusa no longer has", () => {
    const gone = movement(
      "cap_gone",
      "order_1",
      4_200,
      "2026-11-05T10:00:00+03:00"
    )
    const report = run({
      movements: { captures: [], refunds: [] },
      receipts: [captureRow(gone)],
    })
    expect(report.findings).toEqual([
      {
        kind: "receipt_without_money",
        day: "2026-11-05",
        order_id: "order_1",
        receipt_ids: ["frc_cap_gone"],
        amount: 4_200,
        remedy: "refund_duplicate",
      },
    ])
    expect(report.summary.registered_in).toBe(4_200)
  })

  it("a duplicate taken back by a registered correction is no longer reported", () => {
    const sell: ReceiptRow = {
      ...captureRow(c1),
      id: "frc_sell",
      source_key: "sell:order_1",
      capture_id: null,
      created_at: "2026-11-10T10:05:00+03:00",
      basis: { kind: "order", id: "order_1", amount: 150_000 },
    }
    const takeBack = (status: ReceiptRow["status"]): ReceiptRow => ({
      ...sell,
      id: "frc_back",
      source_key: "reversal:frc_sell",
      type: "sell_refund_correction",
      reason: "correction",
      status,
      parent_id: "frc_sell",
    })
    const pending = run({
      movements: { captures: [c1], refunds: [] },
      receipts: [captureRow(c1), sell, takeBack("pending")],
      now: new Date("2026-11-10T10:20:00+03:00"),
    })
    expect(pending.findings.map((f) => f.kind)).toEqual([
      "receipt_without_money",
    ])
    const done = run({
      movements: { captures: [c1], refunds: [] },
      receipts: [captureRow(c1), sell, takeBack("done")],
    })
    expect(done.findings).toEqual([])
    expect(done.summary.registered_in).toBe(150_000)
  })

  it("a receipt taken back leaves its capture without a receipt until a correction covers it", () => {
    const wrong = captureRow(c1, {}, { amount: 140_000 })
    const back: ReceiptRow = {
      ...wrong,
      id: "frc_back",
      source_key: "reversal:frc_cap_1",
      capture_id: null,
      type: "sell_refund_correction",
      reason: "correction",
      parent_id: wrong.id,
    }
    const missing = run({
      movements: { captures: [c1], refunds: [] },
      receipts: [wrong, back],
    })
    expect(missing.findings).toMatchObject([
      {
        kind: "money_without_receipt",
        movement: { kind: "capture", id: "cap_1" },
        amount: 150_000,
        remedy: "issue_correction",
      },
    ])
    const corrected = run({
      movements: { captures: [c1], refunds: [] },
      receipts: [
        wrong,
        back,
        captureRow(c1, {
          id: "frc_fix",
          source_key: "correction:cap_1",
          type: "sell_correction",
          reason: "correction",
        }),
      ],
    })
    expect(corrected.findings).toEqual([])
  })

  it("resell steps cancel out", () => {
    const original = captureRow(c1)
    const resell = (reason: "resell_refund" | "resell_sell"): ReceiptRow => ({
      ...original,
      id: `frc_${reason}`,
      source_key: `${reason}:${original.id}`,
      type: reason === "resell_refund" ? "sell_refund" : "sell",
      reason,
    })
    const report = run({
      movements: { captures: [c1], refunds: [] },
      receipts: [original, resell("resell_refund"), resell("resell_sell")],
    })
    expect(report.findings).toEqual([])
    expect(report.summary).toMatchObject({
      registered_in: 150_000,
      registered_out: 0,
    })
  })

  it("exchange companions carry the movement's id but are not its receipt", () => {
    const companion: ReceiptRow = {
      ...refundRow(c1),
      id: "frc_exchange_return",
      source_key: "exchange-return:cap_1",
      reason: "exchange",
      capture_id: "cap_1",
      refund_id: null,
      total: 80_000,
      basis: { kind: "exchange_return", id: "cap_1", amount: 0 },
    }
    const report = run({
      movements: { captures: [c1], refunds: [] },
      receipts: [companion, captureRow(c1)],
    })
    expect(report.findings).toEqual([])
  })
})

describe("reconcile: amount differs", () => {
  it("a receipt registered for another amount needs a correction", () => {
    const report = run({
      movements: { captures: [c1], refunds: [] },
      receipts: [captureRow(c1, { total: 140_000 }, { amount: 140_000 })],
    })
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: "amount_differs",
        day: "2026-11-10",
        receipt_ids: ["frc_cap_1"],
        amount: 10_000,
        remedy: "issue_correction",
      }),
    ])
  })

  it("the frozen basis wins over a total that includes an offset", () => {
    // a capture settling goods worth 200 000 with 50 000 of advance offset
    const report = run({
      movements: { captures: [c1], refunds: [] },
      receipts: [captureRow(c1, { total: 200_000 })],
    })
    expect(report.findings).toEqual([])
  })

  it("without a basis the total is the money", () => {
    const report = run({
      movements: { captures: [], refunds: [r1] },
      receipts: [refundRow(r1, { basis: null, total: 49_000 })],
    })
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: "amount_differs", amount: 1_000 }),
    ])
  })

  it("the order-level receipt is compared with the captures it stands for", () => {
    const c2 = movement("cap_2", "order_1", 50_000, "2026-11-10T11:00:00+03:00")
    const sell: ReceiptRow = {
      ...captureRow(c1),
      id: "frc_sell",
      source_key: "sell:order_1",
      capture_id: null,
      created_at: "2026-11-10T12:00:00+03:00",
      basis: { kind: "order", id: "order_1", amount: 150_000 },
    }
    const report = run({
      movements: { captures: [c1, c2], refunds: [] },
      receipts: [sell],
    })
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: "amount_differs",
        movement: { kind: "capture", id: "cap_2" },
        receipt_ids: ["frc_sell"],
        amount: 50_000,
      }),
    ])
  })

  it("a settlement's offset is not money: no finding for its total", () => {
    const report = run({
      receipts: [
        settlementRow(
          "order_s",
          "ful_s",
          99_000,
          0,
          "2026-11-12T10:00:00+03:00"
        ),
      ],
    })
    expect(report.findings).toEqual([])
    expect(report.summary.registered_in).toBe(0)
  })
})

describe("reconcile: stuck or failed", () => {
  it.each(["failed", "invalid", "unknown"] as const)(
    "a %s receipt",
    (status) => {
      const report = run({
        movements: { captures: [c1], refunds: [] },
        receipts: [captureRow(c1, { status, registered_at: null })],
      })
      expect(report.findings).toEqual([
        expect.objectContaining({
          kind: "stuck_or_failed",
          day: "2026-11-10",
          movement: { kind: "capture", id: "cap_1" },
          receipt_ids: ["frc_cap_1"],
          amount: 150_000,
          remedy: "fix_and_send",
        }),
      ])
      expect(report.summary.registered_in).toBe(0)
    }
  )

  it("pending or wait: only when flagged or late", () => {
    const fresh = movement(
      "cap_f",
      "order_f",
      2_000,
      "2026-11-20T11:30:00+03:00"
    )
    const rows = [
      captureRow(fresh, { status: "wait", registered_at: null }),
      captureRow(c1, { status: "pending", registered_at: null }),
    ]
    const flagged = captureRow(fresh, {
      id: "frc_flagged",
      status: "wait",
      needs_attention: true,
      registered_at: null,
    })
    const report = run({
      movements: { captures: [c1, fresh], refunds: [] },
      receipts: rows,
    })
    expect(report.findings.map((f) => f.receipt_ids)).toEqual([["frc_cap_1"]])
    const later = run({
      movements: { captures: [c1, fresh], refunds: [] },
      receipts: rows,
      now: new Date("2026-11-20T12:40:00+03:00"),
    })
    expect(later.findings.map((f) => f.receipt_ids)).toEqual([
      ["frc_cap_1"],
      ["frc_cap_f"],
    ])
    const short = run({
      movements: { captures: [fresh], refunds: [] },
      receipts: [flagged],
      options: { stuckAfterMinutes: 600 },
    })
    expect(short.findings.map((f) => f.receipt_ids)).toEqual([["frc_flagged"]])
  })

  it("a settlement not registered puts its total at risk on its day", () => {
    const report = run({
      receipts: [
        settlementRow(
          "order_s",
          "ful_s",
          99_000,
          0,
          "2026-11-12T10:00:00+03:00",
          {
            status: "failed",
            registered_at: null,
          }
        ),
      ],
    })
    expect(report.findings).toEqual([
      {
        kind: "stuck_or_failed",
        day: "2026-11-12",
        order_id: "order_s",
        receipt_ids: ["frc_ful_s"],
        amount: 99_000,
        remedy: "fix_and_send",
      },
    ])
  })
})

describe("reconcile: input", () => {
  it("two registered refund receipts of one refund: the later is the duplicate", () => {
    const second = refundRow(r1, {
      id: "frc_ref_again",
      source_key: "manual:ref_1",
      reason: "manual",
      registered_at: "2026-11-12T09:00:00+03:00",
    })
    const report = run({
      movements: {
        captures: [c1],
        refunds: [{ ...r1, order_display_id: 1001 }],
      },
      receipts: [captureRow(c1), second, refundRow(r1)],
    })
    expect(report.findings).toEqual([
      {
        kind: "receipt_without_money",
        day: "2026-11-11",
        order_id: "order_1",
        order_display_id: 1001,
        movement: { kind: "refund", id: "ref_1" },
        receipt_ids: ["frc_ref_again"],
        amount: 50_000,
        remedy: "refund_duplicate",
      },
    ])
    expect(report.summary.registered_out).toBe(100_000)
  })

  it("reads a date without a zone as Moscow time", () => {
    const naive = movement("cap_n", "order_n", 100, "2026-11-10 23:30:00")
    const report = run({ movements: { captures: [naive], refunds: [] } })
    expect(report.findings[0].day).toBe("2026-11-10")
    expect(moscowDay("2026-11-10T20:59:59Z")).toBe("2026-11-10")
    expect(moscowDay("2026-11-10T21:00:00Z")).toBe("2026-11-11")
  })

  it("a stuck receipt of a movement before the period is not the period's", () => {
    const october = movement(
      "cap_o",
      "order_o",
      100,
      "2026-10-31T12:00:00+03:00"
    )
    const report = run({
      movements: { captures: [october], refunds: [] },
      receipts: [
        captureRow(october, { status: "failed", registered_at: null }),
      ],
    })
    expect(report.findings).toEqual([])
  })

  it("refuses a period that ends before it starts", () => {
    expect(() =>
      run({ period: { from: "2026-11-02", to: "2026-11-01" } })
    ).toThrow(RangeError)
  })
})

describe("reconcile: money a settlement took at the handover", () => {
  const cod = movement(
    "cap_cod",
    "order_c",
    30_000,
    "2026-11-15T15:00:00+03:00"
  )
  const settlement = (collected: number) =>
    settlementRow(
      "order_c",
      "ful_1",
      120_000,
      collected,
      "2026-11-15T12:00:00+03:00"
    )

  it("a capture said to be registered on a settlement that took less differs by the rest", () => {
    const report = run({
      movements: { captures: [cod], refunds: [] },
      receipts: [
        settlement(20_000),
        captureRow(cod, { total: 0 }, { collected: 30_000 }),
      ],
    })
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: "amount_differs",
        movement: { kind: "capture", id: "cap_cod" },
        receipt_ids: ["frc_cap_cod"],
        amount: 10_000,
        remedy: "issue_correction",
      }),
    ])
    expect(report.summary.registered_in).toBe(20_000)
  })

  it("a capture for more than the handover took: its own receipt registers the rest", () => {
    const report = run({
      movements: { captures: [cod], refunds: [] },
      receipts: [
        settlement(10_000),
        captureRow(cod, { total: 20_000 }, { collected: 10_000 }),
      ],
    })
    expect(report.findings).toEqual([])
    expect(report.summary.registered_in).toBe(30_000)
  })
})
