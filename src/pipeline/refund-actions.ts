import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type FiscalModuleService from "../modules/fiscal/service"
import type { FiscalReceiptDTO } from "../modules/fiscal/types/receipt"
import { retryReceipt } from "./admin-actions"
import { ensureRefundReceipts, loadOrderMoney, queryOf } from "./causes"
import { requestPromptProcessing } from "./prompt"

const fiscalOf = (c: MedusaContainer) =>
  c.resolve<FiscalModuleService>("fiscal")

/** Statuses "Send to KKM" puts back in the queue (see `retryReceipt`). */
const STUCK = new Set(["failed", "invalid", "pending", "unknown"])

/** A Medusa refund and the order its payment belongs to. */
type RefundCause = {
  id: string
  paymentId: string | null
  orderId: string
  canceled: boolean
}

/** The refund, through its payment and payment collection to its order; null when unknown. */
async function loadRefund(
  container: MedusaContainer,
  refundId: string
): Promise<RefundCause | null> {
  const { data } = await queryOf(container).graph({
    entity: "refund",
    fields: [
      "id",
      "payment.id",
      "payment.payment_collection.order.id",
      "payment.payment_collection.order.status",
    ],
    filters: { id: refundId },
  })
  const order = data[0]?.payment?.payment_collection?.order
  if (!data[0] || !order?.id) {
    return null
  }
  return {
    id: refundId,
    paymentId: data[0].payment?.id ?? null,
    orderId: order.id,
    canceled: order.status === "canceled",
  }
}

/**
 * Whether the shop issues receipts for this kind of refund (`refund_receipts`, or
 * `cancel_receipts` for a canceled order's refunds; docs/architecture.md, "A receipt per
 * money movement"). An explicit request for one the shop turned off is refused with the
 * setting to change, not silently skipped as the sweep does.
 */
async function refuseWhenOff(
  container: MedusaContainer,
  canceled: boolean,
  what: string
): Promise<void> {
  const settings = await fiscalOf(container).getEffectiveSettings({
    credentials: false,
  })
  const on = canceled ? settings.cancel_receipts : settings.refund_receipts
  if (!on) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `${what} has no receipt because the shop does not issue receipts for ` +
        (canceled
          ? `the refunds of canceled orders: turn on "cancel receipts"`
          : `refunds: turn on "refund receipts"`) +
        ` in Settings → Fiscalization first.`
    )
  }
}

/**
 * "Send to KKM" for one refund (`refund <ref_…>` of the console): records the refund's
 * receipt (`refund:<refund id>`) when it has none, else puts it back in the queue as
 * `retryReceipt` does (a `wait` one is checked now). Answers the receipt acted on.
 */
export async function sendForRefund(
  container: MedusaContainer,
  refundId: string
): Promise<FiscalReceiptDTO> {
  const fiscal = fiscalOf(container)
  const refund = await loadRefund(container, refundId)
  if (!refund) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Refund ${refundId} was not found, or its payment belongs to no order.`
    )
  }
  const [existing] = (await fiscal.listFiscalReceipts({
    source_key: `refund:${refundId}`,
  })) as unknown as FiscalReceiptDTO[]
  let receipt: FiscalReceiptDTO
  if (!existing) {
    await refuseWhenOff(container, refund.canceled, `Refund ${refundId}`)
    ;[receipt] = await ensureRefundReceipts(container, {
      orderId: refund.orderId,
      refunds: [{ id: refund.id, paymentId: refund.paymentId }],
      reason: refund.canceled ? "cancel" : "refund",
    })
  } else if (existing.status === "done") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Refund ${refundId} already has its registered receipt ${existing.id}.`
    )
  } else {
    receipt = await retryReceipt(container, existing.id)
  }
  requestPromptProcessing(container)
  return receipt
}

/**
 * "Send to KKM" for an order's refunds only (`refund <order_…>` of the console): records a
 * receipt for every refund of the order that has none, else puts the order's stuck refund
 * receipts back in the queue. Unlike `sendForOrder` it leaves the sales alone.
 */
export async function sendRefundsForOrder(
  container: MedusaContainer,
  orderId: string
): Promise<FiscalReceiptDTO[]> {
  const fiscal = fiscalOf(container)
  const money = await loadOrderMoney(container, orderId)
  if (!money) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Order ${orderId} was not found.`
    )
  }
  if (!money.refunds.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Order ${orderId} has no refunds: a refund receipt follows a refund of its payment.`
    )
  }
  const rows = (await fiscal.listFiscalReceipts(
    { source_key: money.refunds.map((r) => `refund:${r.id}`) },
    { take: null }
  )) as unknown as FiscalReceiptDTO[]
  const have = new Set(rows.map((r) => r.source_key))
  const missing = money.refunds.filter((r) => !have.has(`refund:${r.id}`))
  if (missing.length) {
    await refuseWhenOff(
      container,
      money.canceled,
      `Refund ${missing.map((r) => r.id).join(", ")} of order ${orderId}`
    )
    const created = await ensureRefundReceipts(container, {
      orderId,
      refunds: missing,
      reason: money.canceled ? "cancel" : "refund",
    })
    requestPromptProcessing(container)
    return created
  }
  const stuck = rows.filter((r) => STUCK.has(r.status))
  if (!stuck.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Every refund of order ${orderId} has its receipt, and none is waiting to be sent.`
    )
  }
  const acted: FiscalReceiptDTO[] = []
  for (const row of stuck) {
    acted.push(await retryReceipt(container, row.id))
  }
  requestPromptProcessing(container)
  return acted
}
