import { orderDetails, orderLabel } from "./describe"
import { ReceiptError } from "./errors"
import type { ReceiptOrder } from "./order-input"
import type { FiscalCustomer } from "./types"

/** Longest email or phone a vendor accepts for tag 1008 (ATOL: 64). */
const MAX_CONTACT_LENGTH = 64

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** A trimmed email when it looks deliverable and fits the vendor field, else null. */
export function normalizeEmail(raw: unknown): string | null {
  if (typeof raw !== "string") {
    return null
  }
  const email = raw.trim()
  return EMAIL_RE.test(email) && email.length <= MAX_CONTACT_LENGTH
    ? email
    : null
}

/**
 * A phone in the form vendors accept for tag 1008, or null. Russian numbers become
 * `+7XXXXXXXXXX` from any usual spelling: `8 (900) 123-45-67`, `+7 900 123 45 67`,
 * `79001234567`, `9001234567`. A number written with another country code after `+`
 * keeps it (`+375291234567`).
 */
export function normalizePhone(raw: unknown): string | null {
  if (typeof raw !== "string" || /[^\d\s()+\-.]/.test(raw)) {
    return null
  }
  const text = raw.trim()
  const hasPlus = text.startsWith("+")
  if (text.lastIndexOf("+") > 0) {
    return null
  }
  const digits = text.replace(/\D/g, "")
  // "+8 900…" is a common misspelling of the domestic 8-prefix; no country code starts with 8.
  if (digits.length === 11 && (digits[0] === "7" || digits[0] === "8")) {
    return `+7${digits.slice(1)}`
  }
  if (digits.length === 10 && !hasPlus) {
    return `+7${digits}`
  }
  const foreign = hasPlus && !/^[78]/.test(digits)
  if (foreign && digits.length >= 8 && digits.length <= 15) {
    return `+${digits}`
  }
  return null
}

/**
 * Where the OFD sends the electronic receipt (tag 1008): the order email, else the phone
 * of the shipping address, else that of the billing address. An online sale must send the
 * buyer an electronic receipt (54-ФЗ art. 1.2 p. 5), so with neither the receipt is
 * refused with `NO_CONTACT`.
 */
export function resolveCustomer(order: ReceiptOrder): FiscalCustomer {
  const email = normalizeEmail(order.email)
  if (email) {
    return { email }
  }
  const phone =
    normalizePhone(order.shipping_address?.phone) ??
    normalizePhone(order.billing_address?.phone)
  if (phone) {
    return { phone }
  }
  throw new ReceiptError(
    "NO_CONTACT",
    `Cannot send a receipt for ${orderLabel(order)}: it has no valid email and no valid ` +
      `phone number, and 54-FZ requires the receipt to be sent to the buyer. Add the ` +
      `customer's email (or a phone such as +79001234567) to the order, then retry the receipt.`,
    {
      ...orderDetails(order),
      email: order.email ?? null,
      shipping_phone: order.shipping_address?.phone ?? null,
      billing_phone: order.billing_address?.phone ?? null,
    }
  )
}
