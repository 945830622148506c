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
 * | `fiscal_marked` | variant or product | `true` (`"true"`, `"1"`): marked goods (Честный знак); a product is also marked by a payment object of marked goods (30 to 33) or by the shop's tag (`markedProductTag`, default "Честный знак") |
 * | `fiscal_mark_fraction` | variant, then product | the part of one marked package a unit is, `"1/10"`: the line sells that part of the package under one code (tags 1293/1294) |
 * | `fiscal_industry_requisite` | variant, then product | industry requisite (tag 1260): `{ "federal_id": "030", "date": "21.11.2023", "number": "1944", "value": "…" }` or a list of them |
 *
 * Line item metadata is not read at all: a storefront can write line item metadata, and a
 * buyer must not be able to choose a tax rate. Marking codes are entered by the shop's
 * staff in the admin (the order's "Marking codes" section) and stored by the fiscal module;
 * the pipeline passes them to the engine as `ReceiptOrder.fiscal_mark_codes`.
 */
export const FISCAL_METADATA_KEYS = {
  vat: "fiscal_vat",
  paymentObject: "fiscal_payment_object",
  measure: "fiscal_measure",
  name: "fiscal_name",
  marked: "fiscal_marked",
  markFraction: "fiscal_mark_fraction",
  industryRequisite: "fiscal_industry_requisite",
} as const

/** One of {@link FISCAL_METADATA_KEYS}. */
export type FiscalMetadataKey =
  (typeof FISCAL_METADATA_KEYS)[keyof typeof FISCAL_METADATA_KEYS]
