import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import {
  FINDING_KINDS,
  RECONCILIATION_LIMITS,
} from "../../../../lib/reconciliation/types"
import type { ReconciliationPeriod } from "../../../../lib/reconciliation/types"
import {
  PeriodError,
  isDay,
  resolvePeriod,
} from "../../../../pipeline/reconciliation/period"

/** The longest range `GET` reads, in days: a year, leap or not. */
export const MAX_READ_DAYS = RECONCILIATION_LIMITS.maxReadDays
/** The longest range `POST` reconciles at once, in days: a quarter. */
export const MAX_RUN_DAYS = RECONCILIATION_LIMITS.maxRunDays
/** The range `GET` reads when none is given: the last 30 Moscow days. */
export const DEFAULT_READ_DAYS = RECONCILIATION_LIMITS.defaultReadDays

const day = z
  .string()
  .refine(isDay, "must be a day written YYYY-MM-DD (a Moscow calendar day)")

/** Query of `GET /admin/fiscal/reconciliation`. */
export const AdminGetReconciliation = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  kind: z.enum(FINDING_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})

export type AdminGetReconciliationType = z.infer<typeof AdminGetReconciliation>

/** Body of `POST /admin/fiscal/reconciliation`: the days to reconcile now. */
export const AdminRunReconciliation = z.strictObject({
  from: day,
  to: day,
})

/**
 * The period a request names, with `to` defaulting to today (Moscow) and `from` to
 * `defaultDays` days ending at `to`; a wrong one is a 400 saying what is wrong.
 */
export function periodOf(
  asked: { from?: string; to?: string },
  now: Date,
  limits: { maxDays: number; defaultDays: number }
): ReconciliationPeriod {
  try {
    return resolvePeriod(asked, now, limits)
  } catch (e) {
    if (e instanceof PeriodError) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, e.message)
    }
    throw e
  }
}
