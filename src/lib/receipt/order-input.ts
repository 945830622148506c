/**
 * The order shape the engine reads: what `query.graph({ entity: "order", fields:
 * RECEIPT_ORDER_FIELDS })` returns in Medusa 2.21. Every field is optional or loose on
 * purpose, so Medusa's own (generated or `any`) types are assignable without casts.
 *
 * Amounts are rubles in whatever shape Medusa hands them over: a number, a numeric
 * string, a `BigNumber` instance or a raw value `{ value, precision }`.
 */

/** Any Medusa amount or quantity: number, numeric string, BigNumber or raw value. */
export type MedusaAmount = unknown

/** Free-form metadata as Medusa stores it. */
export type Metadata = Record<string, unknown> | null | undefined

/** An order line item. */
export type ReceiptOrderItem = {
  id: string
  /** The product title at the time of the order. */
  title?: string | null
  product_title?: string | null
  variant_title?: string | null
  quantity?: MedusaAmount
  unit_price?: MedusaAmount
  /** Amount due for the line: discounts and taxes included. */
  total?: MedusaAmount
  /**
   * Medusa's fulfilment counters of the line. Once a return is received, `total` is the
   * price of the units not received back (`quantity` stays as ordered).
   */
  detail?: { return_received_quantity?: MedusaAmount } | null
  /** When the line was added: at checkout, or later by an order edit or exchange. */
  created_at?: Date | string | null
  /** Line metadata: a storefront can write it, so the engine reads nothing from it. */
  metadata?: Metadata
  variant?: { metadata?: Metadata } | null
  product?: {
    metadata?: Metadata
    /** The product's tags: the shop's tag of marked goods makes it marked. */
    tags?: ReadonlyArray<{ value?: string | null } | null> | null
  } | null
}

/** An order shipping method. */
export type ReceiptShippingMethod = {
  id: string
  name?: string | null
  /** Amount due for shipping: discounts and taxes included. */
  total?: MedusaAmount
  metadata?: Metadata
}

/** A capture of a payment. */
export type ReceiptCapture = {
  id?: string
  amount?: MedusaAmount
  created_at?: Date | string | null
}

/**
 * A Medusa refund (payment module): what `buildRefundDocument` turns into a receipt.
 * `note` and `refund_reason` are accepted and not used.
 */
export type ReceiptRefund = {
  id: string
  amount: MedusaAmount
  created_at?: Date | string | null
  note?: string | null
  refund_reason?: unknown
}

/** One item line of a return: which order item comes back, and how many. */
export type ReceiptReturnItem = {
  item_id?: string | null
  /** Quantity the return was requested for. */
  quantity?: MedusaAmount
}

/**
 * A return of the order (a plain return, or the inbound side of a claim or an exchange).
 * A refund made after it lists its items (docs/fiscal-rules.md, "Refunds follow returns").
 */
export type ReceiptReturn = {
  id: string
  display_id?: number | string | null
  status?: string | null
  created_at?: Date | string | null
  canceled_at?: Date | string | null
  claim_id?: string | null
  exchange_id?: string | null
  items?: ReadonlyArray<ReceiptReturnItem | null> | null
}

/** A payment with its captures and refunds. */
export type ReceiptPayment = {
  id?: string
  captures?: ReadonlyArray<ReceiptCapture | null> | null
  refunds?: ReadonlyArray<ReceiptRefund | null> | null
}

/** A payment collection of the order. */
export type ReceiptPaymentCollection = {
  payments?: ReadonlyArray<ReceiptPayment | null> | null
}

/** An address; only the phone is read. */
export type ReceiptAddress = { phone?: string | null }

/** An order as the engine reads it. */
export type ReceiptOrder = {
  id: string
  /**
   * The marking codes (Честный знак) the shop's staff entered, by line item id, in entry
   * order. Not part of Medusa's order: the pipeline loads them from the fiscal module.
   * A settlement of a marked line needs one per unit (`MARK_CODES_MISSING` otherwise).
   */
  fiscal_mark_codes?: Readonly<Record<string, readonly string[]>> | null
  display_id?: number | string | null
  currency_code?: string | null
  email?: string | null
  created_at?: Date | string | null
  /** Order total; used as the paid amount only when payments were not fetched. */
  total?: MedusaAmount
  shipping_address?: ReceiptAddress | null
  billing_address?: ReceiptAddress | null
  items?: ReadonlyArray<ReceiptOrderItem | null> | null
  shipping_methods?: ReadonlyArray<ReceiptShippingMethod | null> | null
  payment_collections?: ReadonlyArray<ReceiptPaymentCollection | null> | null
  /** Returns, claims' and exchanges' inbound items; read by refunds. */
  returns?: ReadonlyArray<ReceiptReturn | null> | null
  fulfillments?: ReadonlyArray<ReceiptFulfillment | null> | null
}

/**
 * A fulfillment of the order: the goods packed, shipped, delivered together. In prepayment
 * mode its handover is due a settlement receipt (docs/fiscal-rules.md, "Prepayment and
 * the settlement at handover").
 */
export type ReceiptFulfillment = {
  id: string
  created_at?: Date | string | null
  shipped_at?: Date | string | null
  delivered_at?: Date | string | null
  canceled_at?: Date | string | null
  items?: ReadonlyArray<{
    line_item_id?: string | null
    quantity?: MedusaAmount | null
  } | null> | null
}
