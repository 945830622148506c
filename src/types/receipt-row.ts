import type {
  CorrectionRequest,
  ReceiptErrorKind,
  ReceiptReason,
  ReceiptStatus,
  ReceiptType,
} from "./lists"

/**
 * A `fiscal_receipt` row. `D` is how date-times are held (a `Date` in the module, an ISO
 * string over HTTP) and `M` how the total is (kopecks as a number in the module, Medusa's
 * serialized big number over HTTP).
 */
export type FiscalReceiptRow<D, M> = {
  id: string
  order_id: string
  payment_id: string | null
  /** The capture a sale receipt is for; null for refunds and order-level receipts. */
  capture_id: string | null
  refund_id: string | null
  fulfillment_id: string | null
  type: ReceiptType
  reason: ReceiptReason
  /** Deterministic key of the cause, e.g. `capture:capt_123`, `refund:ref_123`, `sell:order_123`. */
  source_key: string
  provider_id: string
  /** Our idempotency key at the vendor. */
  external_id: string
  generation: number
  vendor_document_id: string | null
  status: ReceiptStatus
  attempts: number
  next_attempt_at: D | null
  lease_until: D | null
  lease_owner: string | null
  status_checks: number
  last_checked_at: D | null
  needs_attention: boolean
  /** The vendor-neutral receipt, frozen when first sent. */
  document: Record<string, unknown> | null
  /** Last request sent to the vendor, secrets redacted. */
  request: Record<string, unknown> | null
  /** Last response received from the vendor. */
  response: Record<string, unknown> | null
  fiscal_document_number: string | null
  fiscal_document_attribute: string | null
  fiscal_receipt_number: string | null
  shift_number: string | null
  fn_number: string | null
  ecr_registration_number: string | null
  registered_at: D | null
  ofd_receipt_url: string | null
  /** Receipt total in kopecks. */
  total: M | null
  error_code: string | null
  error_message: string | null
  error_kind: ReceiptErrorKind | null
  parent_id: string | null
  /** For a correction receipt: the basis the staff gave (tags 1173, 1178, 1179). */
  correction: CorrectionRequest | null
  created_at: D
  updated_at: D
}
