/**
 * Why the engine refused to build a receipt. The pipeline records the receipt as
 * `invalid` with the message; the admin UI translates by `code` and may show `details`.
 */
export const RECEIPT_ERROR_CODES = [
  /** Neither a usable email nor a phone: the OFD has nowhere to send the receipt (tag 1008). */
  "NO_CONTACT",
  /** The order is not in rubles: a Russian cash register only registers RUB. */
  "UNSUPPORTED_CURRENCY",
  /** An amount is negative, zero where money must move, or above the vendor's limit. */
  "AMOUNT_OUT_OF_RANGE",
  /** More receipt lines than the vendor accepts in one document. */
  "TOO_MANY_LINES",
  /** A quantity is zero, negative, has more than 3 decimals or is above 99 999.999. */
  "INVALID_QUANTITY",
  /** The lines cannot be made to add up to the amount paid. */
  "INCONSISTENT_TOTALS",
  /** A `fiscal_*` metadata value is not understood (unknown VAT, payment object, measure, marking). */
  "INVALID_METADATA",
  /**
   * Marked goods (Честный знак) are settled, and fewer marking codes are entered for a
   * line than it has units: the staff scan them in the order's "Marking codes" section.
   */
  "MARK_CODES_MISSING",
  /** A receipt setting is not valid (unknown VAT code, payment object, limits). */
  "INVALID_SETTINGS",
  /** The order or refund is missing, or lacks a field the engine needs: fetch it with `RECEIPT_ORDER_FIELDS`. */
  "INVALID_INPUT",
] as const

/** Machine-readable reason of a {@link ReceiptError}. */
export type ReceiptErrorCode = (typeof RECEIPT_ERROR_CODES)[number]

/** Structured context of a {@link ReceiptError}; amounts are in kopecks. */
export type ReceiptErrorDetails = {
  /** Medusa order id. */
  order_id?: string
  /** The number the admin sees (`#123`). */
  display_id?: string | number
  /** The order line at fault, when there is one. */
  line?: { kind: "item" | "shipping"; id: string; name?: string }
  [key: string]: unknown
}

/**
 * A receipt that must not be sent. `message` is in English and tells a shop admin which
 * order or line is wrong and what to do about it.
 */
export class ReceiptError extends Error {
  readonly code: ReceiptErrorCode
  readonly details: ReceiptErrorDetails

  constructor(
    code: ReceiptErrorCode,
    message: string,
    details: ReceiptErrorDetails = {}
  ) {
    super(message)
    this.name = "ReceiptError"
    this.code = code
    this.details = details
  }
}

/** Narrows an unknown thrown value to a {@link ReceiptError}. */
export function isReceiptError(error: unknown): error is ReceiptError {
  return error instanceof ReceiptError
}
