import type { ReceiptStatus, ReceiptType } from "../../../types/lists"

/** What the receipts list is filtered by. */
export type ReceiptFilters = {
  status: ReceiptStatus | ""
  type: ReceiptType | ""
  /** Order number (display_id) as typed. */
  order: string
  from: Date | null
  to: Date | null
  needsAttention: boolean
}

export const NO_FILTERS: ReceiptFilters = {
  status: "",
  type: "",
  order: "",
  from: null,
  to: null,
  needsAttention: false,
}

export const hasFilters = (f: ReceiptFilters) =>
  !!(f.status || f.type || f.order || f.from || f.to || f.needsAttention)

/** The end of the day `to` falls on: a range "to 5 May" includes the 5th. */
export function endOfDay(date: Date): Date {
  const end = new Date(date)
  end.setHours(23, 59, 59, 999)
  return end
}
