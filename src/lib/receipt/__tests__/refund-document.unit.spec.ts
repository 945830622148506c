import type { BuildRefundOptions } from "../build-refund-document"
import { buildRefundDocument, buildSaleDocument, ReceiptError } from "../index"
import type { ReceiptOrder, ReceiptRefund } from "../order-input"
import type { ReceiptSettingsInput } from "../settings"
import {
  DATE_2026,
  documentProblems,
  codesOf,
  item,
  markedItem,
  order,
  paidWith,
  priced,
  SETTINGS,
  shipping,
  sumsBySource,
  errorOf,
} from "./helpers"

const CAPTURED_AT = "2026-03-14T10:00:00Z"

function refund(
  id: string,
  amount: number,
  created_at = "2026-03-20T10:00:00Z"
): ReceiptRefund {
  return { id, amount, created_at }
}

function refundOf(
  input: ReceiptOrder,
  entry: ReceiptRefund,
  options: BuildRefundOptions = {},
  settings: ReceiptSettingsInput = SETTINGS
) {
  return buildRefundDocument(input, entry, settings, options)
}

function cupsAndShipping(refunds: ReceiptRefund[] = []): ReceiptOrder {
  return order({
    items: [
      item({ id: "cups", title: "Чашка", quantity: 3, total: 89.99 }),
      item({
        id: "tea",
        title: "Чай",
        quantity: 2,
        total: 200,
        variant: { metadata: { fiscal_vat: "vat10" } },
      }),
    ],
    shipping_methods: [shipping({ id: "courier", total: 300 })],
    payment_collections: paidWith(589.99, CAPTURED_AT, refunds),
  })
}

