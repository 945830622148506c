import type { AlertState, ReceiptStatus } from "../../types/lists"

/**
 * What a receipt's alert is about, or null when it needs nobody: `failed` and `invalid`
 * speak for themselves, a flag on any other unfinished receipt is `needs_attention`.
 */
export function alertStateOf(receipt: {
  status: ReceiptStatus
  needs_attention: boolean
}): AlertState | null {
  if (receipt.status === "failed" || receipt.status === "invalid") {
    return receipt.status
  }
  if (
    receipt.needs_attention &&
    receipt.status !== "done" &&
    receipt.status !== "canceled"
  ) {
    return "needs_attention"
  }
  return null
}
