import { item, order, shipping, SETTINGS } from "../../__tests__/helpers"
import type { ReceiptOrder, ReceiptReturn } from "../../order-input"
import type { FiscalDocument } from "../../types"
import {
  buildCaptureDocument,
  exchangeCreditForCapture,
} from "../capture-document"
import {
  buildExchangeReturnDocument,
  buildExchangeSaleDocument,
} from "../exchange"
import { buildRefundReceipt } from "../refund-document"

const AT = "2026-03-14T10:00:00Z"
const LATER = "2026-03-15T10:00:00Z"

type Money = { id: string; amount: number; created_at?: string }

/** Куртка 1000 ₽, two hats at 250 ₽, courier 300 ₽: 1 800 ₽. */
function shop(
  captures: Money[],
  refunds: Money[] = [],
  returns: ReceiptReturn[] = [],
  extra: Partial<ReceiptOrder> = {}
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
            captures: captures.map((c) => ({ created_at: AT, ...c })),
            refunds: refunds.map((r) => ({ created_at: LATER, ...r })),
          },
        ],
      },
    ],
    returns,
    ...extra,
  })
}

const lines = (document: FiscalDocument) =>
  document.lines.map((l) => [l.source.id, l.quantity, l.sum, l.payment_method])

describe("a receipt per capture", () => {
  it("a capture of the whole order is a full settlement of every line", () => {
    const doc = buildCaptureDocument(
      shop([{ id: "cap_1", amount: 1800 }]),
      "cap_1",
      SETTINGS,
      { prior: [] }
    )
    expect(lines(doc)).toEqual([
      ["jacket", 1, 100_000, "full_payment"],
      ["hat", 2, 50_000, "full_payment"],
      ["courier", 1, 30_000, "full_payment"],
    ])
    expect(doc.payments).toEqual([{ type: "cashless", sum: 180_000 }])
    expect(doc.basis).toEqual({ kind: "capture", id: "cap_1", amount: 180_000 })
  })

  it("a partial capture is a partial prepayment naming the goods, then the rest settles with the advance offset", () => {
    const o = shop([
      { id: "cap_1", amount: 900 },
      { id: "cap_2", amount: 900, created_at: LATER },
    ])
    const first = buildCaptureDocument(o, "cap_1", SETTINGS, { prior: [] })
    expect(lines(first)).toEqual([
      ["jacket", 1, 50_000, "prepayment"],
      ["hat", 2, 25_000, "prepayment"],
      ["courier", 1, 15_000, "prepayment"],
    ])
    expect(first.lines.map((l) => l.vat)).toEqual([
      "vat122",
      "vat122",
      "vat122",
    ])
    expect(first.total).toBe(90_000)

    const rest = buildCaptureDocument(o, "cap_2", SETTINGS, { prior: [first] })
    expect(lines(rest)).toEqual([
      ["jacket", 1, 100_000, "full_payment"],
      ["hat", 2, 50_000, "full_payment"],
      ["courier", 1, 30_000, "full_payment"],
    ])
    expect(rest.payments).toEqual([
      { type: "cashless", sum: 90_000 },
      { type: "prepayment", sum: 90_000 },
    ])
  })

  it("a capture after an order edit lists only the items the edit added", () => {
    const before = shop([{ id: "cap_1", amount: 1800 }])
    const first = buildCaptureDocument(before, "cap_1", SETTINGS, { prior: [] })
    const edited = shop(
      [
        { id: "cap_1", amount: 1800 },
        { id: "cap_2", amount: 700, created_at: LATER },
      ],
      [],
      [],
      {
        items: [
          ...(before.items ?? []),
          item({ id: "scarf", title: "Шарф", total: 700, quantity: 1 }),
        ],
      }
    )
    const second = buildCaptureDocument(edited, "cap_2", SETTINGS, {
      prior: [first],
    })
    expect(lines(second)).toEqual([["scarf", 1, 70_000, "full_payment"]])
  })

  it("a unit a settlement printed at no price counts as paid for", () => {
    // two stickers for 0.01 ₽: one is printed at 0.01, the other at 0.00 (left out)
    const stickers = item({
      id: "sticker",
      title: "Наклейка",
      total: 0.01,
      quantity: 2,
    })
    const first = buildCaptureDocument(
      order({
        items: [stickers],
        shipping_methods: [],
        payment_collections: [
          {
            payments: [
              { captures: [{ id: "cap_1", amount: 0.01, created_at: AT }] },
            ],
          },
        ],
      }),
      "cap_1",
      SETTINGS,
      { prior: [] }
    )
    expect(lines(first)).toEqual([
      ["sticker", 1, 1, "full_payment"],
      ["sticker", 1, 0, "full_payment"],
    ])
    const edited = order({
      items: [
        stickers,
        item({ id: "pen", title: "Ручка", total: 50, created_at: LATER }),
      ],
      shipping_methods: [],
      payment_collections: [
        {
          payments: [
            {
              captures: [
                { id: "cap_1", amount: 0.01, created_at: AT },
                { id: "cap_2", amount: 50, created_at: LATER },
              ],
            },
          ],
        },
      ],
    })
    const second = buildCaptureDocument(edited, "cap_2", SETTINGS, {
      prior: [first],
    })
    expect(lines(second)).toEqual([["pen", 1, 5_000, "full_payment"]])
  })

  it("refuses a capture for more than is left to pay for", () => {
    const o = shop([
      { id: "cap_1", amount: 1800 },
      { id: "cap_2", amount: 100, created_at: LATER },
    ])
    const first = buildCaptureDocument(o, "cap_1", SETTINGS, { prior: [] })
    expect(() =>
      buildCaptureDocument(o, "cap_2", SETTINGS, { prior: [first] })
    ).toThrow(/already has its receipt/)
  })

  it("in prepayment mode a whole capture is a 100 % prepayment", () => {
    const doc = buildCaptureDocument(
      shop([{ id: "cap_1", amount: 1800 }]),
      "cap_1",
      { ...SETTINGS, paymentMethodMode: "prepayment" },
      { prior: [] }
    )
    expect(doc.lines.every((l) => l.payment_method === "full_prepayment")).toBe(
      true
    )
  })
})

