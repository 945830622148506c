import { reconcile } from "../../../lib/reconciliation"
import {
  batches,
  displayIdsOf,
  movementsOfOrders,
  receiptRowOf,
  wholeNumber,
  withDisplayIds,
} from "../rows"
import {
  dayRowsOf,
  findingRowOf,
  findingView,
  responseOf,
  totalsOf,
  dayView,
} from "../view"

const NOW = new Date("2026-03-10T12:00:00Z")

describe("reading Medusa and the receipt rows", () => {
  it("reads a stored whole number in any shape Medusa gives it", () => {
    expect(wholeNumber(150000)).toBe(150000)
    expect(wholeNumber("150000")).toBe(150000)
    expect(wholeNumber({ value: "3000000000", precision: 20 })).toBe(
      3_000_000_000
    )
    expect(wholeNumber(null)).toBeNull()
    expect(wholeNumber("x")).toBeNull()
  })

  it("turns rubles of captures and refunds into kopecks, with the order's number", () => {
    const { captures, refunds } = movementsOfOrders([
      {
        id: "order_1",
        display_id: 12,
        payment_collections: [
          {
            payments: [
              {
                captures: [
                  {
                    id: "capt_1",
                    amount: 1234.5,
                    created_at: "2026-03-10T09:00:00Z",
                  },
                  null,
                ],
                refunds: [
                  {
                    id: "ref_1",
                    amount: { value: "33.33", precision: 20 },
                    created_at: "2026-03-10T10:00:00Z",
                  },
                ],
              },
              null,
            ],
          },
        ],
      },
      { id: "order_2", payment_collections: null },
    ])
    expect(captures).toEqual([
      {
        id: "capt_1",
        order_id: "order_1",
        order_display_id: 12,
        amount: 123450,
        created_at: "2026-03-10T09:00:00Z",
      },
    ])
    expect(refunds).toEqual([
      {
        id: "ref_1",
        order_id: "order_1",
        order_display_id: 12,
        amount: 3333,
        created_at: "2026-03-10T10:00:00Z",
      },
    ])
  })

  it("reads a receipt row's total and the basis of its frozen document", () => {
    const row = receiptRowOf({
      id: "frc_1",
      order_id: "order_1",
      source_key: "capture:capt_1",
      type: "sell",
      reason: "payment",
      status: "done",
      total: "123450",
      capture_id: "capt_1",
      refund_id: null,
      fulfillment_id: null,
      registered_at: new Date("2026-03-10T09:05:00Z"),
      created_at: new Date("2026-03-10T09:00:01Z"),
      needs_attention: false,
      parent_id: null,
      document: {
        total: 123450,
        basis: { kind: "capture", id: "capt_1", amount: 123450 },
      },
    })
    expect(row).toMatchObject({
      id: "frc_1",
      total: 123450,
      basis: { kind: "capture", id: "capt_1", amount: 123450 },
      needs_attention: false,
    })
    expect(
      receiptRowOf({ id: "frc_2", total: null, document: null }).basis
    ).toBeNull()
  })

  it("a finding standing for no movement gets its order's number from the orders loaded", () => {
    const displayIds = displayIdsOf([
      { id: "order_1", display_id: 12 },
      { id: "order_2", display_id: null },
    ])
    expect([...displayIds]).toEqual([["order_1", 12]])
    const orphan = {
      kind: "receipt_without_money" as const,
      day: "2026-03-10",
      order_id: "order_1",
      receipt_ids: ["frc_1"],
      amount: 100,
      remedy: "refund_duplicate" as const,
    }
    const [named, kept, unknown] = withDisplayIds(
      [
        orphan,
        { ...orphan, order_display_id: 99 },
        { ...orphan, order_id: "order_2" },
      ],
      displayIds
    )
    expect(named.order_display_id).toBe(12)
    expect(kept.order_display_id).toBe(99)
    expect(unknown).not.toHaveProperty("order_display_id")
  })

  it("splits a list of ids into batches", () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
    expect(batches([], 2)).toEqual([])
  })
})

