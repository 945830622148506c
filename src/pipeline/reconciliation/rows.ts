import { toKopecks } from "../../lib/receipt/money"
import type { ReceiptBasis } from "../../lib/receipt/types"
import type {
  Finding,
  MoneyMovement,
  ReceiptRow,
} from "../../lib/reconciliation/types"

/**
 * What the reconciliation reads of Medusa and of the `fiscal_receipt` rows, turned into
 * the engine's input (docs/fiscal-rules.md, "Reconciliation"). Pure.
 */

/** The `fiscal_receipt` columns the reconciliation reads (the document only for its basis). */
export const RECEIPT_COLUMNS = [
  "id",
  "order_id",
  "source_key",
  "type",
  "reason",
  "status",
  "total",
  "capture_id",
  "refund_id",
  "fulfillment_id",
  "registered_at",
  "created_at",
  "needs_attention",
  "parent_id",
  "document",
]

/**
 * A whole number stored as a `bigNumber` column (kopecks already): Medusa reads it back
 * as a number, a numeric string or a raw `{ value }`. Null when it is none of these.
 */
export function wholeNumber(value: unknown): number | null {
  // rubles to kopecks is ×100 exactly, so the kopecks' hundredth is the number itself
  const hundredfold = toKopecks(value)
  return hundredfold === null ? null : Math.round(hundredfold / 100)
}

/** A `fiscal_receipt` row as the engine reads it: the total as a number, the basis out of the frozen document. */
export function receiptRowOf(row: Record<string, any>): ReceiptRow {
  const document = row.document as { basis?: ReceiptBasis } | null | undefined
  // built apart from the literal: `parent_id` is read where the engine's row has it
  const out = {
    id: row.id as string,
    order_id: row.order_id as string,
    source_key: row.source_key as string,
    type: row.type,
    reason: row.reason,
    status: row.status,
    total:
      row.total === null || row.total === undefined
        ? null
        : wholeNumber(row.total),
    capture_id: row.capture_id ?? null,
    refund_id: row.refund_id ?? null,
    fulfillment_id: row.fulfillment_id ?? null,
    registered_at: row.registered_at ?? null,
    created_at: row.created_at,
    needs_attention: Boolean(row.needs_attention),
    basis: document?.basis ?? null,
    parent_id: row.parent_id ?? null,
  }
  return out
}

/** An order as `query.graph` gives it with its payments' captures and refunds. */
export type OrderWithMoney = {
  id: string
  display_id?: number | string | null
  payment_collections?:
    | ({
        payments?:
          | ({
              captures?: (MovementRecord | null)[] | null
              refunds?: (MovementRecord | null)[] | null
            } | null)[]
          | null
      } | null)[]
    | null
}

/** A capture or refund as Medusa stores it: the amount in rubles, any number shape. */
export type MovementRecord = {
  id: string
  amount: unknown
  created_at: Date | string
}

/**
 * Every capture and refund of the orders, in kopecks, each with its order and the order's
 * number. A movement whose amount cannot be read is left out (it would not be money).
 */
export function movementsOfOrders(orders: ReadonlyArray<OrderWithMoney>): {
  captures: MoneyMovement[]
  refunds: MoneyMovement[]
} {
  const captures: MoneyMovement[] = []
  const refunds: MoneyMovement[] = []
  const movement = (order: OrderWithMoney, m: MovementRecord) => {
    const amount = toKopecks(m.amount)
    if (amount === null) {
      return null
    }
    const out: MoneyMovement = {
      id: m.id,
      order_id: order.id,
      amount,
      created_at: m.created_at,
    }
    if (order.display_id !== null && order.display_id !== undefined) {
      out.order_display_id = order.display_id
    }
    return out
  }
  for (const order of orders) {
    for (const pc of order.payment_collections ?? []) {
      for (const payment of pc?.payments ?? []) {
        for (const c of payment?.captures ?? []) {
          const m = c && movement(order, c)
          if (m) captures.push(m)
        }
        for (const r of payment?.refunds ?? []) {
          const m = r && movement(order, r)
          if (m) refunds.push(m)
        }
      }
    }
  }
  return { captures, refunds }
}

/** The list in pieces of at most `size`, for queries that take a list of ids. */
export function batches<T>(list: ReadonlyArray<T>, size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) {
    out.push(list.slice(i, i + size))
  }
  return out
}

/** The orders' numbers, by order id (orders without one left out). */
export function displayIdsOf(
  orders: ReadonlyArray<OrderWithMoney>
): Map<string, number | string> {
  const out = new Map<string, number | string>()
  for (const order of orders) {
    if (order.display_id !== null && order.display_id !== undefined) {
      out.set(order.id, order.display_id)
    }
  }
  return out
}

/**
 * Findings with their order's number: the engine knows it from the movements only, so a
 * receipt without money or a stuck receipt standing for no movement gets it here.
 */
export function withDisplayIds(
  findings: ReadonlyArray<Finding>,
  displayIds: ReadonlyMap<string, number | string>
): Finding[] {
  return findings.map((f) =>
    f.order_display_id === undefined && displayIds.has(f.order_id)
      ? { ...f, order_display_id: displayIds.get(f.order_id) }
      : f
  )
}
