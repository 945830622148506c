import { orderDetails, orderLabel } from "./describe"
import { ReceiptError } from "./errors"
import { formatRubles, lineSum } from "./money"
import type { ReceiptOrder } from "./order-input"
import type { ReceiptSettings } from "./settings"
import type { FiscalDocument } from "./types"

/**
 * Refuses a document the vendor would reject for its size: more lines than it accepts
 * (`TOO_MANY_LINES`) or a price or line sum above its maximum (`AMOUNT_OUT_OF_RANGE`).
 */
export function enforceVendorLimits(
  order: ReceiptOrder,
  document: FiscalDocument,
  settings: ReceiptSettings
): void {
  if (document.lines.length > settings.maxLines) {
    throw new ReceiptError(
      "TOO_MANY_LINES",
      `The receipt for ${orderLabel(order)} needs ${document.lines.length} lines, but the ` +
        `cash-register service accepts at most ${settings.maxLines}. Marked goods take one ` +
        `line per unit and some discounted lines take two. Split the order into several ` +
        `orders, or register this receipt by hand in the service's cabinet.`,
      {
        ...orderDetails(order),
        lines: document.lines.length,
        max_lines: settings.maxLines,
      }
    )
  }
  for (const line of document.lines) {
    const largest = Math.max(line.price, line.sum)
    if (largest > settings.maxLineAmount) {
      throw new ReceiptError(
        "AMOUNT_OUT_OF_RANGE",
        `Line "${line.name}" of ${orderLabel(order)} comes to ${formatRubles(largest)}, ` +
          `above the ${formatRubles(settings.maxLineAmount)} a receipt line may hold. ` +
          `Split the line into several orders or register it by hand.`,
        {
          ...orderDetails(order),
          line: { ...line.source, name: line.name },
          amount: largest,
          max_amount: settings.maxLineAmount,
        }
      )
    }
  }
}

/**
 * Last guard before a document leaves the engine: Σ line sums = total = Σ payments, every
 * sum = round(price × quantity), no negative or fractional kopeck, something to pay.
 * The builders guarantee all of this; a failure here is a bug, and an inconsistent
 * receipt must never reach a cash register.
 */
export function assertConsistent(
  order: ReceiptOrder,
  document: FiscalDocument
): void {
  const problems: string[] = []
  const linesTotal = document.lines.reduce((sum, line) => sum + line.sum, 0)
  const paymentsTotal = document.payments.reduce(
    (sum, payment) => sum + payment.sum,
    0
  )
  if (document.lines.length === 0) {
    problems.push("no lines")
  }
  if (!Number.isSafeInteger(document.total) || document.total <= 0) {
    problems.push(`total ${document.total}`)
  }
  if (linesTotal !== document.total) {
    problems.push(`lines ${linesTotal} ≠ total ${document.total}`)
  }
  if (paymentsTotal !== document.total) {
    problems.push(`payments ${paymentsTotal} ≠ total ${document.total}`)
  }
  document.lines.forEach((line, index) => {
    const milli = Math.round(line.quantity * 1000)
    if (
      !Number.isSafeInteger(line.price) ||
      line.price < 0 ||
      !Number.isSafeInteger(line.sum) ||
      milli <= 0 ||
      Math.abs(milli - line.quantity * 1000) > 1e-6 ||
      lineSum(line.price, milli) !== line.sum
    ) {
      problems.push(
        `line ${index + 1}: ${line.price} × ${line.quantity} ≠ ${line.sum}`
      )
    }
  })
  if (problems.length > 0) {
    throw new ReceiptError(
      "INCONSISTENT_TOTALS",
      `The receipt for ${orderLabel(order)} does not add up (${problems.join("; ")}), so it ` +
        `was not sent. This is a defect in medusa-fiscal: report it with the order id.`,
      { ...orderDetails(order), problems }
    )
  }
}

/** A built document after the last checks ({@link enforceVendorLimits}, {@link assertConsistent}). */
export function checkedDocument(
  order: ReceiptOrder,
  document: FiscalDocument,
  settings: ReceiptSettings
): FiscalDocument {
  enforceVendorLimits(order, document, settings)
  assertConsistent(order, document)
  return document
}
