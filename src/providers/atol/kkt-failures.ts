import type { AtolError } from "./types"

/**
 * Classification of a `fail` report (docs/vendors/atol.md, "Failed documents"): is the
 * cause gone by itself, so the document may be re-sent under a new external_id
 * (`transient`), or must a person fix the data or the account first?
 *
 * - `timeout` (waited in ATOL's queue past 300 s): transient.
 * - `system`/`unknown`: ATOL's own failure, transient — except −2146233033 "Ошибка форматирования
 *   чека", which is the receipt's data.
 * - `agent`: 2004/2005 (internal failure) and legacy 3 (KKT date) are transient; 2003/2009 (INN
 *   mismatch), 2006/2007 (bad JSON value) and legacy 1/2/4 need a fix.
 * - `driver`: the KKT's own codes. Those ATOL's error table resolves with "исправить чек" (bad
 *   price, quantity, VAT, СНО, payment type, marking, …) need a fix; the rest are the KKT or its
 *   link being down ("Произошел сбой кассы": no connection, shift over 24 h, FN exchange, ИСМ
 *   check timeout 421, …), which ATOL repairs or routes around, so they are transient.
 */
export function isTransientFailure(
  error: Pick<AtolError, "type" | "code">
): boolean {
  switch (error.type) {
    case "timeout":
      return true
    case "agent":
      return TRANSIENT_AGENT_CODES.has(error.code)
    case "driver":
      return !DATA_DRIVER_CODES.has(error.code)
    case "system":
    case "unknown":
    case "none":
      return Math.abs(error.code) !== RECEIPT_FORMAT_ERROR
    default:
      return false
  }
}

/** "Ошибка форматирования чека", type system, listed as −2146233033 and 2146233033. */
const RECEIPT_FORMAT_ERROR = 2146233033

/** Agent codes that pass by themselves: 2004/2005 internal, legacy 3 "bad KKT date". */
const TRANSIENT_AGENT_CODES = new Set([2004, 2005, 3])

/**
 * Driver codes caused by the receipt's data or the account's settings. New numbering
 * (since doc 5.8) and the legacy negative codes side by side
 * (docs/vendors/atol.md, "Failed documents").
 */
const DATA_DRIVER_CODES = new Set([
  // new numbering: "Необходимо исправить чек и отправить повторно" and kin
  13, 16, 17, 23, 24, 27, 41, 48, 52, 53, 57, 58, 60, 63, 66, 98, 110, 128, 134,
  143, 144, 145, 146, 147, 161, 163, 190, 193, 215, 216, 217, 228, 231, 243,
  244, 261, 265, 405, 408, 409, 412, 413,
  // legacy numbering
  -3803, -3804, -3805, -3810, -3816, -3819, -3895, -3896, -3897, -3905, -3969,
  -4021, -4022,
])
