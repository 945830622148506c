/**
 * Metadata keys the engine reads. Set them in the Medusa admin (product or variant
 * "Metadata" section, shipping option data) to override the settings for one product.
 *
 * | key | where | value |
 * |---|---|---|
 * | `fiscal_vat` | variant, then product; shipping method | `"vat22"`, `"vat10"`, `"vat5"`, `"vat7"`, `"vat0"`, `"none"`, `"standard"`, or a percentage (`10`, `"10%"`) |
 * | `fiscal_payment_object` | variant, then product; shipping method | a name (`"commodity"`, `"service"`, `"excise"`, `"job"`…) or its ФФД 1.2 code (`1`, `4`…) |
 * | `fiscal_measure` | variant, then product; shipping method | a tag 2108 code (`0` pieces, `11` kg, `41` l…) or `"pcs"`, `"kg"`, `"g"`, `"l"`, `"ml"`, `"m"`, `"t"` |
 * | `fiscal_name` | variant, then product; shipping method | the name to print instead of the title |
 * | `fiscal_mark_codes` | order line item | marking codes (Честный знак), one per unit: an array of strings, or a string separated by newlines or commas |
 *
 * Line item metadata is not read for VAT, payment object, measure or name: a storefront
 * can write line item metadata, and a buyer must not be able to choose a tax rate.
 */
export const FISCAL_METADATA_KEYS = {
  vat: "fiscal_vat",
  paymentObject: "fiscal_payment_object",
  measure: "fiscal_measure",
  name: "fiscal_name",
  markCodes: "fiscal_mark_codes",
} as const

/** One of {@link FISCAL_METADATA_KEYS}. */
export type FiscalMetadataKey =
  (typeof FISCAL_METADATA_KEYS)[keyof typeof FISCAL_METADATA_KEYS]
