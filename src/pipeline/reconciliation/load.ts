import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type {
  MedusaMovements,
  ReceiptRow,
  ReconciliationPeriod,
} from "../../lib/reconciliation/types"
import type FiscalModuleService from "../../modules/fiscal/service"
import { queryOf } from "../causes"
import { instantsOf } from "./period"
import {
  RECEIPT_COLUMNS,
  batches,
  displayIdsOf,
  movementsOfOrders,
  receiptRowOf,
  type OrderWithMoney,
} from "./rows"

/** Ids per query that takes a list of them: keeps each statement's bindings small. */
const IDS_PER_QUERY = 200

/** What the engine reads for a period (docs/fiscal-rules.md, "Reconciliation"). */
export type LoadedInput = {
  movements: MedusaMovements
  receipts: ReceiptRow[]
  /** The orders' numbers, by order id. */
  displayIds: Map<string, number | string>
}

/**
 * Loads what the reconciliation of a period compares, in a few batched queries: the
 * orders the period touched (a capture or refund made in it, a receipt row created or
 * registered in it), then every capture and refund of those orders — also outside the
 * period, so a receipt of an older movement is not taken for one without money — and
 * every receipt row of those orders. Amounts in kopecks.
 */
export async function loadReconciliationInput(
  container: MedusaContainer,
  period: ReconciliationPeriod
): Promise<LoadedInput> {
  const orderIds = await touchedOrders(container, period)
  const [orders, receipts] = await Promise.all([
    loadOrders(container, orderIds),
    loadReceipts(container, orderIds),
  ])
  return {
    movements: movementsOfOrders(orders),
    receipts,
    displayIds: displayIdsOf(orders),
  }
}

/** Orders with a capture or refund made in the period, or a receipt row created or registered in it. */
async function touchedOrders(
  container: MedusaContainer,
  period: ReconciliationPeriod
): Promise<string[]> {
  const { start, end } = instantsOf(period)
  const range = { $gte: start.toISOString(), $lt: end.toISOString() }
  const payment = container.resolve(Modules.PAYMENT)
  const fiscal = container.resolve<FiscalModuleService>("fiscal")
  const [captures, refunds, rows] = await Promise.all([
    payment.listCaptures(
      { created_at: range },
      { select: ["id", "payment_id"], take: null }
    ),
    payment.listRefunds(
      { created_at: range },
      { select: ["id", "payment_id"], take: null }
    ),
    fiscal.listFiscalReceipts(
      { $or: [{ created_at: range }, { registered_at: range }] },
      { select: ["order_id"], take: null }
    ),
  ])
  const paymentIds = new Set<string>()
  for (const m of [...captures, ...refunds]) {
    const id = (m as { payment_id?: string | null }).payment_id
    if (id) {
      paymentIds.add(id)
    }
  }
  const orders = new Set<string>(
    (rows as { order_id: string }[]).map((r) => r.order_id)
  )
  for (const ids of batches([...paymentIds], IDS_PER_QUERY)) {
    const { data } = await queryOf(container).graph({
      entity: "payment",
      fields: ["id", "payment_collection.order.id"],
      filters: { id: ids },
    })
    for (const p of data) {
      const orderId = p?.payment_collection?.order?.id
      if (orderId) {
        orders.add(orderId)
      }
    }
  }
  return [...orders].sort()
}

/** The orders with their number and every capture and refund of their payments. */
async function loadOrders(
  container: MedusaContainer,
  orderIds: string[]
): Promise<OrderWithMoney[]> {
  const out: OrderWithMoney[] = []
  for (const ids of batches(orderIds, IDS_PER_QUERY)) {
    const { data } = await queryOf(container).graph({
      entity: "order",
      fields: [
        "id",
        "display_id",
        "payment_collections.payments.captures.id",
        "payment_collections.payments.captures.amount",
        "payment_collections.payments.captures.created_at",
        "payment_collections.payments.refunds.id",
        "payment_collections.payments.refunds.amount",
        "payment_collections.payments.refunds.created_at",
      ],
      filters: { id: ids },
    })
    out.push(...(data as OrderWithMoney[]))
  }
  return out
}

/** Every receipt row of the orders, as the engine reads it. */
async function loadReceipts(
  container: MedusaContainer,
  orderIds: string[]
): Promise<ReceiptRow[]> {
  const fiscal = container.resolve<FiscalModuleService>("fiscal")
  const out: ReceiptRow[] = []
  for (const ids of batches(orderIds, IDS_PER_QUERY)) {
    const rows = await fiscal.listFiscalReceipts(
      { order_id: ids },
      { select: RECEIPT_COLUMNS, take: null }
    )
    out.push(
      ...(rows as unknown as Record<string, unknown>[]).map(receiptRowOf)
    )
  }
  return out
}
