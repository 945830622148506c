import { orderDetails, orderLabel } from "./describe"
import { ReceiptError } from "./errors"
import { toKopecks } from "./money"
import type { MedusaAmount, ReceiptOrder } from "./order-input"

function invalidAmount(
  order: ReceiptOrder,
  what: string,
  value: unknown
): never {
  throw new ReceiptError(
    "INVALID_INPUT",
    `Cannot read ${what} of ${orderLabel(order)} (${JSON.stringify(value ?? null)}). ` +
      `Fetch the order with RECEIPT_ORDER_FIELDS.`,
    { ...orderDetails(order), field: what, value: value ?? null }
  )
}

/**
 * The amount the receipt is for, in kopecks: what the buyer actually paid.
 *
 * 1. `paidAmount` when the caller knows it (rubles, e.g. the capture that triggered the
 *    receipt);
 * 2. otherwise the sum of all captures of the order's payments, when payment collections
 *    were fetched (`payment_collections.payments.captures.amount`);
 * 3. otherwise the order `total`, for callers that did not fetch payments at all.
 */
export function resolvePaidAmount(
  order: ReceiptOrder,
  paidAmount?: MedusaAmount
): number {
  let paid: number | null
  if (paidAmount !== undefined && paidAmount !== null) {
    paid = toKopecks(paidAmount)
    if (paid === null) {
      invalidAmount(order, "the paid amount", paidAmount)
    }
  } else if (Array.isArray(order.payment_collections)) {
    paid = 0
    for (const collection of order.payment_collections) {
      for (const payment of collection?.payments ?? []) {
        for (const capture of payment?.captures ?? []) {
          if (!capture) {
            continue
          }
          const amount = toKopecks(capture.amount)
          if (amount === null) {
            const what = `capture ${capture.id ?? ""} amount`.trim()
            invalidAmount(order, what, capture.amount)
          }
          paid += amount
        }
      }
    }
  } else {
    paid = toKopecks(order.total)
    if (paid === null) {
      invalidAmount(order, "the order total", order.total)
    }
  }
  if (paid < 0) {
    throw new ReceiptError(
      "AMOUNT_OUT_OF_RANGE",
      `The amount paid for ${orderLabel(order)} is negative. Check the order's payments.`,
      { ...orderDetails(order), paid }
    )
  }
  return paid
}

/** Date of the latest capture of the order, if payments were fetched with dates. */
export function latestCaptureDate(order: ReceiptOrder): Date | null {
  let latest: Date | null = null
  for (const collection of order.payment_collections ?? []) {
    for (const payment of collection?.payments ?? []) {
      for (const capture of payment?.captures ?? []) {
        const at = capture?.created_at ? new Date(capture.created_at) : null
        if (at && !Number.isNaN(at.getTime()) && (!latest || at > latest)) {
          latest = at
        }
      }
    }
  }
  return latest
}
