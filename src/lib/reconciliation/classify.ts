import type { ReceiptRow } from "./types"

/** Source-key prefix of a correction taking a registered sale receipt back whole. */
export const REVERSAL = "reversal:"

/**
 * What a receipt row stands for, read from its key first (companions carry the capture or
 * refund id of the movement they accompany), then its reason, its basis and its columns:
 * - `capture` / `refund`: the receipt of one Medusa movement (`capture:<id>`,
 *   `refund:<id>`, or a manual row naming it);
 * - `order`: the order-level receipt `sell:<order>`;
 * - `settlement`: the handover receipt `handover:<fulfillment>` of prepayment mode;
 * - `companion`: the goods side of an exchange (`exchange-return:`, `exchange-sale:`),
 *   no money of its own;
 * - `resell`: a re-issue step; the refund and the new sale cancel out;
 * - a take-back correction (`reversal:<receipt>`) is `other`: it cancels its receipt;
 * - `other`: anything else (a manual receipt naming no movement).
 */
export type RowRole =
  | "capture"
  | "refund"
  | "order"
  | "settlement"
  | "companion"
  | "resell"
  | "other"

/** The role of a row; see {@link RowRole}. */
export function roleOf(row: ReceiptRow): RowRole {
  const key = row.source_key
  if (row.reason === "resell_refund" || row.reason === "resell_sell") {
    return "resell"
  }
  if (key.startsWith(REVERSAL)) {
    // a take-back carries the basis of the receipt it takes back, not a movement of its own
    return "other"
  }
  if (
    key.startsWith("exchange-return:") ||
    key.startsWith("exchange-sale:") ||
    row.basis?.kind === "exchange_return" ||
    row.basis?.kind === "exchange_sale"
  ) {
    return "companion"
  }
  if (
    key.startsWith("handover:") ||
    row.reason === "settlement" ||
    row.basis?.kind === "handover"
  ) {
    return "settlement"
  }
  if (key.startsWith("sell:") || row.basis?.kind === "order") {
    return "order"
  }
  if (key.startsWith("capture:") || row.capture_id) {
    return "capture"
  }
  if (key.startsWith("refund:") || row.refund_id) {
    return "refund"
  }
  return "other"
}

/** The movement id a `capture` or `refund` row names. */
export function movementIdOf(row: ReceiptRow): string | null {
  const own = row.capture_id ?? row.refund_id ?? row.basis?.id ?? null
  if (own) {
    return own
  }
  const colon = row.source_key.indexOf(":")
  return colon >= 0 ? row.source_key.slice(colon + 1) : null
}

/** A correction receipt: it covers a movement but is not a second receipt of it. */
export function isCorrection(row: ReceiptRow): boolean {
  return (
    row.reason === "correction" ||
    row.type === "sell_correction" ||
    row.type === "sell_refund_correction"
  )
}

/**
 * The money a receipt registered: the frozen `basis.amount` where the document has one
 * (the capture or refund amount, or, for a settlement, the money taken at the handover on
 * top of the prepayment offset), else the row total. Null when neither is known.
 */
export function moneyOf(row: ReceiptRow): number | null {
  if (row.basis) {
    return row.basis.amount
  }
  return row.total
}

/** Canceled rows are not receipts; resell steps cancel out. */
export function counts(row: ReceiptRow): boolean {
  return row.status !== "canceled" && roleOf(row) !== "resell"
}

/**
 * The receipts a registered take-back correction cancels: the receipt and its take-back
 * stand for no money, so the movement is as if it had no receipt (docs/fiscal-rules.md,
 * "Corrections").
 */
export function takenBack(receipts: ReadonlyArray<ReceiptRow>): Set<string> {
  const out = new Set<string>()
  for (const row of receipts) {
    if (
      row.source_key.startsWith(REVERSAL) &&
      row.status === "done" &&
      row.parent_id
    ) {
      out.add(row.parent_id)
      out.add(row.id)
    }
  }
  return out
}
