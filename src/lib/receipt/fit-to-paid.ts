import { allocate, type AllocationSlot } from "./allocate"
import { orderDetails, orderTitle } from "./describe"
import { ReceiptError } from "./errors"
import { formatRubles } from "./money"
import type { ReceiptOrder } from "./order-input"
import type { Position } from "./positions"

/**
 * The step at which a share keeps a line at one price: its quantity for goods by the
 * piece; any kopeck for weighed goods and for marked goods (one line per unit anyway).
 */
export function cleanStep(milli: number, marked: boolean): number {
  return marked || milli % 1000 !== 0 ? 1 : milli / 1000
}

/**
 * Each position's amount on the receipt, in kopecks, so that they add up to `paid`.
 *
 * Usually Medusa's line totals already add up to what was captured. When they do not:
 * - paid < Σ totals (an order-level discount, store credit or a partial capture): the
 *   difference is taken off the lines in proportion to their totals, largest remainder
 *   first, in line order on ties; no line goes below zero, free lines stay free;
 * - paid > Σ totals by at most one kopeck per line (each line total was rounded to
 *   kopecks on its own): the kopecks are added the same way;
 * - anything else cannot be a receipt of this order: `INCONSISTENT_TOTALS`.
 */
export function fitToPaid(
  order: ReceiptOrder,
  positions: Position[],
  paid: number
): number[] {
  const totals = positions.map((position) => position.total)
  const linesTotal = totals.reduce((sum, total) => sum + total, 0)
  if (paid === linesTotal) {
    return totals
  }
  const paying = positions.filter((position) => position.total > 0).length
  if (paid > linesTotal && (linesTotal === 0 || paid - linesTotal > paying)) {
    throw new ReceiptError(
      "INCONSISTENT_TOTALS",
      `${orderTitle(order)}: ${formatRubles(paid)} was paid but its lines (items and ` +
        `shipping) add up to ${formatRubles(linesTotal)}. A receipt cannot charge more than ` +
        `the lines cost. Refund the overpayment or correct the order, then retry the receipt.`,
      { ...orderDetails(order), paid, lines_total: linesTotal }
    )
  }
  const discount = paid < linesTotal
  const amount = Math.abs(paid - linesTotal)
  const slots: AllocationSlot[] = positions.map((position) => {
    const step = cleanStep(position.milli, position.mark_codes !== null)
    const rest = position.total % step
    return {
      weight: position.total,
      cap: discount ? position.total : amount,
      step,
      // Clean when what remains of the line divides by its quantity.
      offset: discount ? rest : (step - rest) % step,
    }
  })
  const shares = allocate(amount, slots)
  return totals.map((total, index) =>
    discount ? total - shares[index] : total + shares[index]
  )
}
