import { model } from "@medusajs/framework/utils"

/**
 * A marking code (Честный знак) of one unit of an order line, entered by the shop's staff
 * in the admin (scanned from the pack). The receipt engine puts the codes of a line on its
 * settlement receipt, one per unit; they are never taken from the storefront's data.
 * A code is used once in the shop: deleting the row frees it.
 */
export const FiscalMarkCode = model
  .define("fiscal_mark_code", {
    // Primary key, e.g. fmc_01J…
    id: model.id({ prefix: "fmc" }).primaryKey(),
    // Medusa order the unit belongs to.
    order_id: model.text().index("IDX_fiscal_mark_code_order_id"),
    // Order line item the unit belongs to.
    line_item_id: model.text(),
    // The whole code as the cash register needs it: GS (U+001D) after each
    // variable-length element, normalized from whatever the scanner typed.
    code: model.text(),
    // (01) GTIN-14 of the product, read from the code.
    gtin: model.text(),
    // Place of the code among its item's codes (0, 1, …): the order they were entered in.
    ordinal: model.number(),
  })
  .indexes([
    {
      // a code is used once in the shop (among rows not deleted)
      name: "IDX_fiscal_mark_code_code_unique",
      on: ["code"],
      unique: true,
    },
    {
      name: "IDX_fiscal_mark_code_line_item_id",
      on: ["line_item_id"],
    },
  ])
