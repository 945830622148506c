/**
 * The reconciliation page's pure part: days and ranges, and what each finding's remedy
 * does (docs/fiscal-rules.md, "Reconciliation").
 */
import type {
  AdminCreateCorrectionBody,
  AdminReconciliationDay,
  AdminReconciliationFinding,
  AdminReconciliationResponse,
  AdminReconciliationTotals,
} from "../../types/http"
import { addDays, daysInRange, isDay, moscowDay } from "../../lib/moscow-day"
import {
  FINDING_KINDS,
  RECONCILIATION_LIMITS,
} from "../../lib/reconciliation/types"

export type ReconciliationTotals = AdminReconciliationTotals
export type ReconciliationDay = AdminReconciliationDay
export type ReconciliationFinding = AdminReconciliationFinding
export type ReconciliationResponse = AdminReconciliationResponse
export type FindingKind = ReconciliationFinding["kind"]
export type Remedy = ReconciliationFinding["remedy"]

/** The kinds of findings, in the order the page lists them. */
export { FINDING_KINDS }

/** The longest range the page shows, in days. */
export const MAX_RANGE_DAYS = RECONCILIATION_LIMITS.maxReadDays
/** The longest range "Check now" runs for, in days. */
export const MAX_CHECK_DAYS = RECONCILIATION_LIMITS.maxRunDays
/** The range the page opens with. */
export const DEFAULT_RANGE_DAYS = RECONCILIATION_LIMITS.defaultReadDays

export { addDays, daysInRange, isDay, moscowDay }

export type DayRange = { from: string; to: string }

export const RANGE_PRESETS = ["last30", "thisMonth", "lastMonth"] as const
export type RangePreset = (typeof RANGE_PRESETS)[number]

/** The days of a preset, seen from Moscow's `today`. */
export function presetRange(preset: RangePreset, today: string): DayRange {
  const monthStart = `${today.slice(0, 8)}01`
  switch (preset) {
    case "thisMonth":
      return { from: monthStart, to: today }
    case "lastMonth": {
      const lastDay = addDays(monthStart, -1)
      return { from: `${lastDay.slice(0, 8)}01`, to: lastDay }
    }
    case "last30":
      return { from: addDays(today, -(DEFAULT_RANGE_DAYS - 1)), to: today }
  }
}

/** Why a range cannot be shown or checked, or null when it can. */
export type RangeProblem =
  "invalid" | "reversed" | "future" | "tooLong" | "tooLongToCheck"

export function rangeProblem(
  range: DayRange,
  today: string
): RangeProblem | null {
  if (!isDay(range.from) || !isDay(range.to)) {
    return "invalid"
  }
  if (range.to < range.from) {
    return "reversed"
  }
  if (range.from > today) {
    return "future"
  }
  const days = daysInRange(range.from, range.to)
  if (days > MAX_RANGE_DAYS) {
    return "tooLong"
  }
  return days > MAX_CHECK_DAYS ? "tooLongToCheck" : null
}

/** True when the page may load the range (a range too long to check can still be read). */
export const canShow = (problem: RangeProblem | null) =>
  problem === null || problem === "tooLongToCheck"

/** The correction a finding asks for: which order, and what it stands for or takes back. */
export type CorrectionPrefill = {
  orderId: string
  target?: AdminCreateCorrectionBody["target"]
}

/** What a finding's remedy button does. */
export type RemedyAction =
  | { kind: "send"; orderId: string }
  | { kind: "correction"; prefill: CorrectionPrefill }
  | { kind: "retry"; orderId: string; receiptIds: string[] }

/**
 * The action of a finding's remedy: "Send to KKM" for a receipt still on time, the
 * correction form for a missed day or a wrong amount (the wrong receipt is taken back),
 * the correction taking back a duplicate, and for a stuck receipt its order's page with a
 * retry.
 */
export function remedyAction(finding: ReconciliationFinding): RemedyAction {
  const orderId = finding.order_id
  const firstReceipt = finding.receipt_ids[0]
  switch (finding.remedy) {
    case "issue_receipt":
      return { kind: "send", orderId }
    case "refund_duplicate":
      return {
        kind: "correction",
        prefill: {
          orderId,
          target: firstReceipt
            ? { kind: "receipt", id: firstReceipt }
            : undefined,
        },
      }
    case "issue_correction": {
      const target: CorrectionPrefill["target"] =
        finding.kind === "amount_differs" && firstReceipt
          ? { kind: "receipt", id: firstReceipt }
          : finding.movement
            ? { kind: finding.movement.kind, id: finding.movement.id }
            : firstReceipt
              ? { kind: "receipt", id: firstReceipt }
              : undefined
      return { kind: "correction", prefill: { orderId, target } }
    }
    case "fix_and_send":
      return { kind: "retry", orderId, receiptIds: finding.receipt_ids }
  }
}

/** The i18n key of a remedy button's label. */
export const remedyLabelKey = (remedy: Remedy) =>
  `reconciliation.remedy.${remedy}`

/** Days of a report worth a row: those with findings. */
export const daysWithFindings = (days: ReconciliationDay[]) =>
  days.filter(
    (d) => d.at_risk > 0 || Object.values(d.findings).some((n) => n > 0)
  )

/**
 * Consecutive days joined into ranges, for saying which days are unchecked:
 * `["2026-12-01", "2026-12-02", "2026-12-05"]` → `[{01, 02}, {05, 05}]`.
 */
export function dayRuns(days: string[]): DayRange[] {
  const sorted = [...new Set(days)].sort()
  const runs: DayRange[] = []
  for (const day of sorted) {
    const last = runs[runs.length - 1]
    if (last && addDays(last.to, 1) === day) {
      last.to = day
    } else {
      runs.push({ from: day, to: day })
    }
  }
  return runs
}

/** Σ findings of every kind. */
export const findingsCount = (findings: Record<FindingKind, number>) =>
  FINDING_KINDS.reduce((sum, kind) => sum + (findings[kind] ?? 0), 0)

/** A Moscow day `YYYY-MM-DD` as the admin's language writes a date ("2 Dec 2026"). */
export function formatDay(day: string | null | undefined, language: string) {
  if (!day || !isDay(day)) {
    return day || "—"
  }
  return new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00Z`))
}
