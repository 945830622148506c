/**
 * The GS1 check digit of a GTIN (mod 10): from the right, the digits before the check
 * digit are weighted 3, 1, 3, 1, …; the check digit brings the sum to a multiple of 10.
 */
export function gtinCheckDigit(body: string): number {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48
    sum += digit * (i % 2 === 0 ? 3 : 1)
  }
  return (10 - (sum % 10)) % 10
}

/** Whether `gtin` (14 digits) ends with its right check digit. */
export function hasValidCheckDigit(gtin: string): boolean {
  return (
    /^\d{14}$/.test(gtin) &&
    gtinCheckDigit(gtin.slice(0, 13)) === Number(gtin[13])
  )
}
