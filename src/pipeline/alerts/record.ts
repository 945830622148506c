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
  error_code: string | null
  error_message: string | null
}

/**
 * Records the alert of a receipt in its present state, once per receipt, state and error
 * code (docs/architecture.md, "Reports and alerts"): the same error again — after a retry,
 * or when a receipt waiting for marking codes is checked again — is not announced again.
 * True when it is new.
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
    error_code: receipt.error_code ?? "",
    error_message: receipt.error_message,
  })
}
