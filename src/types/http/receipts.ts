/**
 * Shapes of the receipt routes (`/admin/fiscal/receipts/**`, `/admin/fiscal/orders/:id/*`),
 * shared by the routes and the admin. `D` is how date-times travel; see
 * {@link DateTimeValue}.
 */
import type { ReceiptBasis } from "../../lib/receipt/types"
import type { FiscalReceiptRow } from "../receipt-row"
import type { DateTimeValue, SerializedBigNumber } from "./json"

/** A receipt as the detail and action routes answer it: the whole `fiscal_receipt` row. */
export type AdminFiscalReceipt<D extends DateTimeValue = string> =
  FiscalReceiptRow<D, SerializedBigNumber>

/**
 * A row of the receipts list: the receipt without its document and wire exchange (the
 * buyer's contact is in them), which only the detail route returns.
 */
export type AdminFiscalReceiptRow<D extends DateTimeValue = string> = Omit<
  AdminFiscalReceipt<D>,
  "document" | "request" | "response"
> & {
  /** What the receipt is for (the capture or refund, its amount, the returns it lists), once built. */
  basis: ReceiptBasis | null
}

/** What `GET /admin/fiscal/receipts` answers: a page of rows, newest first. */
export type AdminFiscalReceiptListResponse<D extends DateTimeValue = string> = {
  receipts: AdminFiscalReceiptRow<D>[]
  count: number
  offset: number
  limit: number
}

/** One exchange with the vendor from the receipt's audit log. */
export type AdminFiscalAttempt<D extends DateTimeValue = string> = {
  id: string
  receipt_id: string | null
  provider_id: string
  /** What was asked: register, check, token, callback, … */
  operation: string
  external_id: string | null
  generation: number | null
  method: string | null
  url: string | null
  /** Request body, secrets redacted. */
  request: unknown
  /** Response body as received. */
  response: unknown
  http_status: number | null
  duration_ms: number
  /** What the exchange meant: accepted, done, wait, failed, retryable, … */
  outcome: string
  error_message: string | null
  created_at: D
  updated_at: D
}

/** What `GET /admin/fiscal/receipts/:id` answers: the receipt, its exchanges oldest first, and the receipts that follow it. */
export type AdminFiscalReceiptDetailResponse<D extends DateTimeValue = string> =
  {
    receipt: AdminFiscalReceipt<D>
    attempts: AdminFiscalAttempt<D>[]
    children: AdminFiscalReceipt<D>[]
  }

/**
 * What the single-receipt actions answer: `POST /admin/fiscal/receipts/:id/retry`,
 * `…/:id/check` (the receipt after the check), `…/:id/resell` (the refund step), and
 * and `POST /admin/fiscal/orders/:id/resell` (the order's receipt acted on).
 */
export type AdminFiscalReceiptResponse<D extends DateTimeValue = string> = {
  receipt: AdminFiscalReceipt<D>
}

/**
 * What "Send to KKM" (`POST /admin/fiscal/orders/:id/send`) answers: the receipts it created
 * for captures and refunds that had none, or else the ones it put back in the queue.
 */
export type AdminFiscalOrderSendResponse<D extends DateTimeValue = string> = {
  receipts: AdminFiscalReceipt<D>[]
}

/** What `POST /admin/fiscal/receipts/check` answers: each receipt after its check. */
export type AdminFiscalBulkCheckResponse<D extends DateTimeValue = string> = {
  receipts: AdminFiscalReceipt<D>[]
}

/** The outcome for one id of a bulk retry: the receipt requeued, or why it was refused. */
export type AdminFiscalBulkRetryResult<D extends DateTimeValue = string> =
  | { id: string; receipt: AdminFiscalReceipt<D>; error?: undefined }
  | { id: string; receipt?: undefined; error: string }

/** What `POST /admin/fiscal/receipts/retry` answers: one result per id, in request order. */
export type AdminFiscalBulkRetryResponse<D extends DateTimeValue = string> = {
  results: AdminFiscalBulkRetryResult<D>[]
}