describe("refunds follow returns", () => {
  const returnOfOneHat: ReceiptReturn = {
    id: "ret_1",
    created_at: "2026-03-14T12:00:00Z",
    items: [{ item_id: "hat", quantity: 1 }],
  }

  it("a refund after a return lists exactly the returned units at their price", () => {
    const o = shop(
      [{ id: "cap_1", amount: 1800 }],
      [{ id: "ref_1", amount: 250 }],
      [returnOfOneHat]
    )
    const sale = buildCaptureDocument(o, "cap_1", SETTINGS, { prior: [] })
    const refund = buildRefundReceipt(o, "ref_1", SETTINGS, { prior: [sale] })
    expect(lines(refund)).toEqual([["hat", 1, 25_000, "full_payment"]])
    expect(refund.basis?.return_ids).toEqual(["ret_1"])
  })

  it("a refund with the returned item and shipping adds shipping from the rest", () => {
    const o = shop(
      [{ id: "cap_1", amount: 1800 }],
      [{ id: "ref_1", amount: 550 }],
      [returnOfOneHat]
    )
    const sale = buildCaptureDocument(o, "cap_1", SETTINGS, { prior: [] })
    const refund = buildRefundReceipt(o, "ref_1", SETTINGS, { prior: [sale] })
    expect(lines(refund)).toEqual([
      ["hat", 1, 25_000, "full_payment"],
      ["courier", 1, 30_000, "full_payment"],
    ])
  })

  it("a second refund does not list a return an earlier refund receipt covered", () => {
    const o = shop(
      [{ id: "cap_1", amount: 1800 }],
      [
        { id: "ref_1", amount: 250 },
        { id: "ref_2", amount: 100, created_at: "2026-03-16T10:00:00Z" },
      ],
      [returnOfOneHat]
    )
    const sale = buildCaptureDocument(o, "cap_1", SETTINGS, { prior: [] })
    const first = buildRefundReceipt(o, "ref_1", SETTINGS, { prior: [sale] })
    const second = buildRefundReceipt(o, "ref_2", SETTINGS, {
      prior: [sale, first],
    })
    expect(second.basis?.return_ids).toBeUndefined()
    expect(second.total).toBe(10_000)
  })

  it("a refund without a return is spread over what is left", () => {
    const o = shop(
      [{ id: "cap_1", amount: 1800 }],
      [{ id: "ref_1", amount: 900 }]
    )
    const sale = buildCaptureDocument(o, "cap_1", SETTINGS, { prior: [] })
    const refund = buildRefundReceipt(o, "ref_1", SETTINGS, { prior: [sale] })
    expect(lines(refund)).toEqual([
      ["jacket", 1, 50_000, "full_payment"],
      ["hat", 1, 25_000, "full_payment"],
      ["courier", 1, 15_000, "full_payment"],
    ])
  })

  it("a refund after a partial prepayment returns the prepayment", () => {
    const o = shop(
      [{ id: "cap_1", amount: 900 }],
      [{ id: "ref_1", amount: 900 }]
    )
    const sale = buildCaptureDocument(o, "cap_1", SETTINGS, { prior: [] })
    const refund = buildRefundReceipt(o, "ref_1", SETTINGS, { prior: [sale] })
    expect(refund.lines.every((l) => l.payment_method === "prepayment")).toBe(
      true
    )
    expect(refund.total).toBe(90_000)
  })

  it("refuses a refund of more than the registered receipts leave", () => {
    const o = shop(
      [{ id: "cap_1", amount: 900 }],
      [{ id: "ref_1", amount: 901 }]
    )
    const sale = buildCaptureDocument(o, "cap_1", SETTINGS, { prior: [] })
    expect(() =>
      buildRefundReceipt(o, "ref_1", SETTINGS, { prior: [sale] })
    ).toThrow(/more than its registered sale receipts leave/)
  })
})

