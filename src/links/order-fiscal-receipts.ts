import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import FiscalModule from "../modules/fiscal"

/**
 * order → fiscal_receipts, read-only: a receipt stores its `order_id`, so the link
 * needs no table of its own and can never disagree with the row.
 * `GET /admin/orders/:id?fields=*fiscal_receipts` and
 * `query.graph({ entity: "order", fields: ["fiscal_receipts.*"] })` both use it.
 */
export default defineLink(
  { linkable: OrderModule.linkable.order, field: "id" },
  { ...FiscalModule.linkable.fiscalReceipt.id, primaryKey: "order_id" },
  { readOnly: true, isList: true }
)
