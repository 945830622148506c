/**
 * Shapes of the marking-code routes (`/admin/fiscal/orders/:id/marking/**`), shared by the
 * routes and the admin: staff scan the codes (Честный знак) of an order's marked units
 * before its receipt goes out. `D` is how date-times travel; see {@link DateTimeValue}.
 */
import type { MarkCodeReason } from "../../lib/marking/reasons"
import type { DateTimeValue } from "./json"

/** One marking code entered for a unit of a line, as stored and sent (GS separators U+001D). */
export type AdminFiscalMarkingCode<D extends DateTimeValue = string> = {
  id: string
  /**
   * The whole code, normalized from whatever the scanner typed: the group separator
   * U+001D after every variable-length element but the last.
   */
  code: string
  created_at: D
}

/** A marked line of the order with the codes entered for it. */
export type AdminFiscalMarkingItem<D extends DateTimeValue = string> = {
  /** The order line item. */
  item_id: string
  title: string
  variant_title: string | null
  /** Units of the line; each needs its own code. */
  quantity: number
  /** Codes entered so far, oldest first. */
  codes: AdminFiscalMarkingCode<D>[]
  /** Units still without a code. */
  missing: number
}

/** What the shop's cash-register connection can send of marked goods. */
export type AdminFiscalMarkingSupport = {
  /** The connection in use, or null when none is chosen. */
  provider_id: string | null
  /** It sends marking codes. */
  codes: boolean
  /** It sends the sold part of a marked package. */
  fractional: boolean
  /** It sends industry requisites of a position. */
  industry_requisites: boolean
  /** Why it cannot, in words for staff; null when it can. */
  message: string | null
}

/** What `GET /admin/fiscal/orders/:id/marking` answers: only the order's marked lines. */
export type AdminFiscalOrderMarkingResponse<D extends DateTimeValue = string> =
  {
    items: AdminFiscalMarkingItem<D>[]
    marking: AdminFiscalMarkingSupport
  }

/** Body of `POST /admin/fiscal/orders/:id/marking`: codes for one line, all or nothing. */
export type AdminFiscalMarkingCodesBody = {
  item_id: string
  codes: string[]
}

/**
 * What `POST /admin/fiscal/orders/:id/marking` and
 * `DELETE /admin/fiscal/orders/:id/marking/:code_id` answer: the line after the change.
 */
export type AdminFiscalMarkingItemResponse<D extends DateTimeValue = string> = {
  item: AdminFiscalMarkingItem<D>
}

/** Why a code was refused; one of `MARK_CODE_REASONS` (src/lib/marking/reasons.ts). */
export type MarkingCodeRejection = MarkCodeReason

/** One refused code of a request: its place in `codes`, the code, why, in words. */
export type AdminFiscalMarkingCodeError = {
  index: number
  code: string
  reason: MarkingCodeRejection
  message: string
}

/** The 400 answer of `POST /admin/fiscal/orders/:id/marking`: nothing was saved. */
export type AdminFiscalMarkingErrorResponse = {
  type: "invalid_data"
  message: string
  errors: AdminFiscalMarkingCodeError[]
}
