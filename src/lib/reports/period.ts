import {
  addDays,
  daysBetween,
  daysInRange,
  isDay,
  moscowDay,
} from "../moscow-day"
import { REPORT_PRESETS, type ReportPreset } from "../../types/http/reports"
import { REPORT_LIMITS } from "./limits"

/**
 * The Moscow days a report covers (docs/architecture.md, "Reports and alerts"). Pure: the
 * caller passes `now`.
 */

/** The days of a report, both ends included, and the preset it was asked as. */
export type ReportPeriod = {
  from: string
  to: string
  preset: ReportPreset | null
}

/** What a caller asks for: a preset, or a range (`to` defaults to today). */
export type ReportPeriodQuery = {
  preset?: ReportPreset
  from?: string
  to?: string
}

/** A period that cannot be reported on, with what is wrong with it (a 400 in the API). */
export class ReportPeriodError extends Error {}

export function isReportPreset(value: unknown): value is ReportPreset {
  return (REPORT_PRESETS as ReadonlyArray<unknown>).includes(value)
}

/** The days of a preset seen from Moscow's `today`; `week` is the seven days up to yesterday. */
export function presetDays(
  preset: ReportPreset,
  today: string
): { from: string; to: string } {
  switch (preset) {
    case "today":
      return { from: today, to: today }
    case "yesterday": {
      const yesterday = addDays(today, -1)
      return { from: yesterday, to: yesterday }
    }
    case "week":
      return { from: addDays(today, -7), to: addDays(today, -1) }
  }
}

/**
 * The period a query names. Nothing asked is today; a preset cannot be combined with
 * days; `to` without `from` is refused, `from` without `to` runs to today. Refuses a day
 * that is not `YYYY-MM-DD`, `to` before `from`, and more than `REPORT_LIMITS.maxDays`.
 */
export function resolveReportPeriod(
  query: ReportPeriodQuery,
  now: Date
): ReportPeriod {
  const today = moscowDay(now)
  if (query.preset !== undefined) {
    if (!isReportPreset(query.preset)) {
      throw new ReportPeriodError(
        `period: must be one of ${REPORT_PRESETS.join(", ")}, got ${JSON.stringify(query.preset)}`
      )
    }
    if (query.from !== undefined || query.to !== undefined) {
      throw new ReportPeriodError(
        "period: give either a period or from and to, not both"
      )
    }
    return { ...presetDays(query.preset, today), preset: query.preset }
  }
  if (query.from === undefined && query.to === undefined) {
    return { from: today, to: today, preset: "today" }
  }
  for (const key of ["from", "to"] as const) {
    const value = query[key]
    if (value !== undefined && !isDay(value)) {
      throw new ReportPeriodError(
        `${key}: must be a day written YYYY-MM-DD (a Moscow calendar day), got ${JSON.stringify(value)}`
      )
    }
  }
  if (query.from === undefined) {
    throw new ReportPeriodError("from: required when to is given")
  }
  const from = query.from
  const to = query.to ?? today
  if (to < from) {
    throw new ReportPeriodError(
      `to: must not be before from (${from}), got ${to}`
    )
  }
  const days = daysInRange(from, to)
  if (days > REPORT_LIMITS.maxDays) {
    throw new ReportPeriodError(
      `to: the period ${from} to ${to} is ${days} days; a report covers at most ${REPORT_LIMITS.maxDays} days`
    )
  }
  return { from, to, preset: null }
}

/** The period's days up to today (Moscow) that are not in `stored`: days to come are not due. */
export function daysNotStored(
  period: { from: string; to: string },
  stored: Iterable<string>,
  now: Date
): string[] {
  const today = moscowDay(now)
  if (period.from > today) {
    return []
  }
  const have = new Set(stored)
  return daysBetween(period.from, period.to < today ? period.to : today).filter(
    (day) => !have.has(day)
  )
}
