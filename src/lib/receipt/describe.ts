import type { ReceiptErrorDetails } from "./errors"
import type { ReceiptOrder } from "./order-input"

/** How an order is named in error messages: "order #1042 (order_01J…)". */
export function orderLabel(
  order: Pick<ReceiptOrder, "id" | "display_id">
): string {
  const shown = order.display_id ?? null
  return shown === null || shown === ""
    ? `order ${order.id}`
    : `order #${shown} (${order.id})`
}

/** {@link orderLabel} at the start of a sentence: "Order #1042 (order_01J…)". */
export function orderTitle(
  order: Pick<ReceiptOrder, "id" | "display_id">
): string {
  const label = orderLabel(order)
  return label.charAt(0).toUpperCase() + label.slice(1)
}

/** The order part of an error's details. */
export function orderDetails(
  order: Pick<ReceiptOrder, "id" | "display_id">
): ReceiptErrorDetails {
  const details: ReceiptErrorDetails = { order_id: order.id }
  if (order.display_id !== null && order.display_id !== undefined) {
    details.display_id = order.display_id
  }
  return details
}
