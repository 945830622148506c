import { orderDetails, orderLabel } from "../describe"
import { ReceiptError } from "../errors"
import { listOf } from "../input-shape"
import { lineSum, toMilliQuantity } from "../money"
import type { ReceiptOrder, ReceiptReturn } from "../order-input"
import { proportion, type LedgerLine } from "./ledger"

/** A return that counts: not canceled. */
function isLive(entry: ReceiptReturn): boolean {
  return !entry.canceled_at && entry.status !== "canceled"
}

function time(value: Date | string | null | undefined): number {
  const at = value ? new Date(value).getTime() : Number.NaN
  return Number.isNaN(at) ? Number.NEGATIVE_INFINITY : at
}

/** The order's returns that are not canceled, oldest first; `until` leaves out later ones. */
export function liveReturns(
  order: ReceiptOrder,
  until?: Date
): ReceiptReturn[] {
  return listOf(order, order.returns, "returns")
    .filter((entry): entry is ReceiptReturn => !!entry && isLive(entry))
    .filter((entry) => !until || time(entry.created_at) <= until.getTime())
    .sort((a, b) => time(a.created_at) - time(b.created_at))
}

/** Units (thousandths) each order item comes back with in `returns`, by item id. */
export function returnedMilli(
  order: ReceiptOrder,
  returns: ReadonlyArray<ReceiptReturn>
): Map<string, number> {
  const milli = new Map<string, number>()
  for (const entry of returns) {
    for (const item of listOf(order, entry.items, "returns.items")) {
      if (!item?.item_id) {
        continue
      }
      const quantity = toMilliQuantity(item.quantity)
      if (!quantity.ok) {
        throw new ReceiptError(
          "INVALID_INPUT",
          `Return ${entry.display_id ?? entry.id} of ${orderLabel(order)} has an unreadable ` +
            `quantity for item ${item.item_id} (${JSON.stringify(item.quantity ?? null)}). ` +
            `Fetch the order with RECEIPT_ORDER_FIELDS.`,
          { ...orderDetails(order), return_id: entry.id, item_id: item.item_id }
        )
      }
      milli.set(item.item_id, (milli.get(item.item_id) ?? 0) + quantity.milli)
    }
  }
  return milli
}

/** Units (thousandths) of each item Medusa has received back, by item id. */
export function receivedMilli(order: ReceiptOrder): Map<string, number> {
  const milli = new Map<string, number>()
  for (const item of listOf(order, order.items, "items")) {
    const quantity = toMilliQuantity(
      item?.detail?.return_received_quantity ?? 0
    )
    if (item && quantity.ok && quantity.milli > 0) {
      milli.set(item.id, quantity.milli)
    }
  }
  return milli
}

/**
 * What the returned units are worth on each registered line: whole units at the price
 * they were sold for, taken line by line, never more than is left of a line. Goods handed
 * over (`full_payment`) come first: only they can come back; in prepayment mode the
 * units still only prepaid are the ones not shipped yet. Then the other settled goods,
 * then advances, in the pool's order.
 */
export function returnedShares(
  pool: LedgerLine[],
  returned: Map<string, number>
): number[] {
  const wanted = new Map(returned)
  const shares = pool.map(() => 0)
  const order = pool
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        Number(a.entry.line.payment_method !== "full_payment") -
          Number(b.entry.line.payment_method !== "full_payment") ||
        a.index - b.index
    )
  for (const { entry, index } of order) {
    const { line, left } = entry
    const want = line.source.kind === "item" ? wanted.get(line.source.id) : 0
    if (!want || line.price === 0) {
      continue
    }
    const lineMilli = Math.round(line.quantity * 1000)
    const available = Math.min(
      lineMilli,
      Math.floor((left * 1000) / line.price)
    )
    const taken = Math.min(want, available)
    wanted.set(line.source.id, want - taken)
    shares[index] = Math.min(left, lineSum(line.price, taken))
  }
  return shares
}

/** The returns' numbers as the admin shows them, for a receipt's basis. */
export function returnNumbers(returns: ReadonlyArray<ReceiptReturn>): {
  return_numbers?: (number | string)[]
} {
  const numbers = returns
    .map((entry) => entry.display_id)
    .filter((n): n is number | string => n !== null && n !== undefined)
  return numbers.length ? { return_numbers: numbers } : {}
}

/**
 * What a line's kept units are worth at Medusa's price, in kopecks, and its price base:
 * Medusa prices a line for the units not received back yet (`priced`); the units the
 * buyer keeps (ordered less returned) take their share of that.
 */
export function keptValueOf(
  position: { kind: string; id: string; milli: number; total: number },
  returned: ReadonlyMap<string, number>,
  received: ReadonlyMap<string, number>
): { kept: number; priced: number; value: number } {
  const kept =
    position.milli -
    (position.kind === "item" ? (returned.get(position.id) ?? 0) : 0)
  const priced = position.milli - (received.get(position.id) ?? 0)
  const value =
    priced <= 0
      ? 0
      : kept === priced
        ? position.total
        : proportion(position.total, kept, priced)
  return { kept, priced, value }
}
