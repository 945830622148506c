/**
 * Classification of an operation that ended in ERROR: `data.error.{code, message}`, codes
 * undocumented (docs/vendors/dreamkas.md, "Error codes"). An ERROR operation printed
 * nothing; the question is only
 * whether the cause passes by itself, so the receipt may be sent again automatically under a
 * new external id (`transient`), or a person must act first.
 *
 * Transient: the kassa did not take the receipt in time (offline, `timeout` elapsed), the shift
 * ran over 24 hours (the kassa closes and reopens it), or Dreamkas' own failure.
 * Lasting: everything else — the fiscal storage, the taxation system or VAT rate the kassa is
 * not registered for, a receipt the kassa refused. Unknown codes are lasting too, so an
 * unfamiliar failure is shown to a person instead of being re-sent in a loop.
 */
export function isTransientOperationError(error: {
  code?: string | number | null
  message?: string | null
}): boolean {
  const code = String(error.code ?? "").toUpperCase()
  if (TRANSIENT_CODES.has(code)) {
    return true
  }
  if (LASTING_CODES.has(code)) {
    return false
  }
  return TRANSIENT_MESSAGE.test(error.message ?? "")
}

/** Codes the emulator produces for passing causes (see the emulator's error catalogue). */
const TRANSIENT_CODES = new Set([
  "RECEIPT_TIMEOUT",
  "TIMEOUT",
  "DEVICE_OFFLINE",
  "DEVICE_BUSY",
  "SHIFT_EXPIRED",
  "INTERNAL_ERROR",
])

/** Codes that need a person whatever the message says. */
const LASTING_CODES = new Set([
  "FN_ERROR",
  "FN_EXPIRED",
  "TAX_MODE_NOT_SUPPORTED",
  "TAX_NOT_SUPPORTED",
  "KKT_REJECTED",
  "INVALID_RECEIPT",
])

/** Messages of an unknown code that still clearly describe a passing cause. */
const TRANSIENT_MESSAGE =
  /тайм-?аут|timeout|timed out|не в сети|нет связи|offline|недоступ/i
