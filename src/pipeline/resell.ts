import { MedusaError } from "@medusajs/framework/utils"
import type FiscalModuleService from "../modules/fiscal/service"
import type { FiscalReceiptDTO } from "../modules/fiscal/types/receipt"
import type { PipelineContext } from "./provider-context"

/**
 * Re-issues a registered sale receipt ("resell", not a correction): first a refund of it,
 * then, once the refund is registered, a new sale. Both are children of the original and
 * carry its ФП (tag 1192). The two steps are separate rows with their own source keys, so
 * pressing the button twice or a crash in between never issues a step twice.
 */
export async function startResell(
  fiscal: FiscalModuleService,
  original: FiscalReceiptDTO
): Promise<FiscalReceiptDTO> {
  if (original.type !== "sell" || original.status !== "done") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Only a registered (done) sale receipt can be re-issued; receipt ${original.id} is a ${original.type} in status ${original.status}.`
    )
  }
  if (!original.fiscal_document_attribute) {
    // a capture whose money a settlement receipt registered at the handover
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Receipt ${original.id} was not registered at the cash register itself: its money is on the settlement receipt of the order's handover. Re-issue that receipt instead.`
    )
  }
  const children = await fiscal.listFiscalReceipts({
    parent_id: original.id,
  })
  const refund = children.find((c) => c.reason === "resell_refund")
  if (refund) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Receipt ${original.id} is already being re-issued (refund ${refund.id} is ${refund.status}).`
    )
  }
  const { receipt } = await fiscal.ensureReceipt({
    source_key: `resell_refund:${original.id}`,
    order_id: original.order_id,
    payment_id: original.payment_id,
    type: "sell_refund",
    reason: "resell_refund",
    provider_id: original.provider_id,
    parent_id: original.id,
  })
  return receipt as FiscalReceiptDTO
}

/** What follows a registered receipt: a registered resell refund starts the resell sale. */
export async function afterDone(
  ctx: PipelineContext,
  done: FiscalReceiptDTO
): Promise<void> {
  if (done.reason !== "resell_refund" || !done.parent_id) {
    return
  }
  await ctx.fiscal.ensureReceipt({
    source_key: `resell_sell:${done.parent_id}`,
    order_id: done.order_id,
    payment_id: done.payment_id,
    type: "sell",
    reason: "resell_sell",
    provider_id: done.provider_id,
    parent_id: done.parent_id,
  })
}
