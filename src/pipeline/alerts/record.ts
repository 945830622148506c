import type { MedusaContainer } from "@medusajs/framework/types"
import type FiscalModuleService from "../../modules/fiscal/service"
import type { ReceiptStatus } from "../../types/lists"
import { alertStateOf } from "./state"

/** The receipt fields an alert is recorded from (a receipt row or an event's data). */
export type AlertSource = {
  id: string
  order_id: string
  status: ReceiptStatus
  needs_attention: boolean
  generation: number
  error_code: string | null
  error_message: string | null
}

/**
 * Records the alert of a receipt in its present state, once per receipt, state and
 * generation (docs/architecture.md, "Reports and alerts"). True when it is new.
 */
export async function recordAlert(
  container: MedusaContainer,
  receipt: AlertSource
): Promise<boolean> {
  const state = alertStateOf(receipt)
  if (!state) {
    return false
  }
  const fiscal = container.resolve<FiscalModuleService>("fiscal")
  return fiscal.getNoticeStore().recordAlert({
    receipt_id: receipt.id,
    order_id: receipt.order_id,
    state,
    generation: receipt.generation,
    error_code: receipt.error_code,
    error_message: receipt.error_message,
  })
}
