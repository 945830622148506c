import { orderDetails, orderLabel } from "./describe"
import { ReceiptError } from "./errors"
import { listOf, paymentsOf } from "./input-shape"
import { formatRubles, toKopecks } from "./money"
import type { MedusaAmount, ReceiptCapture, ReceiptOrder } from "./order-input"

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

function negativeAmount(
  order: ReceiptOrder,
  paid: number,
  source: string
): never {
  throw new ReceiptError(
    "AMOUNT_OUT_OF_RANGE",
    `The amount paid for ${orderLabel(order)} is ${formatRubles(paid)} (${source}); money ` +
      `received cannot be negative. Check the order's total and payments, then retry the ` +
      `receipt.`,
    { ...orderDetails(order), paid }
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
 *
 * A negative amount from any source is refused with `AMOUNT_OUT_OF_RANGE`.
 */
export function resolvePaidAmount(
  order: ReceiptOrder,
  paidAmount?: MedusaAmount
): number {
  if (paidAmount !== undefined && paidAmount !== null) {
    const paid = toKopecks(paidAmount)
    if (paid === null) {
      invalidAmount(order, "the paid amount", paidAmount)
    }
    if (paid < 0) {
      negativeAmount(order, paid, "the paid amount given")
    }
    return paid
  }
  if (
    order.payment_collections !== undefined &&
    order.payment_collections !== null
  ) {
    let paid = 0
    for (const capture of capturesOf(order)) {
      const amount = toKopecks(capture.amount)
      if (amount === null) {
        const what = `capture ${capture.id ?? ""} amount`.trim()
        invalidAmount(order, what, capture.amount)
      }
      if (amount < 0) {
        // Adding it would print a receipt for less than the money taken in. Money given
        // back is a refund, registered with its own refund receipt (sell_refund).
        const id = capture.id ?? "without an id"
        throw new ReceiptError(
          "AMOUNT_OUT_OF_RANGE",
          `Capture ${id} of ${orderLabel(order)} is for ${formatRubles(amount)}; a capture ` +
            `takes money in and cannot be negative (money given back is a refund, with its ` +
            `own refund receipt). Correct the capture in the order's payments, then retry ` +
            `the receipt.`,
          { ...orderDetails(order), capture_id: capture.id ?? null, amount }
        )
      }
      paid += amount
    }
    return paid
  }
  const paid = toKopecks(order.total)
  if (paid === null) {
    invalidAmount(order, "the order total", order.total)
  }
  if (paid < 0) {
    negativeAmount(order, paid, "the order total")
  }
  return paid
}

/** Every capture of every payment of the order; lists that are not lists are refused. */
function capturesOf(order: ReceiptOrder): ReceiptCapture[] {
  const captures: ReceiptCapture[] = []
  for (const payment of paymentsOf(order)) {
    const entries = listOf(
      order,
      payment.captures,
      "payment_collections.payments.captures"
    )
    for (const capture of entries) {
      if (capture) {
        captures.push(capture)
      }
    }
  }
  return captures
}

/** Date of the latest capture of the order, if payments were fetched with dates. */
export function latestCaptureDate(order: ReceiptOrder): Date | null {
  let latest: Date | null = null
  for (const capture of capturesOf(order)) {
    const at = capture.created_at ? new Date(capture.created_at) : null
    if (at && !Number.isNaN(at.getTime()) && (!latest || at > latest)) {
      latest = at
    }
  }
  return latest
}
