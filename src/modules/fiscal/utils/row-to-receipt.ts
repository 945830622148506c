import type { FiscalReceiptDTO } from "../types/receipt"

const toDate = (v: unknown): Date | null =>
  v === null || v === undefined
    ? null
    : v instanceof Date
      ? v
      : new Date(String(v))

const toNumber = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v)

/** Maps a raw fiscal_receipt row (from a RETURNING clause) to the module's DTO. */
export function rowToReceipt(row: Record<string, unknown>): FiscalReceiptDTO {
  const {
    raw_total: _raw,
    deleted_at: _deleted,
    claimed_from: _claimed,
    ...rest
  } = row
  return {
    ...(rest as unknown as FiscalReceiptDTO),
    generation: Number(row.generation),
    attempts: Number(row.attempts),
    status_checks: Number(row.status_checks),
    total: toNumber(row.total),
    next_attempt_at: toDate(row.next_attempt_at),
    lease_until: toDate(row.lease_until),
    last_checked_at: toDate(row.last_checked_at),
    registered_at: toDate(row.registered_at),
    created_at: toDate(row.created_at) as Date,
    updated_at: toDate(row.updated_at) as Date,
  }
}
