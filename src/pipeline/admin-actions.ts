import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
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
  const tx = await fiscal.getReceipt(id)
  const now = new Date()
  switch (tx.status) {
    case "failed":
    case "invalid":
      // the vendor holds nothing it could still register under the current id (it failed
      // or refused it, or it was never sent), so a new generation is safe; and some
      // vendors cache a refusal under the old id (Checkonline). The document is rebuilt
      // from the order as it is now, after whatever the admin fixed.
      return fiscal.transition(id, "pending", {
        regenerate: true,
        document: null,
        next_attempt_at: now,
        needs_attention: false,
      })
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
        tx.status === "done"
          ? `Receipt ${id} is already registered; use "Resell" to re-issue it.`
          : `Receipt ${id} is ${tx.status}; it cannot be sent again now.`
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
  let tx: FiscalReceiptDTO
  if (existing) {
    tx = await retryReceipt(container, existing.id)
  } else {
    tx = (await ensureSaleReceipt(container, { orderId, reason: "manual" }))
      .receipt
  }
  requestPromptProcessing(container)
  return tx
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
