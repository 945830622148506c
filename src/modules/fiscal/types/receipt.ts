import type {
  CorrectionRequest,
  ReceiptErrorKind,
  ReceiptReason,
  ReceiptType,
} from "../../../types/lists"
import type { FiscalReceiptRow } from "../../../types/receipt-row"

export type {
  ReceiptReason,
  ReceiptStatus,
  ReceiptType,
} from "../../../types/lists"

/** Class of the last failure of a receipt; the `error_kind` column's name for it. */
export type FiscalErrorKindColumn = ReceiptErrorKind

/** A fiscal_receipt row as the module returns it: dates as `Date`, the total in kopecks. */
export type FiscalReceiptDTO = FiscalReceiptRow<Date, number>

/**
 * Where a claimed receipt came from: `pending` (a normal send), `unknown` (a lost answer
 * being resolved), `sending` (its worker died mid-send and the lease expired) or `wait`
 * (a status check). Anything but `pending` may already be registered at the vendor.
 */
export const CLAIMED_FROM = ["pending", "unknown", "sending", "wait"] as const

/** One of {@link CLAIMED_FROM}. */
export type ClaimedFrom = (typeof CLAIMED_FROM)[number]

/** A claimed row, with the status it had before the claim. */
export type ClaimedReceipt = FiscalReceiptDTO & {
  /**
   * `pending`: a normal send. `unknown`, or `sending` whose lease expired (a worker died
   * mid-send): the previous request may have reached the vendor, so it must be resolved
   * with the same external id, never by a fresh document.
   */
  claimed_from: ClaimedFrom
}

/** The cause a receipt is created for. */
export type EnsureReceiptInput = {
  /** Deterministic key of the cause, e.g. `payment:pay_123` or `refund:ref_456`. */
  source_key: string
  order_id: string
  type: ReceiptType
  reason: ReceiptReason
  provider_id: string
  payment_id?: string | null
  capture_id?: string | null
  refund_id?: string | null
  fulfillment_id?: string | null
  parent_id?: string | null
  /** Initial status: `pending` (default) or `invalid` when the cause cannot be fiscalized. */
  status?: "pending" | "invalid"
  /** For an `invalid` row: the code and message the admin sees. */
  error_code?: string | null
  error_message?: string | null
  /** When the row becomes due; default now. */
  next_attempt_at?: Date
  /** For a correction receipt: the basis the staff gave. */
  correction?: CorrectionRequest | null
}

/** Fields a transition may write together with the new status. */
export type TransitionPatch = {
  vendor_document_id?: string | null
  next_attempt_at?: Date | null
  document?: Record<string, unknown> | null
  request?: Record<string, unknown> | null
  response?: Record<string, unknown> | null
  fiscal_document_number?: string | null
  fiscal_document_attribute?: string | null
  fiscal_receipt_number?: string | null
  shift_number?: string | null
  fn_number?: string | null
  ecr_registration_number?: string | null
  registered_at?: Date | null
  ofd_receipt_url?: string | null
  total?: number | null
  error_code?: string | null
  error_message?: string | null
  error_kind?: FiscalErrorKindColumn | null
  needs_attention?: boolean
  last_checked_at?: Date | null
  /** The attempt just claimed did not reach the vendor for a reason of ours: do not count it. */
  uncount_attempt?: boolean
  /** Reset the status-check counter (a new document generation). */
  reset_status_checks?: boolean
  /**
   * Start a new generation: generation + 1, a new external id, no vendor document.
   * Only allowed when the vendor definitively failed or never registered the previous one.
   */
  regenerate?: boolean
}

/** Options of a transition. */
export type TransitionOptions = {
  /** The worker holding the lease; the transition fails if another worker holds it now. */
  owner?: string
  /** Keep the lease (default: the transition releases it). */
  keepLease?: boolean
}

/** An exchange with a vendor, for the append-only audit log. */
export type RecordAttemptInput = {
  receipt_id?: string | null
  provider_id: string
  operation: string
  external_id?: string | null
  generation?: number | null
  method?: string | null
  url?: string | null
  request?: unknown
  response?: unknown
  http_status?: number | null
  duration_ms?: number
  outcome: string
  error_message?: string | null
}
