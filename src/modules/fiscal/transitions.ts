import type { ReceiptStatus } from "./types/receipt"

/**
 * Which states a receipt may enter each state from. The claim (`pending`/`unknown`
 * → `sending`) is done by the claim statement itself, not by a transition.
 *
 * Nothing leaves `done`: a registered receipt can only be followed by new receipts
 * (a resell creates children), never changed.
 */
export const ALLOWED_FROM: Record<ReceiptStatus, ReceiptStatus[]> = {
  // retry after a retryable failure, a manual retry of failed/invalid, or a new
  // generation after the vendor failed the document for a passing reason
  pending: ["sending", "failed", "invalid", "wait", "canceled"],
  sending: ["pending", "unknown"],
  wait: ["sending", "wait"],
  done: ["sending", "wait"],
  unknown: ["sending"],
  failed: ["sending", "wait"],
  invalid: ["pending", "sending"],
  canceled: ["pending", "failed", "invalid"],
}

/** True when `from → to` is a legal transition. */
export function canTransition(from: ReceiptStatus, to: ReceiptStatus): boolean {
  return ALLOWED_FROM[to].includes(from)
}

/** Why `from → to` is refused, in words an admin understands. */
export function explainRefusal(
  id: string,
  from: ReceiptStatus,
  to: ReceiptStatus
): string {
  if (from === "done") {
    return `Receipt ${id} is already registered (done); a registered receipt cannot become ${to}. Use "Resell" to re-issue it.`
  }
  if (from === "sending") {
    return `Receipt ${id} is being sent right now; try again when the send has finished.`
  }
  const allowed = ALLOWED_FROM[to]
  return `Receipt ${id} is ${from}; it can become ${to} only from ${allowed.join(", ")}.`
}

/** The external id of a generation: the row id for the first, `<id>-<n>` after that. */
export function externalIdFor(receiptId: string, generation: number): string {
  return generation === 0 ? receiptId : `${receiptId}-${generation}`
}
