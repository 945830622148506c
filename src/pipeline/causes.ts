import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import {
  isHandedOver,
  settlementMoment,
  type FulfillmentDates,
} from "../lib/receipt/movements/handover-moment"
import { toKopecks } from "../lib/receipt/money"
import type { HandoverMoment } from "../lib/receipt/types"
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
 * The order-level sale receipt (`sell:<order>`): what a shop that fiscalizes at placement
 * gets, for the order total. A duplicated event or a repeated "Send to KKM" finds the row.
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

/** A capture of one of the order's payments. */
export type CaptureCause = {
  id: string
  paymentId: string
  createdAt: Date | null
}

/**
 * A sale receipt per capture, keyed by capture id (docs/architecture.md, "A receipt per
 * money movement"): a repeated event, the sweep and "Send to KKM" all find the same row.
 * An order fiscalized as a whole before (`sell:<order>`) keeps that receipt for the
 * captures it already covered — those made before its row was created.
 */
export async function ensureCaptureReceipts(
  container: MedusaContainer,
  input: {
    orderId: string
    captures: CaptureCause[]
    reason?: "payment" | "manual"
  }
): Promise<FiscalReceiptDTO[]> {
  const fiscal = fiscalOf(container)
  const settings = await fiscal.getEffectiveSettings({ credentials: false })
  const [whole] = await fiscal.listFiscalReceipts(
    { source_key: `sell:${input.orderId}` },
    { select: ["id", "created_at"] }
  )
  const out: FiscalReceiptDTO[] = []
  for (const capture of input.captures) {
    if (
      whole &&
      (!capture.createdAt ||
        capture.createdAt.getTime() <= new Date(whole.created_at).getTime())
    ) {
      continue
    }
    const { receipt } = await fiscal.ensureReceipt({
      source_key: `capture:${capture.id}`,
      order_id: input.orderId,
      payment_id: capture.paymentId,
      capture_id: capture.id,
      type: "sell",
      reason: input.reason ?? "payment",
      provider_id: settings.provider_id ?? NO_PROVIDER,
    })
    out.push(receipt)
  }
  return out
}

const dateOf = (value: unknown): Date | null =>
  value ? new Date(value as string) : null

