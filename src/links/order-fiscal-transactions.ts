import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import FiscalModule from "../modules/fiscal"

/**
 * order → fiscal_transactions, read-only: a receipt stores its `order_id`, so the link
 * needs no table of its own and can never disagree with the row.
 * `GET /admin/orders/:id?fields=*fiscal_transactions` and
 * `query.graph({ entity: "order", fields: ["fiscal_transactions.*"] })` both use it.
 */
export default defineLink(
  { linkable: OrderModule.linkable.order, field: "id" },
  { ...FiscalModule.linkable.fiscalTransaction.id, primaryKey: "order_id" },
  { readOnly: true, isList: true }
)
