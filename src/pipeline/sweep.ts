import type { MedusaContainer } from "@medusajs/framework/types"
import type FiscalModuleService from "../modules/fiscal/service"
import { Modules } from "@medusajs/framework/utils"
import type { HandoverMoment } from "../lib/receipt/types"
import {
  ensureCaptureReceipts,
  ensureHandoverReceipts,
  ensureRefundReceipts,
  ensureSaleReceipt,
  handoverSetting,
  isHandedOver,
  queryOf,
  type FulfillmentCause,
} from "./causes"

/**
 * What one sweep recorded: captures (or, at placement, orders), refunds, and fulfillments
 * handed over in prepayment mode.
 */
export type SweepResult = {
  sales: string[]
  refunds: string[]
  handovers: string[]
}

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
  const result: SweepResult = { sales: [], refunds: [], handovers: [] }
  if (!settings.enabled) {
    return result
  }

  if (settings.sell_trigger === "payment_captured") {
    result.sales.push(...(await sweepCaptures(container, since)))
  } else {
    const { data } = await query.graph({
      entity: "order",
      fields: ["id"],
      filters: { created_at: { $gte: since }, is_draft_order: false },
    })
    const have = await existingKeys(
      fiscal,
      data.map((order) => `sell:${order.id}`)
    )
    for (const order of data) {
      if (!have.has(`sell:${order.id}`)) {
        await ensureSaleReceipt(container, { orderId: order.id })
        result.sales.push(order.id)
      }
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
  const moment = handoverSetting(settings)
  if (moment) {
    result.handovers.push(...(await sweepHandovers(container, since, moment)))
  }
  return result
}

/**
 * Fulfillments changed in the window (created, shipped, delivered) whose goods count as
 * handed over and that have no settlement receipt; their ids.
 */
async function sweepHandovers(
  container: MedusaContainer,
  since: Date,
  moment: HandoverMoment
): Promise<string[]> {
  const fiscal = container.resolve<FiscalModuleService>("fiscal")
  const { data } = await queryOf(container).graph({
    entity: "fulfillment",
    fields: [
      "id",
      "created_at",
      "shipped_at",
      "delivered_at",
      "canceled_at",
      "order.id",
    ],
    filters: { updated_at: { $gte: since } },
  })
  const handed = data.filter(
    (f) => f?.order?.id && isHandedOver(f as FulfillmentCause, moment)
  )
  const have = await existingKeys(
    fiscal,
    handed.map((f) => `handover:${f.id}`)
  )
  const recorded: string[] = []
  for (const fulfillment of handed) {
    if (have.has(`handover:${fulfillment.id}`)) {
      continue
    }
    await ensureHandoverReceipts(container, {
      orderId: fulfillment.order.id,
      fulfillmentIds: [fulfillment.id],
    })
    recorded.push(fulfillment.id)
  }
  return recorded
}

/** Captures of the window without a receipt; their ids. */
async function sweepCaptures(
  container: MedusaContainer,
  since: Date
): Promise<string[]> {
  const fiscal = container.resolve<FiscalModuleService>("fiscal")
  const captures = await container
    .resolve(Modules.PAYMENT)
    .listCaptures(
      { created_at: { $gte: since.toISOString() } },
      { select: ["id", "payment_id", "created_at"], take: null }
    )
  const have = await existingKeys(
    fiscal,
    captures.map((c) => `capture:${c.id}`)
  )
  const missing = captures.filter((c) => !have.has(`capture:${c.id}`))
  if (!missing.length) {
    return []
  }
  const { data: payments } = await queryOf(container).graph({
    entity: "payment",
    fields: ["id", "payment_collection.order.id"],
    filters: { id: [...new Set(missing.map((c) => (c as any).payment_id))] },
  })
  const orderOf = new Map<string, string>(
    payments
      .filter((p) => p?.payment_collection?.order?.id)
      .map((p) => [p.id, p.payment_collection.order.id])
  )
  const recorded: string[] = []
  for (const capture of missing) {
    const paymentId = (capture as any).payment_id as string
    const orderId = orderOf.get(paymentId)
    if (!orderId) {
      continue
    }
    const rows = await ensureCaptureReceipts(container, {
      orderId,
      captures: [
        {
          id: capture.id,
          paymentId,
          createdAt: new Date(capture.created_at as unknown as string),
        },
      ],
    })
    if (rows.length) {
      recorded.push(capture.id)
    }
  }
  return recorded
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
