/**
 * Plain SQL on a database connection: the part of MikroORM's entity manager (or of knex,
 * adapted) the module's hand-written statements use.
 */
export type SqlExecutor = {
  execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>
}

/** `?, ?, ?` for n bindings (knex would otherwise expand an array binding itself). */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ")
}

/**
 * A `fiscal_receipt` a person has to act on: failed, invalid, or flagged (the receipts
 * list's "needs attention"). The partial index `IDX_fiscal_receipt_needs_person` is on the
 * same condition, so the reports and the alerts' scan read through it.
 */
export const RECEIPT_NEEDS_A_PERSON = `(status IN ('failed', 'invalid') OR needs_attention = true)`
