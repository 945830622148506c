import { orderDetails, orderTitle } from "./describe"
import { ReceiptError } from "./errors"
import type { ReceiptOrder } from "./order-input"

/** A Russian cash register registers settlements in rubles only (54-ФЗ, ФФД). */
export function assertRubles(order: ReceiptOrder): void {
  const currency = order.currency_code
  if (typeof currency !== "string" || currency.trim() === "") {
    throw new ReceiptError(
      "INVALID_INPUT",
      `${orderTitle(order)} was loaded without its currency. Fetch it with RECEIPT_ORDER_FIELDS.`,
      { ...orderDetails(order), field: "currency_code" }
    )
  }
  if (currency.trim().toLowerCase() !== "rub") {
    throw new ReceiptError(
      "UNSUPPORTED_CURRENCY",
      `${orderTitle(order)} is in ${currency.toUpperCase()}, but fiscal receipts can only be ` +
        `registered in rubles (RUB). Sell in a RUB region, or register this sale by other means.`,
      { ...orderDetails(order), currency_code: currency }
    )
  }
}
