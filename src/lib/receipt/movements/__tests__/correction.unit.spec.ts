import {
  errorOf,
  item,
  order,
  shipping,
  SETTINGS,
} from "../../__tests__/helpers"
import type { ReceiptOrder } from "../../order-input"
import { buildCaptureDocument } from "../capture-document"
import { buildCorrectionDocument, buildReversalCorrection } from "../correction"
import { moscowDay } from "../../../moscow-day"
import { replayLedger } from "../ledger"
import { buildRefundReceipt } from "../refund-document"

// 22:30 UTC is 01:30 the next day in Moscow: tag 1178 names the Moscow date
const PAID = "2026-03-14T22:30:00Z"
const REFUNDED = "2026-03-20T10:00:00Z"
const SELF = { type: "self" as const }

/** Куртка 1000 ₽ and courier 300 ₽, paid in full; refunds as given. */
function shop(refunds: { id: string; amount: number }[] = []): ReceiptOrder {
  return order({
    items: [item({ id: "jacket", title: "Куртка", total: 1000 })],
    shipping_methods: [shipping({ id: "courier", name: "Курьер", total: 300 })],
    payment_collections: [
      {
        payments: [
          {
            captures: [{ id: "cap_1", amount: 1300, created_at: PAID }],
            refunds: refunds.map((r) => ({ ...r, created_at: REFUNDED })),
          },
        ],
      },
    ],
  })
}

describe("correction receipts", () => {
  it("a missed sale: sell_correction with the lines the receipt would have had and tags 1173/1178", () => {
    const o = shop()
    const sale = buildCaptureDocument(o, "cap_1", SETTINGS, { prior: [] })
    const correction = buildCorrectionDocument(
      o,
      { kind: "capture", id: "cap_1" },
      SETTINGS,
      { prior: [], correction: SELF }
    )
    expect(correction.type).toBe("sell_correction")
    expect(correction.correction).toEqual({
      type: "self",
      base_date: "2026-03-15",
    })
    expect(correction.lines).toEqual(sale.lines)
    expect(correction.payments).toEqual(sale.payments)
    expect(correction.settled_at).toBe(new Date(PAID).toISOString())
    expect(correction.basis).toEqual(sale.basis)
  })

  it("a missed refund: sell_refund_correction; by order of the tax office it carries the order's number", () => {
    const o = shop([{ id: "ref_1", amount: 300 }])
    const sale = buildCaptureDocument(o, "cap_1", SETTINGS, { prior: [] })
    const refund = buildRefundReceipt(o, "ref_1", SETTINGS, { prior: [sale] })
    const correction = buildCorrectionDocument(
      o,
      { kind: "refund", id: "ref_1" },
      SETTINGS,
      {
        prior: [sale],
        correction: { type: "instruction", base_number: " 17/2026 " },
      }
    )
    expect(correction.type).toBe("sell_refund_correction")
    expect(correction.lines).toEqual(refund.lines)
    expect(correction.correction).toEqual({
      type: "instruction",
      base_date: "2026-03-20",
      base_number: "17/2026",
    })
    const missing = errorOf(() =>
      buildCorrectionDocument(o, { kind: "refund", id: "ref_1" }, SETTINGS, {
        prior: [sale],
        correction: { type: "instruction" },
      })
    )
    expect(missing.message).toMatch(/tag 1179/)
  })

  it("the ledger reads a correction as the receipt it stands for", () => {
    const o = shop([{ id: "ref_1", amount: 1300 }])
    const correction = buildCorrectionDocument(
      o,
      { kind: "capture", id: "cap_1" },
      SETTINGS,
      { prior: [], correction: SELF }
    )
    // the refund after a corrected sale refunds what the correction registered
    const refund = buildRefundReceipt(o, "ref_1", SETTINGS, {
      prior: [correction],
    })
    expect(refund.total).toBe(130_000)
    expect(
      replayLedger([correction, refund]).settled.map((e) => e.left)
    ).toEqual([0, 0])
  })

  it("a reversal takes a registered sale back whole, on the sale's date", () => {
    const o = shop()
    const sale = buildCaptureDocument(o, "cap_1", SETTINGS, { prior: [] })
    const reversal = buildReversalCorrection(o, sale, SELF)
    expect(reversal).toMatchObject({
      type: "sell_refund_correction",
      lines: sale.lines,
      payments: sale.payments,
      total: sale.total,
      correction: { type: "self", base_date: "2026-03-15" },
    })
    expect(replayLedger([sale, reversal]).settled).toEqual([])
    expect(errorOf(() => buildReversalCorrection(o, reversal, SELF)).code).toBe(
      "INVALID_INPUT"
    )
  })

  it("after a take-back the capture's correct receipt sells the goods again, and a refund reads it", () => {
    const o = shop([{ id: "ref_1", amount: 300 }])
    const wrong = buildCaptureDocument(o, "cap_1", SETTINGS, { prior: [] })
    const back = buildReversalCorrection(o, wrong, SELF)
    const right = buildCorrectionDocument(
      o,
      { kind: "capture", id: "cap_1" },
      SETTINGS,
      { prior: [wrong, back], correction: SELF }
    )
    expect(right).toMatchObject({
      type: "sell_correction",
      lines: wrong.lines,
      total: 130_000,
    })
    const refund = buildRefundReceipt(o, "ref_1", SETTINGS, {
      prior: [wrong, back, right],
    })
    expect(refund.total).toBe(30_000)
    // a refund correction is a refund, never a take-back
    const missed = buildCorrectionDocument(
      o,
      { kind: "refund", id: "ref_1" },
      SETTINGS,
      { prior: [wrong, back, right], correction: SELF }
    )
    expect(replayLedger([wrong, back, right, missed]).settled).toHaveLength(
      right.lines.length
    )
  })

  it("tag 1178 is the Moscow calendar date", () => {
    expect(moscowDay("2026-03-14T20:59:59Z")).toBe("2026-03-14")
    expect(moscowDay("2026-03-14T21:00:00Z")).toBe("2026-03-15")
  })
})
