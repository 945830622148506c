import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { resendByAdmin } from "../modules/fiscal/lifecycle"
import type FiscalModuleService from "../modules/fiscal/service"
import type { FiscalReceiptDTO } from "../modules/fiscal/types/receipt"
import {
  ensureCaptureReceipts,
  ensureHandoverReceipts,
  ensureRefundReceipts,
  ensureSaleReceipt,
  handoverSetting,
  isHandedOver,
  loadOrderMoney,
} from "./causes"
import { processFiscalQueue } from "./process-queue"
import { requestPromptProcessing } from "./prompt"
import { startResell } from "./resell"

const fiscalOf = (c: MedusaContainer) =>
  c.resolve<FiscalModuleService>("fiscal")

/**
 * Puts a receipt back in the queue, as "Send to KKM" and "Retry" do:
 * - `failed` or `invalid`: a new generation (new external id), the document rebuilt from
 *   the order as it is now (after the fix);
 * - `pending` or `unknown` waiting for a later attempt: due now;
 * - `wait`: checked now instead.
 */
export async function retryReceipt(
  container: MedusaContainer,
  id: string
): Promise<FiscalReceiptDTO> {
  const fiscal = fiscalOf(container)
  const receipt = await fiscal.getReceipt(id)
  const now = new Date()
  switch (receipt.status) {
    case "failed":
    case "invalid": {
      const { to, patch } = resendByAdmin(now)
      return fiscal.transition(id, to, patch)
    }
    case "pending":
    case "unknown":
      return fiscal.reschedule(id, now)
    case "wait": {
      const [checked] = await checkReceipts(container, [id])
      return checked
    }
    default:
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        receipt.status === "done"
          ? `Receipt ${id} is already registered; use "Resell" to re-issue it.`
          : `Receipt ${id} is ${receipt.status}; it cannot be sent again now.`
      )
  }
}

/**
 * "Send to KKM" on an order: creates every receipt the order is missing (a capture or a
 * refund without one; with the placement trigger, the order's receipt), else puts the
 * order's failed and invalid receipts back in the queue. Answers the receipts it acted on.
 */
export async function sendForOrder(
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
  const settings = await fiscal.getEffectiveSettings({ credentials: false })
  const existing = (await fiscal.listFiscalReceipts(
    { order_id: orderId },
    { take: null }
  )) as unknown as FiscalReceiptDTO[]
  const keys = new Set(existing.map((r) => r.source_key))
  const created: FiscalReceiptDTO[] = []
  const moment = handoverSetting(settings)
  const handedOver = moment
    ? money.fulfillments.filter((f) => isHandedOver(f, moment))
    : []
  if (settings.sell_trigger === "order_placed") {
    if (!keys.has(`sell:${orderId}`)) {
      const { receipt } = await ensureSaleReceipt(container, {
        orderId,
        reason: "manual",
      })
      created.push(receipt)
    }
  } else {
    if (
      !money.captures.length &&
      !handedOver.length &&
      !existing.some((r) => r.type === "sell")
    ) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Nothing has been paid for order ${orderId} yet: a receipt is due for money ` +
          `received. Capture the payment first; its receipt follows by itself.`
      )
    }
    created.push(
      ...(await ensureCaptureReceipts(container, {
        orderId,
        captures: money.captures.filter((c) => !keys.has(`capture:${c.id}`)),
        reason: "manual",
      }))
    )
  }
  created.push(
    ...(await ensureHandoverReceipts(container, {
      orderId,
      fulfillmentIds: handedOver
        .map((f) => f.id)
        .filter((id) => !keys.has(`handover:${id}`)),
      reason: "manual",
    }))
  )
  if (money.canceled ? settings.cancel_receipts : settings.refund_receipts) {
    created.push(
      ...(await ensureRefundReceipts(container, {
        orderId,
        refunds: money.refunds.filter((r) => !keys.has(`refund:${r.id}`)),
        reason: money.canceled ? "cancel" : "refund",
      }))
    )
  }
  let acted = created
  if (!created.length) {
    const stuck = existing.filter(
      (r) =>
        r.status === "failed" ||
        r.status === "invalid" ||
        r.status === "pending" ||
        r.status === "unknown"
    )
    if (!stuck.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Every capture, refund and handover of order ${orderId} has its receipt, and none is ` +
          `waiting to be sent. To re-issue a registered receipt, use "Resell".`
      )
    }
    acted = []
    for (const receipt of stuck) {
      acted.push(await retryReceipt(container, receipt.id))
    }
  }
  requestPromptProcessing(container)
  return acted
}
/** "Check status": asks the vendor now about each waiting receipt and answers with the result. */
export async function checkReceipts(
  container: MedusaContainer,
  ids: string[]
): Promise<FiscalReceiptDTO[]> {
  const fiscal = fiscalOf(container)
  const rows = await Promise.all(ids.map((id) => fiscal.getReceipt(id)))
  const notWaiting = rows.filter((r) => r.status !== "wait")
  if (ids.length === 1 && notWaiting.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Receipt ${ids[0]} is ${notWaiting[0].status}; only a receipt the service is processing (wait) can be checked.`
    )
  }
  await processFiscalQueue(container, {
    checkIds: rows.filter((r) => r.status === "wait").map((r) => r.id),
  })
  return Promise.all(ids.map((id) => fiscal.getReceipt(id)))
}

/** "Resell": starts re-issuing a registered sale receipt. */
export async function resellReceipt(
  container: MedusaContainer,
  id: string
): Promise<FiscalReceiptDTO> {
  const fiscal = fiscalOf(container)
  const child = await startResell(fiscal, await fiscal.getReceipt(id))
  requestPromptProcessing(container)
  return child
}
