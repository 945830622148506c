/**
 * Shapes of the correction routes (`/admin/fiscal/orders/:id/corrections`), shared by the
 * routes and the admin. What takes which correction is in docs/fiscal-rules.md,
 * "Corrections". `D` is how date-times travel; see {@link DateTimeValue}.
 */
import type { CorrectionRequest, ReceiptStatus } from "../lists"
import type { DateTimeValue } from "./json"
import type { AdminFiscalReceipt } from "./receipts"

/** Which corrections the active connection's service registers. */
export type CorrectionSupport = {
  /** `sell_correction`: a missed or wrong sale. */
  sell: boolean
  /** `sell_refund_correction`: a missed refund, or taking a sale receipt back. */
  sell_refund: boolean
}

/** A capture or refund of the order, and whether a correction may stand for it. */
export type CorrectableMovement<D extends DateTimeValue = string> = {
  kind: "capture" | "refund"
  /** Medusa's capture or refund id. */
  id: string
  /** Kopecks moved. */
  amount: number
  created_at: D
  /** The Moscow date of the movement: tag 1178 unless the staff give another. */
  day: string
  /** The movement's own receipt row, when there is one. */
  receipt: { id: string; type: string; status: ReceiptStatus } | null
  /** True when "Issue correction" may be used for it now. */
  correctable: boolean
  /** Why not, when it may not (registered already, in flight, unsupported, …). */
  reason: string | null
}

/** A registered sale receipt of the order that a correction may take back whole. */
export type ReversibleReceipt<D extends DateTimeValue = string> = {
  id: string
  type: string
  /** Kopecks registered. */
  total: number
  registered_at: D | null
  /** ФД of the receipt (tag 1040). */
  fiscal_document_number: string | null
  /** The correction that takes it back, once recorded. */
  reversed_by: string | null
  correctable: boolean
  reason: string | null
}

/** What `GET /admin/fiscal/orders/:id/corrections` answers. */
export type AdminOrderCorrectionsResponse<D extends DateTimeValue = string> = {
  /** The active connection's service, null when none is set up. */
  provider_id: string | null
  supported: CorrectionSupport
  movements: CorrectableMovement<D>[]
  receipts: ReversibleReceipt<D>[]
}

/**
 * What `POST /admin/fiscal/orders/:id/corrections` takes: a capture or refund without a
 * (registered) receipt, or a registered sale receipt to take back, with the basis.
 */
export type AdminCreateCorrectionBody = CorrectionRequest & {
  target:
    { kind: "capture" | "refund"; id: string } | { kind: "receipt"; id: string }
}

/** What `POST /admin/fiscal/orders/:id/corrections` answers: the correction's receipt row. */
export type AdminCreateCorrectionResponse<D extends DateTimeValue = string> = {
  receipt: AdminFiscalReceipt<D>
}
