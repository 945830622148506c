import type { ReceiptStatus } from "../lists"

/** What `GET /admin/fiscal/stats` answers: the counts at the top of the receipts list. */
export type AdminFiscalStatsResponse = {
  /** Receipts per status; every status is present, 0 when none. */
  by_status: Record<ReceiptStatus, number>
  /** Receipts flagged for a person, whatever their status. */
  needs_attention: number
  /** All receipts. */
  total: number
}