describe("exchanges", () => {
  const T1 = "2026-03-14T10:00:00Z"
  const T2 = "2026-03-15T10:00:00Z"
  const T3 = "2026-03-15T11:00:00Z"

  /** A 1 000 ₽ jacket paid, then exchanged (returned and received) for `added`. */
  function exchanged(
    added: { id: string; title: string; total: number },
    money: { captures?: Money[]; refunds?: Money[] }
  ): ReceiptOrder {
    return order({
      items: [
        item({
          id: "jacket",
          title: "Куртка",
          quantity: 1,
          // Medusa prices a line for the units not received back
          total: 0,
          detail: { return_received_quantity: 1 },
          created_at: T1,
        }),
        item({ ...added, quantity: 1, created_at: T2 }),
      ],
      shipping_methods: [],
      payment_collections: [
        {
          payments: [
            {
              id: "pay_1",
              captures: [
                { id: "cap_1", amount: 1000, created_at: T1 },
                ...(money.captures ?? []),
              ],
              refunds: money.refunds ?? [],
            },
          ],
        },
      ],
      returns: [
        {
          id: "ret_1",
          exchange_id: "exch_1",
          created_at: T2,
          items: [{ item_id: "jacket", quantity: 1 }],
        },
      ],
    })
  }
  const firstSale = () =>
    buildCaptureDocument(
      order({
        items: [item({ id: "jacket", title: "Куртка", total: 1000 })],
        shipping_methods: [],
        payment_collections: [
          {
            payments: [
              { captures: [{ id: "cap_1", amount: 1000, created_at: T1 }] },
            ],
          },
        ],
      }),
      "cap_1",
      SETTINGS,
      { prior: [] }
    )

  it("a surcharge: the returned goods become credit first, then the new goods are settled by the surcharge and the credit", () => {
    const o = exchanged(
      { id: "coat", title: "Пальто", total: 1500 },
      { captures: [{ id: "cap_2", amount: 500, created_at: T3 }] }
    )
    const sale = firstSale()
    expect(
      exchangeCreditForCapture(o, "cap_2", SETTINGS, { prior: [sale] })
    ).toEqual({ return_ids: ["ret_1"], value: 100_000 })
    // without the credit, the surcharge would be read as a part of the coat's price
    const credit = buildExchangeReturnDocument(o, SETTINGS, {
      prior: [sale],
      movementId: "cap_2",
      date: T3,
    })
    expect(lines(credit)).toEqual([["jacket", 1, 100_000, "full_payment"]])
    expect(credit.payments).toEqual([{ type: "prepayment", sum: 100_000 }])

    const surcharge = buildCaptureDocument(o, "cap_2", SETTINGS, {
      prior: [sale, credit],
    })
    expect(lines(surcharge)).toEqual([["coat", 1, 150_000, "full_payment"]])
    expect(surcharge.payments).toEqual([
      { type: "cashless", sum: 50_000 },
      { type: "prepayment", sum: 100_000 },
    ])
    expect(
      exchangeCreditForCapture(o, "cap_2", SETTINGS, {
        prior: [sale, credit],
      })
    ).toBeNull()
  })

  it("money back: the refund lists the returned goods, part money and part credit; the new goods are paid by that credit", () => {
    const o = exchanged(
      { id: "scarf", title: "Шарф", total: 700 },
      { refunds: [{ id: "ref_1", amount: 300, created_at: T3 }] }
    )
    const sale = firstSale()
    const refund = buildRefundReceipt(o, "ref_1", SETTINGS, { prior: [sale] })
    expect(lines(refund)).toEqual([["jacket", 1, 100_000, "full_payment"]])
    expect(refund.payments).toEqual([
      { type: "cashless", sum: 30_000 },
      { type: "prepayment", sum: 70_000 },
    ])
    const newGoods = buildExchangeSaleDocument(o, SETTINGS, {
      prior: [sale, refund],
      movementId: "ref_1",
      date: T3,
    })
    expect(lines(newGoods)).toEqual([["scarf", 1, 70_000, "full_payment"]])
    expect(newGoods.payments).toEqual([{ type: "prepayment", sum: 70_000 }])
  })
})
