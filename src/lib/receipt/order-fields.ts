/**
 * The `fields` to pass to `query.graph({ entity: "order", fields, filters: { id } })` so
 * the order has every value the receipt engine reads (Medusa 2.21 order graph):
 *
 * - order: id, number shown to the admin, currency (must be RUB), contact for tag 1008,
 *   `total` (fallback for the paid amount when payments are not fetched);
 * - items: names, quantity, Medusa's computed `total` (discounts and taxes included), the
 *   `fiscal_*` metadata of its variant and its product, and the product's tags (the
 *   shop's tag of marked goods);
 * - shipping methods: name, computed `total`, metadata;
 * - payments: captures (the amount actually paid, and its date) and refunds (earlier
 *   refunds, so partial refund receipts never exceed a line);
 * - returns (plain, and the inbound side of claims and exchanges): the items a refund
 *   gives money back for.
 *
 * Keep `total`: Medusa's order module computes the item and shipping totals only when
 * an order-level total field is selected. `items.variant` and `items.product` come
 * through Medusa's read-only order-item links, `payment_collections` through the
 * order ↔ payment collection link.
 *
 * The list is read-only; spread it into the call (and add your own fields freely):
 * `query.graph({ entity: "order", fields: [...RECEIPT_ORDER_FIELDS], filters: { id } })`.
 */
export const RECEIPT_ORDER_FIELDS = [
  "id",
  "display_id",
  "currency_code",
  "email",
  "created_at",
  "total",
  "shipping_address.phone",
  "billing_address.phone",
  "items.id",
  "items.title",
  "items.product_title",
  "items.variant_title",
  "items.quantity",
  "items.unit_price",
  "items.total",
  "items.created_at",
  "items.detail.return_received_quantity",
  "items.variant.metadata",
  "items.product.metadata",
  "items.product.tags.value",
  "shipping_methods.id",
  "shipping_methods.name",
  "shipping_methods.total",
  "shipping_methods.metadata",
  "payment_collections.payments.id",
  "payment_collections.payments.captures.id",
  "payment_collections.payments.captures.amount",
  "payment_collections.payments.captures.created_at",
  "payment_collections.payments.refunds.id",
  "payment_collections.payments.refunds.amount",
  "payment_collections.payments.refunds.created_at",
  "returns.id",
  "returns.display_id",
  "returns.status",
  "returns.created_at",
  "returns.canceled_at",
  "returns.claim_id",
  "returns.exchange_id",
  "returns.items.*",
  "fulfillments.id",
  "fulfillments.created_at",
  "fulfillments.shipped_at",
  "fulfillments.delivered_at",
  "fulfillments.canceled_at",
  "fulfillments.items.line_item_id",
  "fulfillments.items.quantity",
] as const

/** One of {@link RECEIPT_ORDER_FIELDS}. */
export type ReceiptOrderField = (typeof RECEIPT_ORDER_FIELDS)[number]
