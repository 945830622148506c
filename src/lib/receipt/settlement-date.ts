import { ReceiptError, type ReceiptErrorDetails } from "./errors"

const DATE_ONLY_RE = /^\d{4}-\d{2}-\d{2}$/
const NAIVE_DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/

/**
 * The settlement date as an instant. A `Date` or an ISO string with `Z` or an offset is
 * taken as is. A string without a time zone ("2026-01-01", "2025-12-31T23:30") is read
 * as Moscow time (UTC+3), the time zone the VAT switch and Russian shops' books use,
 * never as the server's local time.
 */
export function parseSettlementDate(
  value: Date | string | null | undefined,
  details: ReceiptErrorDetails
): Date {
  let date: Date | null = null
  if (value instanceof Date) {
    date = value
  } else if (typeof value === "string") {
    const text = value.trim()
    if (DATE_ONLY_RE.test(text)) {
      date = new Date(`${text}T00:00:00+03:00`)
    } else if (NAIVE_DATE_TIME_RE.test(text)) {
      date = new Date(`${text.replace(" ", "T")}+03:00`)
    } else {
      date = new Date(text)
    }
  }
  if (!date || Number.isNaN(date.getTime())) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `The settlement date ${JSON.stringify(value ?? null)} is not a date. Pass the date ` +
        `the payment or refund happened (a Date or an ISO 8601 string).`,
      { ...details, date: value ?? null }
    )
  }
  return date
}
