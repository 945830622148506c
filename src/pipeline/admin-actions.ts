import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { resendByAdmin } from "../modules/fiscal/lifecycle"
import type FiscalModuleService from "../modules/fiscal/service"
import type { FiscalReceiptDTO } from "../modules/fiscal/types/receipt"
import { ensureSaleReceipt } from "./causes"
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

/** "Send to KKM" on an order: creates the missing sale receipt, or retries the existing one. */
export async function sendForOrder(
  container: MedusaContainer,
  orderId: string
): Promise<FiscalReceiptDTO> {
  const fiscal = fiscalOf(container)
  const [existing] = await fiscal.listFiscalReceipts({
    order_id: orderId,
    source_key: `sell:${orderId}`,
  })
  let receipt: FiscalReceiptDTO
  if (existing) {
    receipt = await retryReceipt(container, existing.id)
  } else {
    await assertOrderExists(container, orderId)
    receipt = (
      await ensureSaleReceipt(container, { orderId, reason: "manual" })
    ).receipt
  }
  requestPromptProcessing(container)
  return receipt
}

/** A receipt is owed only for an order that exists: a typo must not leave a junk row. */
async function assertOrderExists(
  container: MedusaContainer,
  orderId: string
): Promise<void> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id"],
    filters: { id: orderId },
  })
  if (!data.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Order ${orderId} was not found.`
    )
  }
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
