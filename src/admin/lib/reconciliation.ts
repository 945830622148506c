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

export type ReconciliationTotals = AdminReconciliationTotals
export type ReconciliationDay = AdminReconciliationDay
export type ReconciliationFinding = AdminReconciliationFinding
export type ReconciliationResponse = AdminReconciliationResponse
export type FindingKind = ReconciliationFinding["kind"]
export type Remedy = ReconciliationFinding["remedy"]

/** The kinds of findings, in the order the page lists them. */
export const FINDING_KINDS = [
  "money_without_receipt",
  "receipt_without_money",
  "amount_differs",
  "stuck_or_failed",
] as const satisfies readonly FindingKind[]

// every kind the server reports has its place on the page
type Unlisted = Exclude<FindingKind, (typeof FINDING_KINDS)[number]>
const everyKindListed: Unlisted extends never ? true : false = true
void everyKindListed

/** The longest range the page shows, in days. */
export const MAX_RANGE_DAYS = 366
/** The longest range "Check now" runs for, in days. */
export const MAX_CHECK_DAYS = 92
/** The range the page opens with. */
export const DEFAULT_RANGE_DAYS = 30

const DAY_MS = 86_400_000
/** Moscow time is UTC+3 all year (docs/fiscal-rules.md, "Reconciliation"). */
const MOSCOW_OFFSET_MS = 3 * 3_600_000

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/

/** The Moscow calendar day of a moment, `YYYY-MM-DD`. */
export function moscowDay(moment: Date | string | number = Date.now()): string {
  return new Date(new Date(moment).getTime() + MOSCOW_OFFSET_MS)
    .toISOString()
    .slice(0, 10)
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isDay(value: string): boolean {
  if (!DAY_RE.test(value)) {
    return false
  }
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS)
    .toISOString()
    .slice(0, 10)
}

/** How many days `from` to `to` holds, both included (0 when `to` is before `from`). */
export function daysInRange(from: string, to: string): number {
  const n =
    Math.round(
      (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS
    ) + 1
  return Number.isFinite(n) ? Math.max(0, n) : 0
}

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
