import {
  codesOf,
  item,
  markedItem,
  order,
  shipping,
  SETTINGS,
} from "../../__tests__/helpers"
import { isReceiptError } from "../../errors"
import type {
  ReceiptFulfillment,
  ReceiptOrder,
  ReceiptReturn,
} from "../../order-input"
import type { FiscalDocument } from "../../types"
import {
  buildCaptureDocument,
  isCollectedOnHandover,
} from "../capture-document"
import { buildHandoverDocument } from "../handover-document"
import { settlementMoment } from "../handover-moment"
import { replayLedger } from "../ledger"
import { buildRefundReceipt } from "../refund-document"

const PAID = "2026-03-14T10:00:00Z"
const SHIPPED = "2026-03-16T10:00:00Z"
const LATER = "2026-03-18T10:00:00Z"
const PREPAY = { ...SETTINGS, paymentMethodMode: "prepayment" as const }

type Money = { id: string; amount: number; created_at?: string }

/** Куртка 1000 ₽, two hats at 250 ₽, courier 300 ₽: 1 800 ₽. */
function shop(
  captures: Money[],
  fulfillments: ReceiptFulfillment[],
  extra: { refunds?: Money[]; returns?: ReceiptReturn[] } = {}
): ReceiptOrder {
  return order({
    items: [
      item({ id: "jacket", title: "Куртка", total: 1000, quantity: 1 }),
      item({ id: "hat", title: "Шапка", total: 500, quantity: 2 }),
    ],
    shipping_methods: [shipping({ id: "courier", name: "Курьер", total: 300 })],
    payment_collections: [
      {
        payments: [
          {
            id: "pay_1",
            captures: captures.map((c) => ({ created_at: PAID, ...c })),
            refunds: (extra.refunds ?? []).map((r) => ({
              created_at: LATER,
              ...r,
            })),
          },
        ],
      },
    ],
    returns: extra.returns ?? [],
    fulfillments,
  })
}

const shipped = (
  id: string,
  items: [string, number][],
  over: Partial<ReceiptFulfillment> = {}
): ReceiptFulfillment => ({
  id,
  created_at: PAID,
  shipped_at: SHIPPED,
  items: items.map(([line_item_id, quantity]) => ({ line_item_id, quantity })),
  ...over,
})

const lines = (document: FiscalDocument) =>
  document.lines.map((l) => [l.source.id, l.quantity, l.sum, l.payment_method])

