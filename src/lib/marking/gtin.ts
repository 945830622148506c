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

/**
 * A product barcode as the GTIN-14 a marking code carries: GTIN-8, UPC-A (12 digits),
 * EAN-13 or GTIN-14 with its right check digit, padded with leading zeros to 14 digits.
 * Null for anything else (an empty value, letters, another length, a wrong check digit):
 * such a barcode is not a GTIN and says nothing of the product's codes.
 */
export function barcodeGtin(value: unknown): string | null {
  if (typeof value !== "string") {
    return null
  }
  const digits = value.trim()
  if (!/^(?:\d{8}|\d{12,14})$/.test(digits)) {
    return null
  }
  const gtin = digits.padStart(14, "0")
  return hasValidCheckDigit(gtin) ? gtin : null
}

/** What a product variant may say of its barcode (Medusa's `ean`, `upc`, `barcode`). */
export type VariantBarcodes = {
  ean?: string | null
  upc?: string | null
  barcode?: string | null
}

/**
 * The GTIN-14s of a variant: each of its `ean`, `upc` and `barcode` that is a GTIN (see
 * {@link barcodeGtin}), without repeats. Empty when it has none: then any GTIN fits it.
 */
export function variantGtins(
  variant: VariantBarcodes | null | undefined
): string[] {
  const gtins = [variant?.ean, variant?.upc, variant?.barcode].map(barcodeGtin)
  return [...new Set(gtins.filter((gtin): gtin is string => gtin !== null))]
}