describe("buildRefundDocument", () => {
  it("a full refund mirrors the sale lines", () => {
    const input = cupsAndShipping()
    const sale = buildSaleDocument(input, SETTINGS, { date: DATE_2026 })
    const document = refundOf(input, refund("ref_1", 589.99))
    expect(document.type).toBe("sell_refund")
    expect(document.lines).toEqual(sale.lines)
    expect(document.total).toBe(58999)
    expect(document.payments).toEqual([{ type: "cashless", sum: 58999 }])
    expect(document.settled_at).toBe("2026-03-20T10:00:00.000Z")
  })

  it("returning one of three units at its price gives 1 × that price", () => {
    const input = order({
      items: [item({ quantity: 3, total: 300 })],
      payment_collections: paidWith(300),
    })
    expect(priced(refundOf(input, refund("ref_1", 100)))).toEqual([
      [10000, 1, 10000],
    ])
  })

  it("a partial refund is spread in proportion, classification kept", () => {
    const input = cupsAndShipping()
    const sale = buildSaleDocument(input, SETTINGS, { date: DATE_2026 })
    const document = refundOf(input, refund("ref_1", 100))
    expect(documentProblems(document)).toEqual([])
    expect(document.total).toBe(10000)
    const sold = sumsBySource(sale)
    for (const [source, sum] of sumsBySource(document)) {
      const saleSum = sold.get(source)!
      expect(sum).toBeLessThanOrEqual(saleSum)
      // In proportion: within a few kopecks of the exact share.
      expect(Math.abs(sum - (10000 * saleSum) / sale.total)).toBeLessThan(5)
    }
    const describe = (line: (typeof sale.lines)[number]) => [
      line.vat,
      line.payment_method,
      line.payment_object,
      line.measure,
      line.name,
    ]
    for (const line of document.lines) {
      const original = sale.lines.find(
        (candidate) => candidate.source.id === line.source.id
      )!
      expect(describe(line)).toEqual(describe(original))
    }
  })

  it("earlier refunds are taken off; the last returns exactly the rest", () => {
    const sale = buildSaleDocument(cupsAndShipping(), SETTINGS, {
      date: DATE_2026,
    })
    const first = refund("ref_1", 123.45, "2026-03-20T10:00:00Z")
    const second = refund("ref_2", 200, "2026-03-21T10:00:00Z")
    const last = refund("ref_3", 266.54, "2026-03-22T10:00:00Z")
    const input = cupsAndShipping([last, first, second])
    const documents = [first, second, last].map((entry) =>
      refundOf(input, entry)
    )
    const total = new Map<string, number>()
    for (const document of documents) {
      expect(documentProblems(document)).toEqual([])
      for (const [source, sum] of sumsBySource(document)) {
        total.set(source, (total.get(source) ?? 0) + sum)
      }
    }
    expect(total).toEqual(sumsBySource(sale))

    // The same earlier refunds given as the receipts that were sent.
    const fromDocuments = refundOf(input, last, {
      previousRefunds: documents.slice(0, 2),
    })
    expect(fromDocuments.total).toBe(documents[2].total)
    expect(sumsBySource(fromDocuments)).toEqual(sumsBySource(documents[2]))
  })

  it("AMOUNT_OUT_OF_RANGE: more than is left to refund, or nothing", () => {
    const earlier = refund("ref_1", 500, "2026-03-20T10:00:00Z")
    const input = cupsAndShipping([earlier])
    let caught: unknown
    try {
      refundOf(input, refund("ref_2", 100, "2026-03-21T10:00:00Z"))
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ReceiptError)
    expect((caught as ReceiptError).code).toBe("AMOUNT_OUT_OF_RANGE")
    expect((caught as ReceiptError).details).toMatchObject({
      refund_id: "ref_2",
      amount: 10000,
      refundable: 8999,
    })
    expect(() => refundOf(input, refund("ref_0", 0))).toThrow(
      expect.objectContaining({ code: "AMOUNT_OUT_OF_RANGE" })
    )
  })

  it("AMOUNT_OUT_OF_RANGE: a negative refund, current or earlier", () => {
    const input = cupsAndShipping()
    const error = errorOf(() => refundOf(input, refund("ref_neg", -100)))
    expect(error.code).toBe("AMOUNT_OUT_OF_RANGE")
    expect(error.message).toContain("ref_neg")
    expect(error.details).toMatchObject({
      refund_id: "ref_neg",
      amount: -10000,
    })
    const earlier = refund("ref_0", -100, "2026-03-19T10:00:00Z")
    const withEarlier = cupsAndShipping([earlier])
    const previous = errorOf(() => refundOf(withEarlier, refund("ref_1", 100)))
    expect(previous.code).toBe("AMOUNT_OUT_OF_RANGE")
    expect(previous.details).toMatchObject({ refund_id: "ref_0" })
  })

  it("INVALID_INPUT: a missing order or refund is named, not a TypeError", () => {
    const input = cupsAndShipping()
    for (const missing of [null, undefined, "ref_1"]) {
      const error = errorOf(() =>
        refundOf(input, missing as unknown as ReceiptRefund)
      )
      expect(error.code).toBe("INVALID_INPUT")
      expect(error.message).toMatch(/refund .*is missing/i)
      expect(error.details.order_id).toBe(input.id)
    }
    for (const missing of [null, undefined]) {
      const error = errorOf(() =>
        refundOf(missing as unknown as ReceiptOrder, refund("ref_1", 100))
      )
      expect(error.code).toBe("INVALID_INPUT")
      expect(error.message).toMatch(/order .*is missing/i)
    }
    const captures = [{ id: "capt_1", amount: 589.99, created_at: CAPTURED_AT }]
    const noList = {
      ...input,
      payment_collections: [{ payments: [{ captures, refunds: {} }] }],
    } as unknown as ReceiptOrder
    expect(errorOf(() => refundOf(noList, refund("ref_1", 100))).code).toBe(
      "INVALID_INPUT"
    )
  })

  it("keeps the sale's VAT when the refund comes after the rate change", () => {
    const input = order({
      items: [item({ total: 1000 })],
      payment_collections: paidWith(1000, "2025-12-20T10:00:00Z"),
    })
    const partial = refundOf(input, refund("ref_1", 400, "2026-01-15"))
    expect(partial.lines.map((line) => line.vat)).toEqual(["vat20"])

    const sale = buildSaleDocument(input, SETTINGS, { date: "2025-12-20" })
    const mirrored = refundOf(input, refund("ref_1", 1000, "2026-01-15"), {
      saleDocument: sale,
    })
    expect(mirrored.lines).toEqual(sale.lines)
  })

  it("refunds a prepayment receipt with its prepayment lines", () => {
    const input = order({
      items: [item({ total: 1000 })],
      payment_collections: paidWith(1000),
    })
    const settings = { ...SETTINGS, paymentMethodMode: "prepayment" as const }
    const document = refundOf(input, refund("ref_1", 250), {}, settings)
    expect(
      document.lines.map((line) => [line.payment_method, line.vat])
    ).toEqual([["full_prepayment", "vat122"]])
  })

  it("a partial refund of marked goods keeps each unit's code", () => {
    const shoes = markedItem({ quantity: 2, total: 1000 })
    const input = order({
      items: [shoes],
      fiscal_mark_codes: codesOf([shoes, ["M1", "M2"]]),
      payment_collections: paidWith(1000),
    })
    const document = refundOf(input, refund("ref_1", 700))
    expect(
      document.lines.map((line) => [line.price, line.quantity, line.mark_code])
    ).toEqual([
      [35000, 1, "M1"],
      [35000, 1, "M2"],
    ])
  })

  it("uses the sale receipt's contact when the order lost its own", () => {
    const input = order({ items: [item()], payment_collections: paidWith(100) })
    const sale = buildSaleDocument(input, SETTINGS, { date: DATE_2026 })
    const document = refundOf({ ...input, email: null }, refund("ref_1", 100), {
      saleDocument: sale,
    })
    expect(document.customer).toEqual({ email: "buyer@example.com" })
  })
})
