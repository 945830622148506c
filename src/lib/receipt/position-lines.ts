import { unmarkedPaymentObject } from "./classification"
import { orderDetails, orderLabel } from "./describe"
import { ReceiptError } from "./errors"
import { formatQuantity, formatRubles, milliToQuantity } from "./money"
import type { ReceiptOrder } from "./order-input"
import { markCodesNeeded, type Position } from "./positions"
import type { ReceiptSettings } from "./settings"
import { priceParts } from "./split-line"
import type { FiscalLine, PaymentMethod } from "./types"
import { vatForPaymentMethod } from "./vat"

/** Payment methods of a prepayment: the goods have not left yet (ФФД tag 1214 = 1, 2, 3). */
const PREPAYMENT_METHODS: ReadonlySet<PaymentMethod> = new Set([
  "full_prepayment",
  "prepayment",
  "advance",
])

/**
 * The codes of a marked position settled now: one per unit, the first ones entered.
 * Fewer codes than units is `MARK_CODES_MISSING`, with what the staff do about it.
 */
function settledCodes(
  order: ReceiptOrder,
  position: Position,
  settings: ReceiptSettings
): string[] {
  const codes = position.mark_codes ?? []
  const needed = markCodesNeeded(position.milli, position.mark_fraction)
  if (codes.length >= needed) {
    return codes.slice(0, needed)
  }
  const units = position.milli % 1000 === 0 ? position.milli / 1000 : 1
  const prepayment =
    settings.paymentMethodMode === "full_payment"
      ? " To send the receipt at payment without codes, switch the receipts to " +
        "prepayment mode in Settings → Fiscalization: the codes are then needed only " +
        "for the settlement receipt when the goods are handed over."
      : ""
  throw new ReceiptError(
    "MARK_CODES_MISSING",
    `Item "${position.name}" in ${orderLabel(order)} is marked goods (Честный знак): ` +
      `its ${units === 1 ? "unit needs" : `${units} units need`} ${needed} marking ` +
      `code${needed === 1 ? "" : "s"}, ${codes.length} ${codes.length === 1 ? "is" : "are"} ` +
      `entered. Scan the codes in the order's Marking codes section; the receipt goes ` +
      `out by itself once they are there.${prepayment}`,
    {
      ...orderDetails(order),
      line: { kind: position.kind, id: position.id, name: position.name },
      units,
      needed,
      entered: codes.length,
    }
  )
}

/**
 * The receipt lines of one order line that must sum to `sum` kopecks.
 *
 * - Marked goods settled (`full_payment`: the goods leave): one line per unit, quantity 1,
 *   one code each (ФФД 1.2: a line with a marking code has quantity 1), the first codes
 *   entered; the sum is spread so unit prices differ by at most one kopeck. A weighed
 *   marked package keeps its weight on one line; part of a package
 *   (`mark_fraction`) is one line of quantity 1 with the code and `mark_quantity`. Too
 *   few codes: `MARK_CODES_MISSING`.
 * - Marked goods prepaid (`full_prepayment`, `prepayment`, `advance`): no codes, the
 *   unmarked payment object (commodity, excise): the goods have not left yet.
 * - Zero sum: omitted by default (see `ZeroTotalLines`); marked units settled are always
 *   kept, since only a receipt takes a marked unit out of circulation.
 * - Otherwise one line, or two with prices one kopeck apart (see `priceParts`).
 * - Industry requisites of the goods (tag 1260) go on every line.
 */
export function linesForPosition(
  order: ReceiptOrder,
  position: Position,
  sum: number,
  method: PaymentMethod,
  settings: ReceiptSettings
): FiscalLine[] {
  const vat = vatForPaymentMethod(position.vat, method)
  const settled = position.marked && !PREPAYMENT_METHODS.has(method)
  const codes = settled ? settledCodes(order, position, settings) : null
  const paymentObject =
    position.marked && !settled
      ? unmarkedPaymentObject(position.payment_object)
      : position.payment_object
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
    payment_object: paymentObject,
    measure: position.measure,
    ...(code === undefined ? {} : { mark_code: code }),
    ...(code !== undefined && position.mark_fraction
      ? {
          mark_quantity: {
            numerator:
              (position.milli / 1000) * position.mark_fraction.numerator,
            denominator: position.mark_fraction.denominator,
          },
        }
      : {}),
    ...(position.industry_requisites
      ? { industry_requisites: position.industry_requisites }
      : {}),
    source: { kind: position.kind, id: position.id },
  })

  if (codes && position.mark_fraction) {
    // part of one marked package: one line of quantity 1 (ФФД 1.2 with tags 1293/1294)
    return [line(sum, 1000, sum, codes[0])]
  }

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