/** The order a payment belongs to, with the payment's captures and refunds. */
export async function loadPayment(
  container: MedusaContainer,
  paymentId: string
): Promise<{
  orderId: string | null
  captures: CaptureCause[]
  refunds: { id: string }[]
}> {
  const { data } = await queryOf(container).graph({
    entity: "payment",
    fields: [
      "id",
      "captures.id",
      "captures.created_at",
      "refunds.id",
      "payment_collection.order.id",
    ],
    filters: { id: paymentId },
  })
  const payment = data[0]
  return {
    orderId: payment?.payment_collection?.order?.id ?? null,
    captures: (payment?.captures ?? []).filter(Boolean).map((c: any) => ({
      id: c.id,
      paymentId,
      createdAt: dateOf(c.created_at),
    })),
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

/**
 * When the shop issues settlement receipts, the moment of handover they follow; null
 * when it does not (a sale in `full_payment` mode hands the goods over at payment).
 */
export function handoverSetting(settings: {
  receipt: Record<string, unknown>
}): HandoverMoment | null {
  return settlementMoment(
    settings.receipt.paymentMethodMode,
    settings.receipt.handover
  )
}

/** A fulfillment of an order, with what the handover settings read of it. */
export type FulfillmentCause = FulfillmentDates & { id: string }

export { isHandedOver }

/**
 * Settlement receipts of prepayment mode, one per fulfillment handed over, keyed by
 * fulfillment id (`handover:<id>`): a repeated event, the sweep and "Send to KKM" all find
 * the same row (docs/architecture.md, "A receipt per money movement").
 */
export async function ensureHandoverReceipts(
  container: MedusaContainer,
  input: {
    orderId: string
    fulfillmentIds: string[]
    reason?: "settlement" | "manual"
  }
): Promise<FiscalReceiptDTO[]> {
  const fiscal = fiscalOf(container)
  const settings = await fiscal.getEffectiveSettings({ credentials: false })
  const out: FiscalReceiptDTO[] = []
  for (const fulfillmentId of input.fulfillmentIds) {
    const { receipt } = await fiscal.ensureReceipt({
      source_key: `handover:${fulfillmentId}`,
      order_id: input.orderId,
      fulfillment_id: fulfillmentId,
      type: "sell",
      reason: input.reason ?? "settlement",
      provider_id: settings.provider_id ?? NO_PROVIDER,
    })
    out.push(receipt)
  }
  return out
}

/**
 * A canceled fulfillment's goods did not leave: its settlement receipt, if not sent yet
 * (pending, failed, invalid), is canceled with the reason. One already registered stays:
 * the handover it records happened at the shop's handover moment.
 */
export async function dropUnsentSettlement(
  container: MedusaContainer,
  fulfillmentId: string
): Promise<FiscalReceiptDTO | null> {
  const fiscal = fiscalOf(container)
  const [row] = (await fiscal.listFiscalReceipts({
    source_key: `handover:${fulfillmentId}`,
  })) as unknown as FiscalReceiptDTO[]
  if (!row || !["pending", "failed", "invalid"].includes(row.status)) {
    return null
  }
  try {
    return await fiscal.transition(row.id, "canceled", {
      error_code: "FULFILLMENT_CANCELED",
      error_message: `Fulfillment ${fulfillmentId} was canceled before its settlement receipt was sent: its goods did not leave. The fulfillment that replaces it gets its own settlement.`,
      error_kind: null,
      needs_attention: false,
      next_attempt_at: null,
    })
  } catch (e) {
    if (e instanceof MedusaError && e.type === MedusaError.Types.NOT_ALLOWED) {
      // a worker is sending it right now: the build refuses a canceled fulfillment
      return null
    }
    throw e
  }
}

/** The order a fulfillment belongs to, and the fulfillment as the handover reads it. */
export async function loadFulfillment(
  container: MedusaContainer,
  fulfillmentId: string
): Promise<{ orderId: string | null; fulfillment: FulfillmentCause | null }> {
  const { data } = await queryOf(container).graph({
    entity: "fulfillment",
    fields: [...FULFILLMENT_FIELDS, "order.id"],
    filters: { id: fulfillmentId },
  })
  const found = data[0]
  return {
    orderId: found?.order?.id ?? null,
    fulfillment: (found as FulfillmentCause | undefined) ?? null,
  }
}

const FULFILLMENT_FIELDS = [
  "id",
  "created_at",
  "shipped_at",
  "delivered_at",
  "canceled_at",
]

/** Every capture and refund of every payment of an order; null when there is no such order. */
export async function loadOrderMoney(
  container: MedusaContainer,
  orderId: string
): Promise<{
  captures: (CaptureCause & { amount: number | null })[]
  refunds: {
    id: string
    paymentId: string
    amount: number | null
    createdAt: Date | null
  }[]
  fulfillments: FulfillmentCause[]
  canceled: boolean
} | null> {
  const { data } = await queryOf(container).graph({
    entity: "order",
    fields: [
      "id",
      "status",
      ...FULFILLMENT_FIELDS.map((field) => `fulfillments.${field}`),
      "payment_collections.payments.id",
      "payment_collections.payments.captures.id",
      "payment_collections.payments.captures.created_at",
      "payment_collections.payments.captures.amount",
      "payment_collections.payments.refunds.id",
      "payment_collections.payments.refunds.created_at",
      "payment_collections.payments.refunds.amount",
    ],
    filters: { id: orderId },
  })
  if (!data.length) {
    return null
  }
  const payments = (data[0].payment_collections ?? [])
    .flatMap((pc: any) => pc?.payments ?? [])
    .filter(Boolean)
  return {
    captures: payments.flatMap((p: any) =>
      (p.captures ?? []).filter(Boolean).map((c: any) => ({
        id: c.id,
        paymentId: p.id,
        createdAt: dateOf(c.created_at),
        amount: toKopecks(c.amount),
      }))
    ),
    refunds: payments.flatMap((p: any) =>
      (p.refunds ?? []).filter(Boolean).map((r: any) => ({
        id: r.id,
        paymentId: p.id,
        createdAt: dateOf(r.created_at),
        amount: toKopecks(r.amount),
      }))
    ),
    fulfillments: (data[0].fulfillments ?? []).filter(Boolean),
    canceled: data[0].status === "canceled",
  }
}
