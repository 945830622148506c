import { orderDetails, orderLabel } from "./describe"
import { ReceiptError } from "./errors"
import { formatQuantity, formatRubles, milliToQuantity } from "./money"
import type { ReceiptOrder } from "./order-input"
import type { Position } from "./positions"
import type { ReceiptSettings } from "./settings"
import { priceParts } from "./split-line"
import type { FiscalLine, PaymentMethod } from "./types"
import { vatForPaymentMethod } from "./vat"

/**
 * The receipt lines of one order line that must sum to `sum` kopecks.
 *
 * - Marked goods: one line per unit, quantity 1, one code each (ФФД 1.2: a line with a
 *   marking code has quantity 1); the sum is spread so unit prices differ by at most one
 *   kopeck. A weighed marked package keeps its weight on one line.
 * - Zero sum: omitted by default (see `ZeroTotalLines`); marked units are always kept,
 *   since only a receipt takes a marked unit out of circulation.
 * - Otherwise one line, or two with prices one kopeck apart (see `priceParts`).
 */
export function linesForPosition(
  order: ReceiptOrder,
  position: Position,
  sum: number,
  method: PaymentMethod,
  settings: ReceiptSettings
): FiscalLine[] {
  const vat = vatForPaymentMethod(position.vat, method)
  const line = (
    price: number,
    milli: number,
    lineSum: number,
    code?: string
  ): FiscalLine => ({
    name: position.name,
    price,
    quantity: milliToQuantity(milli),
    sum: lineSum,
    vat,
    payment_method: method,
    payment_object: position.payment_object,
    measure: position.measure,
    ...(code === undefined ? {} : { mark_code: code }),
    source: { kind: position.kind, id: position.id },
  })
  const codes = position.mark_codes

  if (codes && position.milli % 1000 === 0) {
    const units = position.milli / 1000
    const price = Math.floor(sum / units)
    const dearer = sum % units
    return codes.map((code, unit) => {
      const unitPrice = unit < dearer ? price + 1 : price
      return line(unitPrice, 1000, unitPrice, code)
    })
  }

  if (sum === 0 && !codes) {
    return settings.zeroTotalLines === "keep"
      ? [line(0, position.milli, 0)]
      : []
  }

  const parts = priceParts(sum, position.milli)
  if (codes && parts.length > 1) {
    throw new ReceiptError(
      "INVALID_QUANTITY",
      `Item "${position.name}" in ${orderLabel(order)}: no single price gives ` +
        `${formatRubles(sum)} for ${formatQuantity(position.milli)}, and a marked package ` +
        `cannot be split across two lines. Adjust the line total by a kopeck or the weight.`,
      {
        ...orderDetails(order),
        line: { kind: position.kind, id: position.id },
        sum,
      }
    )
  }
  return parts.map((part) => line(part.price, part.milli, part.sum, codes?.[0]))
}
