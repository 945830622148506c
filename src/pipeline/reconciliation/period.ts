import {
  addDays,
  dayStart,
  daysBetween,
  daysInRange,
  isDay,
  moscowDay,
} from "../../lib/moscow-day"
import type { ReconciliationPeriod } from "../../lib/reconciliation/types"

/**
 * Periods of Moscow calendar days (`YYYY-MM-DD`, both ends included) as the reconciliation
 * runs, the job and the admin API take them (docs/fiscal-rules.md, "Reconciliation").
 */

export { addDays, isDay }

/** Days in the period, both ends counted. */
export function periodLength({ from, to }: ReconciliationPeriod): number {
  return daysInRange(from, to)
}

/** The last `n` Moscow days, today included. */
export function lastDays(n: number, now: Date): ReconciliationPeriod {
  const today = moscowDay(now)
  return { from: addDays(today, 1 - n), to: today }
}

/** The period cut at today (Moscow): days to come have nothing to reconcile. Null when it starts after today. */
export function upToToday(
  period: ReconciliationPeriod,
  now: Date
): ReconciliationPeriod | null {
  const today = moscowDay(now)
  if (period.from > today) {
    return null
  }
  return { from: period.from, to: period.to < today ? period.to : today }
}

/** The period in consecutive pieces of at most `size` days. */
export function chunkPeriod(
  period: ReconciliationPeriod,
  size: number
): ReconciliationPeriod[] {
  const out: ReconciliationPeriod[] = []
  for (let from = period.from; from <= period.to;) {
    const end = addDays(from, size - 1)
    const to = end < period.to ? end : period.to
    out.push({ from, to })
    from = addDays(to, 1)
  }
  return out
}

/** The instants the period spans: from the start of its first day to the start of the day after its last. */
export function instantsOf(period: ReconciliationPeriod): {
  start: Date
  end: Date
} {
  return {
    start: new Date(dayStart(period.from)),
    end: new Date(dayStart(addDays(period.to, 1))),
  }
}

/** The period's days, up to today (Moscow), that are not in `stored`. */
export function uncheckedDays(
  period: ReconciliationPeriod,
  stored: Iterable<string>,
  now: Date
): string[] {
  const upTo = upToToday(period, now)
  if (!upTo) {
    return []
  }
  const have = new Set(stored)
  return daysBetween(upTo.from, upTo.to).filter((day) => !have.has(day))
}

/** A period the caller asked for, with what is wrong with it. */
export class PeriodError extends Error {}

/**
 * The period a request names: `to` defaults to today (Moscow), `from` to `defaultDays`
 * days ending at `to`. Refuses (with {@link PeriodError}) a day that is not `YYYY-MM-DD`,
 * `to` before `from`, and a period longer than `maxDays`.
 */
export function resolvePeriod(
  asked: { from?: string; to?: string },
  now: Date,
  { maxDays, defaultDays }: { maxDays: number; defaultDays: number }
): ReconciliationPeriod {
  for (const key of ["from", "to"] as const) {
    const value = asked[key]
    if (value !== undefined && !isDay(value)) {
      throw new PeriodError(
        `${key}: must be a day written YYYY-MM-DD, got ${JSON.stringify(value)}`
      )
    }
  }
  const to = asked.to ?? moscowDay(now)
  const from = asked.from ?? addDays(to, 1 - defaultDays)
  if (to < from) {
    throw new PeriodError(`to: must not be before from (${from}), got ${to}`)
  }
  const length = periodLength({ from, to })
  if (length > maxDays) {
    throw new PeriodError(
      `to: the period ${from} to ${to} is ${length} days; at most ${maxDays} days at once`
    )
  }
  return { from, to }
}
