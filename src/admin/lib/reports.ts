/**
 * The report page's pure part: which period is asked, whether a range can be reported on,
 * and the query the route takes (docs/architecture.md, "Reports and alerts").
 */
import type {
  AdminFiscalReportResponse,
  FiscalReport,
  ReportPreset,
  ReportProblem,
  ReportUnreceipted,
} from "../../types/http"
import { REPORT_PRESETS } from "../../types/http/reports"
import { daysInRange, isDay } from "../../lib/moscow-day"
import { REPORT_LIMITS } from "../../lib/reports/limits"
import { presetDays } from "../../lib/reports/period"
import type { DayRange } from "./reconciliation"

export type {
  AdminFiscalReportResponse,
  FiscalReport,
  ReportPreset,
  ReportProblem,
  ReportUnreceipted,
}
export { REPORT_PRESETS, presetDays }

/** The longest range the page asks for, in days. */
export const MAX_REPORT_DAYS = REPORT_LIMITS.maxDays

/** What the page shows: a named period, or the days typed in. */
export type ReportSelection =
  { preset: ReportPreset } | { preset: null; range: DayRange }

/** The days of a selection seen from Moscow's `today`. */
export function selectionDays(sel: ReportSelection, today: string): DayRange {
  return sel.preset ? presetDays(sel.preset, today) : sel.range
}

/** Why a typed range cannot be reported on, or null when it can. */
export type ReportRangeProblem = "invalid" | "reversed" | "future" | "tooLong"

export function reportRangeProblem(
  range: DayRange,
  today: string
): ReportRangeProblem | null {
  if (!isDay(range.from) || !isDay(range.to)) {
    return "invalid"
  }
  if (range.to < range.from) {
    return "reversed"
  }
  if (range.from > today) {
    return "future"
  }
  return daysInRange(range.from, range.to) > MAX_REPORT_DAYS ? "tooLong" : null
}

/** The route's query of a selection: the preset's name, or the days. */
export function reportQuery(
  sel: ReportSelection
): { period: ReportPreset } | { from: string; to: string } {
  return sel.preset
    ? { period: sel.preset }
    : { from: sel.range.from, to: sel.range.to }
}

/** The report's problems that are `failed` or `invalid` need a fix; the rest only a look. */
export const isFailure = (p: Pick<ReportProblem, "status">) =>
  p.status === "failed" || p.status === "invalid"
