import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type FiscalModuleService from "../modules/fiscal/service"
import type { FiscalReceiptDTO } from "../modules/fiscal/types/receipt"

/** Provider id written on rows created while no provider is chosen yet. */
export const NO_PROVIDER = "unconfigured"

type Query = {
  graph(args: {
    entity: string
    fields: string[]
    filters: Record<string, unknown>
  }): Promise<{ data: Record<string, any>[] }>
}

const fiscalOf = (c: MedusaContainer) =>
  c.resolve<FiscalModuleService>("fiscal")
/** Medusa's query, typed as far as the pipeline reads it. */
export const queryOf = (c: MedusaContainer) =>
  c.resolve(ContainerRegistrationKeys.QUERY) as unknown as Query

/**
 * The sale receipt of an order: one per order whatever the trigger, so a duplicated event,
 * both triggers firing, or an admin pressing "Send to KKM" all find the same row.
 */
export async function ensureSaleReceipt(
  container: MedusaContainer,
  input: {
    orderId: string
    paymentId?: string | null
    reason?: "payment" | "manual"
  }
): Promise<{ receipt: FiscalReceiptDTO; created: boolean }> {
  const fiscal = fiscalOf(container)
  const settings = await fiscal.getEffectiveSettings({ credentials: false })
  return fiscal.ensureReceipt({
    source_key: `sell:${input.orderId}`,
    order_id: input.orderId,
    payment_id: input.paymentId ?? null,
    type: "sell",
    reason: input.reason ?? "payment",
    provider_id: settings.provider_id ?? NO_PROVIDER,
  })
}

/** The order a payment belongs to, with the payment's refunds. */
export async function loadPayment(
  container: MedusaContainer,
  paymentId: string
): Promise<{ orderId: string | null; refunds: { id: string }[] }> {
  const { data } = await queryOf(container).graph({
    entity: "payment",
    fields: ["id", "refunds.id", "payment_collection.order.id"],
    filters: { id: paymentId },
  })
  const payment = data[0]
  return {
    orderId: payment?.payment_collection?.order?.id ?? null,
    refunds: (payment?.refunds ?? []).filter(Boolean),
  }
}

/** Refund receipts for refunds that have none yet, keyed by refund id. */
export async function ensureRefundReceipts(
  container: MedusaContainer,
  input: {
    orderId: string
    refunds: { id: string; paymentId?: string | null }[]
    reason: "refund" | "cancel"
  }
): Promise<FiscalReceiptDTO[]> {
  const fiscal = fiscalOf(container)
  const settings = await fiscal.getEffectiveSettings({ credentials: false })
  const out: FiscalReceiptDTO[] = []
  for (const refund of input.refunds) {
    const { receipt } = await fiscal.ensureReceipt({
      source_key: `refund:${refund.id}`,
      order_id: input.orderId,
      payment_id: refund.paymentId ?? null,
      refund_id: refund.id,
      type: "sell_refund",
      reason: input.reason,
      provider_id: settings.provider_id ?? NO_PROVIDER,
    })
    out.push(receipt)
  }
  return out
}

/** Every refund of every payment of an order. */
export async function loadOrderRefunds(
  container: MedusaContainer,
  orderId: string
): Promise<{ id: string; paymentId: string }[]> {
  const { data } = await queryOf(container).graph({
    entity: "order",
    fields: [
      "id",
      "payment_collections.payments.id",
      "payment_collections.payments.refunds.id",
    ],
    filters: { id: orderId },
  })
  return (data[0]?.payment_collections ?? [])
    .flatMap((pc: any) => pc?.payments ?? [])
    .flatMap((p: any) =>
      (p?.refunds ?? [])
        .filter(Boolean)
        .map((r: any) => ({ id: r.id, paymentId: p.id }))
    )
}