describe("prepayment mode: the settlement receipt at handover", () => {
  it("a full prepayment, then the shipment of everything: full_payment lines paid by the offset", () => {
    const o = shop(
      [{ id: "cap_1", amount: 1800 }],
      [
        shipped("ful_1", [
          ["jacket", 1],
          ["hat", 2],
        ]),
      ]
    )
    const prepayment = buildCaptureDocument(o, "cap_1", PREPAY, { prior: [] })
    expect(lines(prepayment).map((l) => l[3])).toEqual([
      "full_prepayment",
      "full_prepayment",
      "full_prepayment",
    ])
    const settlement = buildHandoverDocument(o, "ful_1", PREPAY, {
      prior: [prepayment],
    })
    expect(lines(settlement)).toEqual([
      ["jacket", 1, 100_000, "full_payment"],
      ["hat", 2, 50_000, "full_payment"],
      ["courier", 1, 30_000, "full_payment"],
    ])
    // the settled VAT rate, not the calculated one of the prepayment
    expect(settlement.lines.map((l) => l.vat)).toEqual([
      "vat22",
      "vat22",
      "vat22",
    ])
    expect(settlement.payments).toEqual([{ type: "prepayment", sum: 180_000 }])
    expect(settlement.settled_at).toBe(new Date(SHIPPED).toISOString())
    expect(settlement.basis).toEqual({
      kind: "handover",
      id: "ful_1",
      amount: 0,
    })
  })

  it("a partial fulfillment settles only its items, the shipping with the first; the second settles the rest", () => {
    const first = shipped("ful_1", [["hat", 1]])
    const second = shipped("ful_2", [
      ["jacket", 1],
      ["hat", 1],
    ])
    const o = shop([{ id: "cap_1", amount: 1800 }], [first, second])
    const prepayment = buildCaptureDocument(o, "cap_1", PREPAY, { prior: [] })
    const one = buildHandoverDocument(o, "ful_1", PREPAY, {
      prior: [prepayment],
    })
    expect(lines(one)).toEqual([
      ["hat", 1, 25_000, "full_payment"],
      ["courier", 1, 30_000, "full_payment"],
    ])
    expect(one.payments).toEqual([{ type: "prepayment", sum: 55_000 }])
    const two = buildHandoverDocument(o, "ful_2", PREPAY, {
      prior: [prepayment, one],
    })
    expect(lines(two)).toEqual([
      ["jacket", 1, 100_000, "full_payment"],
      ["hat", 1, 25_000, "full_payment"],
    ])
    expect(two.payments).toEqual([{ type: "prepayment", sum: 125_000 }])
    // nothing prepaid is left once everything is handed over
    const ledger = replayLedger([prepayment, one, two])
    expect(
      ledger.settled.filter((e) => e.line.payment_method !== "full_payment")
    ).toEqual([])
  })

  it("a partial prepayment: the settlement offsets the advance and takes the rest; the later capture of that rest has nothing to send", () => {
    const o = shop(
      [
        { id: "cap_1", amount: 900 },
        { id: "cap_2", amount: 900, created_at: LATER },
      ],
      [
        shipped("ful_1", [
          ["jacket", 1],
          ["hat", 2],
        ]),
      ]
    )
    const advance = buildCaptureDocument(o, "cap_1", PREPAY, { prior: [] })
    expect(lines(advance).map((l) => l[3])).toEqual([
      "prepayment",
      "prepayment",
      "prepayment",
    ])
    const settlement = buildHandoverDocument(o, "ful_1", PREPAY, {
      prior: [advance],
    })
    expect(settlement.total).toBe(180_000)
    expect(settlement.payments).toEqual([
      { type: "cashless", sum: 90_000 },
      { type: "prepayment", sum: 90_000 },
    ])
    expect(settlement.basis?.amount).toBe(90_000)
    const rest = buildCaptureDocument(o, "cap_2", PREPAY, {
      prior: [advance, settlement],
    })
    expect(isCollectedOnHandover(rest)).toBe(true)
    expect(rest.basis).toEqual({
      kind: "capture",
      id: "cap_2",
      amount: 90_000,
      collected: 90_000,
    })
    // matched once: the settlement's money is not matched again
    expect(replayLedger([advance, settlement, rest]).collected).toBe(0)
  })

  it("a capture for more than the handover took is a receipt for the rest only", () => {
    const o = shop(
      [
        { id: "cap_1", amount: 300 },
        { id: "cap_2", amount: 1500, created_at: LATER },
      ],
      [shipped("ful_1", [["hat", 2]])]
    )
    const advance = buildCaptureDocument(o, "cap_1", PREPAY, { prior: [] })
    const settlement = buildHandoverDocument(o, "ful_1", PREPAY, {
      prior: [advance],
    })
    // hats 500 + courier 300 = 800, of which the advance carried 300 × 800/1800
    const carried = settlement.payments.find((p) => p.type === "prepayment")
    expect(settlement.total).toBe(80_000)
    const taken = settlement.total - (carried?.sum ?? 0)
    expect(settlement.basis?.amount).toBe(taken)
    const rest = buildCaptureDocument(o, "cap_2", PREPAY, {
      prior: [advance, settlement],
    })
    expect(rest.basis).toMatchObject({ amount: 150_000, collected: taken })
    expect(rest.total).toBe(150_000 - taken)
    expect(rest.payments).toEqual([{ type: "cashless", sum: 150_000 - taken }])
    expect(lines(rest).map((l) => l[0])).toEqual(["jacket"])
  })

  it("a return after the settlement refunds the settled items; a cancellation before it refunds the prepayment", () => {
    const returned: ReceiptReturn = {
      id: "ret_1",
      created_at: LATER,
      items: [{ item_id: "hat", quantity: 1 }],
    }
    const o = shop(
      [{ id: "cap_1", amount: 1800 }],
      [shipped("ful_1", [["hat", 2]])],
      { refunds: [{ id: "ref_1", amount: 250 }], returns: [returned] }
    )
    const prepayment = buildCaptureDocument(o, "cap_1", PREPAY, { prior: [] })
    const settlement = buildHandoverDocument(o, "ful_1", PREPAY, {
      prior: [prepayment],
    })
    const refund = buildRefundReceipt(o, "ref_1", PREPAY, {
      prior: [prepayment, settlement],
    })
    expect(lines(refund)).toEqual([["hat", 1, 25_000, "full_payment"]])

    const canceled = shop([{ id: "cap_1", amount: 1800 }], [], {
      refunds: [{ id: "ref_1", amount: 1800 }],
    })
    const back = buildRefundReceipt(canceled, "ref_1", PREPAY, {
      prior: [prepayment],
    })
    expect(lines(back).map((l) => l[3])).toEqual([
      "full_prepayment",
      "full_prepayment",
      "full_prepayment",
    ])
  })

  it("a handover before any payment takes the whole price at the handover", () => {
    const o = shop(
      [{ id: "cap_1", amount: 1800, created_at: LATER }],
      [
        shipped("ful_1", [
          ["jacket", 1],
          ["hat", 2],
        ]),
      ]
    )
    const settlement = buildHandoverDocument(o, "ful_1", PREPAY, { prior: [] })
    expect(settlement.payments).toEqual([{ type: "cashless", sum: 180_000 }])
    const capture = buildCaptureDocument(o, "cap_1", PREPAY, {
      prior: [settlement],
    })
    expect(isCollectedOnHandover(capture)).toBe(true)
  })

  it("refuses a canceled fulfillment and one with nothing left to settle", () => {
    const o = shop(
      [{ id: "cap_1", amount: 1800 }],
      [
        shipped("ful_1", [["hat", 2]], { canceled_at: SHIPPED }),
        shipped("ful_2", [["hat", 2]]),
      ]
    )
    const prepayment = buildCaptureDocument(o, "cap_1", PREPAY, { prior: [] })
    expect(() =>
      buildHandoverDocument(o, "ful_1", PREPAY, { prior: [prepayment] })
    ).toThrow(/was canceled/)
    const settlement = buildHandoverDocument(o, "ful_2", PREPAY, {
      prior: [prepayment],
    })
    expect(() =>
      buildHandoverDocument(o, "ful_2", PREPAY, {
        prior: [prepayment, settlement],
      })
    ).toThrow(/hands over nothing/)
    expect(() =>
      buildHandoverDocument(o, "ful_9", PREPAY, { prior: [prepayment] })
    ).toThrow(/not among the fulfillments/)
  })

  it("the handover moment is the shop's setting", () => {
    const o = shop(
      [{ id: "cap_1", amount: 1800 }],
      [shipped("ful_1", [["jacket", 1]], { delivered_at: LATER })]
    )
    const prepayment = buildCaptureDocument(o, "cap_1", PREPAY, { prior: [] })
    const at = (handover: "fulfillment_created" | "shipped" | "delivered") =>
      buildHandoverDocument(
        o,
        "ful_1",
        { ...PREPAY, handover },
        { prior: [prepayment] }
      ).settled_at
    expect(at("fulfillment_created")).toBe(new Date(PAID).toISOString())
    expect(at("shipped")).toBe(new Date(SHIPPED).toISOString())
    expect(at("delivered")).toBe(new Date(LATER).toISOString())
  })

  it("marked goods: the prepayment names them without codes; each settlement needs the codes of its units and uses the next ones entered", () => {
    const shoes = markedItem({
      id: "shoes",
      title: "Кеды",
      quantity: 2,
      total: 2000,
    })
    const withCodes = (codes: string[]): ReceiptOrder =>
      order({
        items: [shoes],
        shipping_methods: [],
        payment_collections: [
          {
            payments: [
              { captures: [{ id: "cap_1", amount: 2000, created_at: PAID }] },
            ],
          },
        ],
        fulfillments: [
          shipped("ful_1", [["shoes", 1]]),
          shipped("ful_2", [["shoes", 1]]),
        ],
        fiscal_mark_codes: codesOf([shoes, codes]),
      })
    const prepayment = buildCaptureDocument(withCodes([]), "cap_1", PREPAY, {
      prior: [],
    })
    expect(
      prepayment.lines.map((l) => [l.payment_object, l.mark_code ?? null])
    ).toEqual([["commodity", null]])

    let blocked: unknown
    try {
      buildHandoverDocument(withCodes([]), "ful_1", PREPAY, {
        prior: [prepayment],
      })
    } catch (e) {
      blocked = e
    }
    expect(isReceiptError(blocked) && blocked.code).toBe("MARK_CODES_MISSING")

    const one = buildHandoverDocument(withCodes(["C1"]), "ful_1", PREPAY, {
      prior: [prepayment],
    })
    expect(
      one.lines.map((l) => [l.mark_code, l.payment_object, l.sum])
    ).toEqual([["C1", "marked_commodity", 100_000]])
    const two = buildHandoverDocument(
      withCodes(["C1", "C2"]),
      "ful_2",
      PREPAY,
      { prior: [prepayment, one] }
    )
    expect(two.lines.map((l) => l.mark_code)).toEqual(["C2"])
    expect(two.payments).toEqual([{ type: "prepayment", sum: 100_000 }])
  })
})

describe("the moment settlements follow", () => {
  it("none outside prepayment mode; the setting, or shipped when unset or unknown", () => {
    expect(settlementMoment("full_payment", "delivered")).toBeNull()
    expect(settlementMoment(undefined, "shipped")).toBeNull()
    expect(settlementMoment("prepayment", "delivered")).toBe("delivered")
    expect(settlementMoment("prepayment", null)).toBe("shipped")
    expect(settlementMoment("prepayment", "tomorrow")).toBe("shipped")
  })
})
