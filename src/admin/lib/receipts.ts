import type { AdminFiscalReceiptRow } from "../../types/http"
import type { ReceiptStatus } from "../../types/lists"

export const STATUS_COLOR: Record<
  ReceiptStatus,
  "green" | "orange" | "red" | "grey" | "blue"
> = {
  done: "green",
  wait: "blue",
  sending: "blue",
  pending: "orange",
  unknown: "orange",
  failed: "red",
  invalid: "red",
  canceled: "grey",
}

/** What a receipt is, for its label: the operation and why it exists. */
export type ReceiptKind =
  | "sale"
  | "refund"
  | "cancel_refund"
  | "resell_refund"
  | "resell_sale"
  | "exchange_return"
  | "exchange_sale"
  | "settlement"
  | "sale_correction"
  | "refund_correction"

export function receiptKind(
  r: Pick<AdminFiscalReceiptRow, "type" | "reason">
): ReceiptKind {
  if (r.reason === "resell_refund") return "resell_refund"
  if (r.reason === "resell_sell") return "resell_sale"
  if (r.reason === "exchange")
    return r.type === "sell_refund" ? "exchange_return" : "exchange_sale"
  if (r.reason === "settlement") return "settlement"
  if (r.type === "sell_correction") return "sale_correction"
  if (r.type === "sell_refund_correction") return "refund_correction"
  if (r.type === "sell_refund")
    return r.reason === "cancel" ? "cancel_refund" : "refund"
  return "sale"
}

/** Statuses in which "Send to KKM" puts a receipt of the order back in the queue. */
const SENDABLE: ReceiptStatus[] = ["failed", "invalid", "pending", "unknown"]

/**
 * "Send to KKM": a capture or refund of the order has no receipt (`missing`), the order has
 * none at all, or one of its receipts has not gone through.
 */
export function canSendToKkm(
  receipts: AdminFiscalReceiptRow[],
  missing: number
): boolean {
  return (
    missing > 0 ||
    receipts.length === 0 ||
    receipts.some((r) => SENDABLE.includes(r.status))
  )
}

/** "Check status": the service is processing the receipt. */
export const canCheckStatus = (r: AdminFiscalReceiptRow) => r.status === "wait"

/** "Resell": a registered sale receipt that is not being re-issued already. */
export function canResell(
  r: AdminFiscalReceiptRow,
  receipts: AdminFiscalReceiptRow[]
): boolean {
  return (
    r.type === "sell" &&
    r.status === "done" &&
    // a capture registered on a settlement receipt has no document of its own
    !!r.fiscal_document_attribute &&
    !receipts.some((c) => c.parent_id === r.id && c.reason === "resell_refund")
  )
}

/** Key of the "what to do" text under a receipt's error, if it needs one. */
export function adviceKey(r: AdminFiscalReceiptRow): string | null {
  switch (r.status) {
    case "failed":
      return "advice.failed"
    case "invalid":
      return "advice.invalid"
    case "unknown":
      return "advice.unknown"
    case "wait":
      return r.needs_attention ? "advice.waitTooLong" : null
    case "pending":
      return r.needs_attention
        ? "advice.attemptsExhausted"
        : r.error_message
          ? "advice.retrying"
          : null
    default:
      return null
  }
}

/** True while the receipt may change by itself soon, so the view keeps itself fresh. */
export function isSettling(
  r: AdminFiscalReceiptRow,
  now = Date.now()
): boolean {
  if (r.status === "sending" || r.status === "wait" || r.status === "unknown") {
    return true
  }
  return (
    r.status === "pending" &&
    (!r.next_attempt_at || new Date(r.next_attempt_at).getTime() - now < 60_000)
  )
}