describe("stored results", () => {
  const report = reconcile({
    period: { from: "2026-03-09", to: "2026-03-10" },
    movements: {
      captures: [
        {
          id: "capt_1",
          order_id: "order_1",
          order_display_id: 7,
          amount: 150000,
          created_at: "2026-03-10T09:00:00Z",
        },
        {
          id: "capt_2",
          order_id: "order_2",
          amount: 5000,
          created_at: "2026-03-09T09:00:00Z",
        },
      ],
      refunds: [],
    },
    receipts: [
      receiptRowOf({
        id: "frc_2",
        order_id: "order_2",
        source_key: "capture:capt_2",
        type: "sell",
        reason: "payment",
        status: "done",
        total: 5000,
        capture_id: "capt_2",
        registered_at: "2026-03-09T09:01:00Z",
        created_at: "2026-03-09T09:00:01Z",
        needs_attention: false,
        document: { basis: { kind: "capture", id: "capt_2", amount: 5000 } },
      }),
    ],
    now: NOW,
  })
  const checkedAt = new Date("2026-03-10T12:00:05Z")

  it("a day row carries the day's totals and its findings counted per kind", () => {
    const rows = dayRowsOf(report.days, report.findings, checkedAt)
    expect(rows).toEqual([
      {
        day: "2026-03-09",
        captured: 5000,
        refunded: 0,
        registered_in: 5000,
        registered_out: 0,
        at_risk: 0,
        findings: {
          money_without_receipt: 0,
          receipt_without_money: 0,
          amount_differs: 0,
          stuck_or_failed: 0,
        },
        checked_at: checkedAt,
      },
      {
        day: "2026-03-10",
        captured: 150000,
        refunded: 0,
        registered_in: 0,
        registered_out: 0,
        at_risk: 150000,
        findings: {
          money_without_receipt: 1,
          receipt_without_money: 0,
          amount_differs: 0,
          stuck_or_failed: 0,
        },
        checked_at: checkedAt,
      },
    ])
  })

  it("a finding row round-trips to what the API answers", () => {
    const [finding] = report.findings
    const row = findingRowOf(finding)
    expect(row).toEqual({
      day: "2026-03-10",
      kind: "money_without_receipt",
      order_id: "order_1",
      order_display_id: "7",
      movement_kind: "capture",
      movement_id: "capt_1",
      receipt_ids: [],
      amount: 150000,
      remedy: "issue_receipt",
    })
    expect(findingView({ id: "frf_1", ...row, amount: "150000" })).toEqual({
      id: "frf_1",
      day: "2026-03-10",
      kind: "money_without_receipt",
      order_id: "order_1",
      order_display_id: 7,
      movement: { kind: "capture", id: "capt_1" },
      receipt_ids: [],
      amount: 150000,
      remedy: "issue_receipt",
    })
    expect(
      findingView({
        ...row,
        movement_kind: null,
        movement_id: null,
        order_display_id: null,
      })
    ).toMatchObject({ movement: null, order_display_id: null })
  })

  it("the answer adds the stored days up, oldest check first, and names the days never checked", () => {
    const stored = dayRowsOf(report.days, report.findings, checkedAt).map(
      (d, i) => ({
        ...d,
        // a bigNumber column read back as Medusa's raw value
        captured: { value: String(d.captured), precision: 20 },
        checked_at: new Date(checkedAt.getTime() - i * 1000),
      })
    )
    const answer = responseOf({
      period: { from: "2026-03-08", to: "2026-03-12" },
      days: [stored[1], stored[0]],
      findings: [],
      count: 0,
      offset: 0,
      limit: 50,
      now: NOW,
    })
    expect(answer.days.map((d) => d.day)).toEqual(["2026-03-09", "2026-03-10"])
    expect(answer.summary).toEqual({
      captured: 155000,
      refunded: 0,
      registered_in: 5000,
      registered_out: 0,
      at_risk: 150000,
      findings: {
        money_without_receipt: 1,
        receipt_without_money: 0,
        amount_differs: 0,
        stuck_or_failed: 0,
      },
    })
    expect(answer.checked_at).toEqual(new Date(checkedAt.getTime() - 1000))
    expect(answer.unchecked_days).toEqual(["2026-03-08"])
    expect(totalsOf([]).findings.stuck_or_failed).toBe(0)
    expect(
      dayView({ day: "2026-03-08", findings: null, checked_at: checkedAt })
        .findings
    ).toEqual({
      money_without_receipt: 0,
      receipt_without_money: 0,
      amount_differs: 0,
      stuck_or_failed: 0,
    })
  })

  it("with nothing stored the answer has no check time and every day up to today unchecked", () => {
    const answer = responseOf({
      period: { from: "2026-03-09", to: "2026-03-10" },
      days: [],
      findings: [],
      count: 0,
      offset: 0,
      limit: 50,
      now: NOW,
    })
    expect(answer.checked_at).toBeNull()
    expect(answer.unchecked_days).toEqual(["2026-03-09", "2026-03-10"])
    expect(answer.summary.captured).toBe(0)
  })
})
