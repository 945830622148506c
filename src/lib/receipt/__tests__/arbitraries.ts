import fc from "fast-check"
import type { ReceiptOrder } from "../order-input"

/** A generated order line with what the engine should make of it. */
export type GeneratedLine = {
  kind: "item" | "shipping"
  id: string
  /** Quantity in thousandths. */
  milli: number
  /** Medusa's total in kopecks. */
  total: number
  /** Expected VAT once resolved for a 2026 full payment with "standard" defaults. */
  vat: string
  measure: number
  codes: string[] | null
}

export type GeneratedOrder = {
  order: ReceiptOrder
  lines: GeneratedLine[]
  /** Σ line totals, kopecks. */
  linesTotal: number
  /** What was captured, kopecks. */
  paid: number
}

const PPM = 1_000_000

/** Unit prices from 0.01 ₽ to 1 000 000 ₽, spread over the orders of magnitude. */
const unitPrice = fc.oneof(
  fc.integer({ min: 1, max: 1_000 }),
  fc.integer({ min: 1, max: 100_000 }),
  fc.integer({ min: 1, max: 100_000_000 })
)

/** Per-line discount in millionths of the line: none, all of it, or anything between. */
const discountPpm = fc.oneof(
  fc.constant(0),
  fc.constant(PPM),
  fc.integer({ min: 0, max: PPM })
)

/** The shapes Medusa hands amounts over in. */
const amountShape = fc.constantFrom("number", "string", "bignumber", "raw")

function shaped(kopecks: number, shape: string): unknown {
  const rubles = kopecks / 100
  const text = (kopecks / 100).toFixed(2)
  switch (shape) {
    case "string":
      return text
    case "bignumber":
      return { numeric_: rubles, raw_: { value: text, precision: 20 } }
    case "raw":
      return { value: text, precision: 20 }
    default:
      return rubles
  }
}

const vatChoice = fc.constantFrom(
  { where: "none", meta: undefined, expected: "vat22" },
  { where: "variant", meta: "vat10", expected: "vat10" },
  { where: "product", meta: "none", expected: "none" },
  { where: "variant", meta: "vat20", expected: "vat22" },
  { where: "product", meta: "5", expected: "vat5" }
)

const pieceItem = fc.record({
  weighed: fc.constant(false),
  quantity: fc.oneof(
    fc.integer({ min: 1, max: 5 }),
    fc.integer({ min: 1, max: 1000 })
  ),
  price: unitPrice,
  discount: discountPpm,
  shape: amountShape,
  vat: vatChoice,
  marked: fc.boolean(),
  title: fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.string({ unit: "grapheme", maxLength: 200 })
  ),
})

const weighedItem = fc.record({
  weighed: fc.constant(true),
  quantity: fc.integer({ min: 1, max: 99_999 }),
  price: fc.integer({ min: 1, max: 10_000_000 }),
  discount: discountPpm,
  shape: amountShape,
  vat: vatChoice,
  marked: fc.constant(false),
  title: fc.string({ maxLength: 20 }),
})

const paidMode = fc.oneof(
  fc.constant({ mode: "exact" as const, ppm: 0 }),
  fc.record({
    mode: fc.constant("less" as const),
    ppm: fc.integer({ min: 0, max: PPM }),
  }),
  fc.record({
    mode: fc.constant("more" as const),
    ppm: fc.integer({ min: 0, max: PPM }),
  })
)

/** Random RUB orders: 1–`maxItems` items, 0–2 shipping methods, a paid amount. */
export function orderArbitrary(maxItems = 120): fc.Arbitrary<GeneratedOrder> {
  return fc
    .record({
      // size "max": lengths over the whole range, not fast-check's default of ~10.
      items: fc.array(
        fc.oneof(
          { weight: 4, arbitrary: pieceItem },
          { weight: 1, arbitrary: weighedItem }
        ),
        { minLength: 1, maxLength: maxItems, size: "max" }
      ),
      shipping: fc.array(
        fc.record({
          total: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100_000 })),
          shape: amountShape,
        }),
        { maxLength: 2 }
      ),
      paid: paidMode,
    })
    .map(({ items, shipping, paid }) => {
      const lines: GeneratedLine[] = []
      const orderItems = items.map((generated, index) => {
        const id = `item_${index}`
        const milli = generated.weighed
          ? generated.quantity
          : generated.quantity * 1000
        const gross = generated.weighed
          ? Math.round((generated.price * generated.quantity) / 1000)
          : generated.price * generated.quantity
        const total = gross - Math.floor((gross * generated.discount) / PPM)
        const marked =
          generated.marked && !generated.weighed && generated.quantity <= 4
        const codes = marked
          ? Array.from(
              { length: generated.quantity },
              (_, unit) => `01046${index}21${unit}\u001d93ab`
            )
          : null
        const vatMeta =
          generated.vat.meta === undefined
            ? {}
            : { fiscal_vat: generated.vat.meta }
        lines.push({
          kind: "item",
          id,
          milli,
          total,
          vat: generated.vat.expected,
          measure: generated.weighed ? 11 : 0,
          codes,
        })
        return {
          id,
          title: generated.title,
          quantity: generated.weighed
            ? String(generated.quantity / 1000)
            : generated.quantity,
          unit_price: generated.price / 100,
          total: shaped(total, generated.shape),
          metadata: {},
          variant: {
            metadata: {
              ...(generated.vat.where === "variant" ? vatMeta : {}),
              ...(generated.weighed ? { fiscal_measure: 11 } : {}),
            },
          },
          product: {
            metadata: generated.vat.where === "product" ? vatMeta : {},
            // marked goods through the shop's tag, their codes entered by the staff
            tags: codes ? [{ value: " честный ЗНАК " }] : [],
          },
        }
      })
      const methods = shipping.map((generated, index) => {
        const id = `ship_${index}`
        lines.push({
          kind: "shipping",
          id,
          milli: 1000,
          total: generated.total,
          vat: "vat22",
          measure: 0,
          codes: null,
        })
        return {
          id,
          name: "Доставка",
          total: shaped(generated.total, generated.shape),
          metadata: null,
        }
      })
      const linesTotal = lines.reduce((sum, line) => sum + line.total, 0)
      const paying = lines.filter((line) => line.total > 0).length
      let paidKopecks = linesTotal
      if (paid.mode === "less") {
        paidKopecks = linesTotal - Math.floor((linesTotal * paid.ppm) / PPM)
      } else if (paid.mode === "more" && linesTotal > 0) {
        paidKopecks = linesTotal + Math.floor((paying * paid.ppm) / PPM)
      }
      const order: ReceiptOrder = {
        id: "order_prop",
        display_id: 1,
        currency_code: "rub",
        email: "buyer@example.com",
        items: orderItems,
        shipping_methods: methods,
        fiscal_mark_codes: Object.fromEntries(
          lines
            .filter((line) => line.codes)
            .map((line) => [line.id, line.codes as string[]])
        ),
        payment_collections: [
          {
            payments: [
              {
                id: "pay_1",
                captures: [
                  {
                    id: "capt_1",
                    amount: shaped(paidKopecks, "bignumber"),
                    created_at: "2026-03-14T10:00:00Z",
                  },
                ],
                refunds: [],
              },
            ],
          },
        ],
      }
      return { order, lines, linesTotal, paid: paidKopecks }
    })
}
