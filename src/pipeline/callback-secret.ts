import { scrubText, scrubValue } from "../providers/kit/scrub"

/**
 * The forms the callback secret can take in what a vendor echoes: as written in the callback
 * URL, and percent-encoded (a secret from the plugin options may hold characters a vendor
 * encodes).
 */
function forms(secret: string): string[] {
  if (!secret) {
    return []
  }
  const encoded = encodeURIComponent(secret)
  return encoded === secret ? [secret] : [secret, encoded]
}

/**
 * `value` (a JSON-like exchange part) with the callback secret replaced by `***`: the
 * callback URL sent to a vendor, and whatever the vendor echoes of it, is kept in the audit log
 * and on the receipt, which the admin API returns.
 */
export function hideCallbackSecret<T>(value: T, secret: string): T {
  // as the JSON column will hold it (dates as text), then masked string by string
  return value === undefined
    ? value
    : scrubValue(JSON.parse(JSON.stringify(value)) as T, forms(secret))
}

/** `text` with the callback secret replaced by `***`. */
export function hideCallbackSecretIn(text: string, secret: string): string {
  return scrubText(text, forms(secret))
}
