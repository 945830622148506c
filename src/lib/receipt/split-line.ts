import { lineSum } from "./money"

/** A priced part of a line: `sum = round(price × quantity)` exactly (tag 1043 = 1079 × 1023). */
export type PricedPart = {
  /** Unit price in kopecks. */
  price: number
  /** Quantity in thousandths. */
  milli: number
  /** Sum in kopecks. */
  sum: number
}

/**
 * Prices a line of `milli` thousandths of a unit that must sum to `sum` kopecks.
 *
 * ФФД 1.2 requires the line sum to be price × quantity, and ATOL no longer turns a
 * mismatch into a discount (doc 5.12), so an amount that no single price gives is never
 * sent as is, and the rest is never dumped on another line (mygento's "residue goes to
 * shipping"). Instead:
 *
 * 1. One price when one exists: for goods by the piece when `sum` divides by the quantity;
 *    for weighed goods when some price p has round(p × q) = sum (always the case for
 *    q ≤ 1, e.g. 0.7 kg for 100.00 → 142.86 × 0.7 = 99.999 → 100.00). The price nearest
 *    to sum / q is chosen.
 * 2. Otherwise two parts whose prices differ by one kopeck: p = ⌊sum / q⌋ for q − r units
 *    and p + 0.01 for r units (3 × 29.997 → 2 × 30.00 + 1 × 29.99). For weighed goods the
 *    split quantity is searched so that the two rounded sums add up exactly; such a split
 *    always exists, because moving 0.001 from one part to the other changes the rounded
 *    total by at most one kopeck and the two extremes bracket `sum`.
 *
 * The higher-priced part comes first. Prices are never negative.
 */
export function priceParts(sum: number, milli: number): PricedPart[] {
  if (
    !Number.isSafeInteger(sum) ||
    sum < 0 ||
    !Number.isSafeInteger(milli) ||
    milli <= 0
  ) {
    throw new Error(`priceParts: invalid sum ${sum} or quantity ${milli}`)
  }
  const single = singlePrice(sum, milli)
  if (single !== null) {
    return [{ price: single, milli, sum }]
  }
  const scaled = BigInt(sum) * 1000n
  const price = Number(scaled / BigInt(milli))
  // The exact split quantity for goods by the piece; a starting point for weighed goods.
  let upper = Number(scaled - BigInt(price) * BigInt(milli))
  const total = (upperMilli: number) =>
    lineSum(price, milli - upperMilli) + lineSum(price + 1, upperMilli)
  let reached = total(upper)
  const direction = reached < sum ? 1 : -1
  while (reached !== sum) {
    upper += direction
    if (upper <= 0 || upper >= milli) {
      throw new Error(`priceParts: no split of ${sum} over ${milli}`)
    }
    reached = total(upper)
  }
  return [
    { price: price + 1, milli: upper, sum: lineSum(price + 1, upper) },
    { price, milli: milli - upper, sum: lineSum(price, milli - upper) },
  ]
}

/** The price p nearest to sum / quantity with round(p × quantity) = sum, or null. */
export function singlePrice(sum: number, milli: number): number | null {
  const scaled = BigInt(sum) * 1000n
  const quantity = BigInt(milli)
  // Round half up of scaled / quantity: the closest candidate.
  const nearest = Number((scaled * 2n + quantity) / (quantity * 2n))
  for (const candidate of [nearest, nearest - 1, nearest + 1]) {
    if (candidate >= 0 && lineSum(candidate, milli) === sum) {
      return candidate
    }
  }
  return null
}
