import type { MedusaContainer } from "@medusajs/framework/types"
import type FiscalModuleService from "../modules/fiscal/service"
import { ensureRefundReceipts, ensureSaleReceipt, queryOf } from "./causes"

/** What one sweep recorded. */
export type SweepResult = { sales: string[]; refunds: string[] }

/**
 * Finds money movements of the recent past that have no receipt row and records them:
 * captured payments (or placed orders, with the `order_placed` trigger) without their sale
 * receipt, refunds without theirs. A subscriber whose insert failed (the database was
 * restarting) fails its event; on an event bus that does not retry, this is what still
 * finds the cause. Idempotent with the subscribers through the source keys.
 */
export async function sweepMissedReceipts(
  container: MedusaContainer,
  { since }: { since: Date }
): Promise<SweepResult> {
  const fiscal = container.resolve<FiscalModuleService>("fiscal")
  const query = queryOf(container)
  const settings = await fiscal.getEffectiveSettings({ credentials: false })
  const result: SweepResult = { sales: [], refunds: [] }
  if (!settings.enabled) {
    return result
  }

  const sales = new Map<string, string | null>()
  if (settings.sell_trigger === "payment_captured") {
    const { data } = await query.graph({
      entity: "payment",
      fields: ["id", "payment_collection.order.id"],
      filters: { captured_at: { $gte: since } },
    })
    for (const payment of data) {
      const orderId = payment?.payment_collection?.order?.id
      if (orderId && !sales.has(orderId)) {
        sales.set(orderId, payment.id)
      }
    }
  } else {
    const { data } = await query.graph({
      entity: "order",
      fields: ["id"],
      filters: { created_at: { $gte: since }, is_draft_order: false },
    })
    for (const order of data) {
      sales.set(order.id, null)
    }
  }
  const haveSale = await existingKeys(
    fiscal,
    [...sales.keys()].map((id) => `sell:${id}`)
  )
  for (const [orderId, paymentId] of sales) {
    if (!haveSale.has(`sell:${orderId}`)) {
      await ensureSaleReceipt(container, { orderId, paymentId })
      result.sales.push(orderId)
    }
  }

  const { data: refunds } = await query.graph({
    entity: "refund",
    fields: [
      "id",
      "payment.id",
      "payment.payment_collection.order.id",
      "payment.payment_collection.order.status",
    ],
    filters: { created_at: { $gte: since } },
  })
  const haveRefund = await existingKeys(
    fiscal,
    refunds.map((r) => `refund:${r.id}`)
  )
  for (const refund of refunds) {
    const order = refund?.payment?.payment_collection?.order
    if (!order?.id || haveRefund.has(`refund:${refund.id}`)) {
      continue
    }
    // a canceled order's refunds are the cancellation's: the shop decides on those apart
    const canceled = order.status === "canceled"
    if (canceled ? !settings.cancel_receipts : !settings.refund_receipts) {
      continue
    }
    await ensureRefundReceipts(container, {
      orderId: order.id,
      refunds: [{ id: refund.id, paymentId: refund.payment?.id ?? null }],
      reason: canceled ? "cancel" : "refund",
    })
    result.refunds.push(refund.id)
  }
  return result
}

async function existingKeys(
  fiscal: FiscalModuleService,
  keys: string[]
): Promise<Set<string>> {
  if (!keys.length) {
    return new Set()
  }
  const rows = (await fiscal.listFiscalReceipts(
    { source_key: keys },
    { select: ["source_key"], take: null }
  )) as { source_key: string }[]
  return new Set(rows.map((r) => r.source_key))
}
