import fc from "fast-check"
import type { ReceiptOrderItem } from "../../order-input"
import type { FiscalDocument } from "../../types"

/** Shares of the property tests are parts per million. */
export const PPM = 1_000_000

/** The items of a random order: price in kopecks, quantity, discount in percent. */
export const itemsArbitrary = fc.array(
  fc.record({
    price: fc.integer({ min: 1, max: 500_000 }),
    quantity: fc.integer({ min: 1, max: 4 }),
    discount: fc.integer({ min: 0, max: 99 }),
  }),
  { minLength: 1, maxLength: 6 }
)

/** A capture of a share of what is still due, or of all of it. */
export const captureStep = fc.record({
  kind: fc.constant("capture" as const),
  share: fc.integer({ min: 1, max: PPM }),
  rest: fc.boolean(),
})

export const rubles = (kopecks: number) => kopecks / 100

/** The moment of step `step` of a plan. */
export const at = (step: number) =>
  new Date(Date.UTC(2026, 2, 1, 10, step)).toISOString()

/** The order items of a plan, as Medusa reports them (totals in rubles). */
export function planItems(
  items: { price: number; quantity: number; discount: number }[]
): ReceiptOrderItem[] {
  return items.map((entry, i) => ({
    id: `item_${i}`,
    title: `Товар ${i}`,
    quantity: entry.quantity,
    total: rubles(
      Math.floor((entry.price * entry.quantity * (100 - entry.discount)) / 100)
    ),
    created_at: at(0),
  }))
}

/** Money a document moved: its payments less any offset; refunds negative. */
export function money(document: FiscalDocument): number {
  const paid = document.payments
    .filter((p) => p.type !== "prepayment")
    .reduce((sum, p) => sum + p.sum, 0)
  return document.type === "sell" ? paid : -paid
}
