import { orderDetails, orderLabel, orderTitle } from "./describe"
import { ReceiptError } from "./errors"
import type { ReceiptOrder, ReceiptPayment, ReceiptRefund } from "./order-input"

/** How a value that is not what was expected is named in a message: "null", "a string". */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) {
    return String(value)
  }
  if (Array.isArray(value)) {
    return "a list"
  }
  const type = typeof value
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

/**
 * Refuses a missing order (null, undefined, not an object) or one without an id, with
 * `INVALID_INPUT`, before anything reads it: the pipeline records the message for the
 * admin instead of failing on a TypeError.
 */
export function assertOrder(order: unknown): asserts order is ReceiptOrder {
  if (!isRecord(order)) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `The order to register a receipt for is missing (got ${kindOf(order)}): it was not ` +
        `found or not loaded. Check that the order still exists, then retry the receipt.`,
      { field: "order" }
    )
  }
  if (typeof order.id !== "string" || order.id === "") {
    throw new ReceiptError(
      "INVALID_INPUT",
      `The order to register a receipt for has no id. Fetch it with RECEIPT_ORDER_FIELDS.`,
      { field: "order.id" }
    )
  }
}

/** Refuses a missing refund, or one without an id, with `INVALID_INPUT`. */
export function assertRefund(
  order: ReceiptOrder,
  refund: unknown
): asserts refund is ReceiptRefund {
  if (!isRecord(refund)) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `The refund to register for ${orderLabel(order)} is missing (got ${kindOf(refund)}): ` +
        `it was not found or not loaded. Check that the refund still exists on the order's ` +
        `payment, then retry the receipt.`,
      { ...orderDetails(order), field: "refund" }
    )
  }
  if (typeof refund.id !== "string" || refund.id === "") {
    throw new ReceiptError(
      "INVALID_INPUT",
      `The refund to register for ${orderLabel(order)} has no id. Pass the Medusa refund ` +
        `as the payment module returns it.`,
      { ...orderDetails(order), field: "refund.id" }
    )
  }
}

/**
 * The entries of an optional list in the order data; [] when it is absent. A value that
 * is present but not a list is refused with `INVALID_INPUT` rather than read as empty:
 * reading it as empty would leave lines or payments off the receipt.
 */
export function listOf<T>(
  order: ReceiptOrder,
  value: ReadonlyArray<T> | null | undefined,
  field: string
): ReadonlyArray<T> {
  if (value === null || value === undefined) {
    return []
  }
  if (!Array.isArray(value)) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `${orderTitle(order)} was loaded with unreadable ${field} (${kindOf(value)}, not a ` +
        `list). Fetch it with RECEIPT_ORDER_FIELDS.`,
      { ...orderDetails(order), field }
    )
  }
  return value
}

/** Every payment of every payment collection of the order; lists that are not lists are refused. */
export function paymentsOf(order: ReceiptOrder): ReceiptPayment[] {
  const payments: ReceiptPayment[] = []
  const collections = listOf(
    order,
    order.payment_collections,
    "payment_collections"
  )
  for (const collection of collections) {
    for (const payment of listOf(
      order,
      collection?.payments,
      "payment_collections.payments"
    )) {
      if (payment) {
        payments.push(payment)
      }
    }
  }
  return payments
}

/**
 * The capture or refund with this id among the order's payments; undefined when there is
 * none. Lists that are not lists are refused.
 */
export function findPaymentEntry<K extends "captures" | "refunds">(
  order: ReceiptOrder,
  list: K,
  id: string
): NonNullable<NonNullable<ReceiptPayment[K]>[number]> | undefined {
  for (const payment of paymentsOf(order)) {
    for (const entry of listOf(
      order,
      payment[list] as ReadonlyArray<{ id?: string } | null> | null | undefined,
      `payment_collections.payments.${list}`
    )) {
      if (entry?.id === id) {
        return entry as NonNullable<NonNullable<ReceiptPayment[K]>[number]>
      }
    }
  }
  return undefined
}
