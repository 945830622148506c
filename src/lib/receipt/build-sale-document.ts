import { checkedDocument } from "./check-document"
import { readSaleOrder } from "./read-order"
import { orderDetails, orderLabel } from "./describe"
import { ReceiptError } from "./errors"
import { fitToPaid } from "./fit-to-paid"
import type { MedusaAmount, ReceiptOrder } from "./order-input"
import { resolvePaidAmount } from "./paid-amount"
import { linesForPosition } from "./position-lines"
import { collectPositions } from "./positions"
import type { ReceiptSettingsInput } from "./settings"
import { parseSettlementDate } from "./settlement-date"
import type { FiscalDocument, FiscalPaymentType, PaymentMethod } from "./types"

/**
 * Which sale receipt to build when the shop works in `prepayment` mode:
 * - `payment`: at payment, a 100 % prepayment (`full_prepayment`, calculated VAT rates);
 * - `settlement`: when the goods are handed over, the "чек зачёта предоплаты": the same
 *   goods as `full_payment`, paid by offsetting the prepayment (payment type
 *   `prepayment`, no new money).
 * In `full_payment` mode there is one receipt and the stage is ignored.
 */
export type SaleStage = "payment" | "settlement"

/** Options of {@link buildSaleDocument}. */
export type BuildSaleOptions = {
  /**
   * Settlement date: when the money was received (or, for the settlement stage, when the
   * goods were handed over). It picks the VAT rate. A string without a time zone is read
   * as Moscow time.
   */
  date: Date | string
  /**
   * The amount actually paid, in rubles as Medusa reports amounts. Default: the sum of
   * the order's captures, or the order total when payments were not fetched.
   */
  paidAmount?: MedusaAmount
  /** See {@link SaleStage}. Default `payment`. */
  stage?: SaleStage
}

/**
 * The sale receipt (`sell`) of an order, in integer kopecks.
 *
 * Lines are Medusa's item and shipping totals (discounts and taxes included), fitted to
 * the amount actually paid, priced so that every sum is price × quantity to the kopeck.
 * Throws {@link ReceiptError} when no valid receipt can be built.
 */
export function buildSaleDocument(
  order: ReceiptOrder,
  settingsInput: ReceiptSettingsInput,
  options: BuildSaleOptions
): FiscalDocument {
  const { settings, customer } = readSaleOrder(order, settingsInput)
  const date = parseSettlementDate(options?.date, orderDetails(order))
  const positions = collectPositions(order, settings, date)
  const paid = resolvePaidAmount(order, options?.paidAmount)
  if (paid === 0) {
    throw new ReceiptError(
      "AMOUNT_OUT_OF_RANGE",
      `Nothing has been paid for ${orderLabel(order)} yet, and a receipt is due only for ` +
        `money received. Capture the payment first.`,
      { ...orderDetails(order), paid }
    )
  }

  const prepaymentMode = settings.paymentMethodMode === "prepayment"
  const settlement = prepaymentMode && options?.stage === "settlement"
  const method: PaymentMethod =
    prepaymentMode && !settlement ? "full_prepayment" : "full_payment"
  const paymentType: FiscalPaymentType = settlement
    ? "prepayment"
    : settings.paymentType

  const sums = fitToPaid(order, positions, paid)
  const lines = positions.flatMap((position, index) =>
    linesForPosition(order, position, sums[index], method, settings)
  )
  const document: FiscalDocument = {
    type: "sell",
    lines,
    payments: [{ type: paymentType, sum: paid }],
    total: paid,
    customer,
    settled_at: date.toISOString(),
  }
  return checkedDocument(order, document, settings)
}
