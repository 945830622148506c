import {
  FINDING_KINDS,
  type DayTotals,
  type Finding,
  type FindingKind,
  type ReconciliationPeriod,
} from "../../lib/reconciliation/types"
import type {
  AdminReconciliationDay,
  AdminReconciliationFinding,
  AdminReconciliationResponse,
  AdminReconciliationTotals,
} from "../../types/http/reconciliation"
import { uncheckedDays } from "./period"
import { wholeNumber } from "./rows"

/**
 * The stored reconciliation rows (`fiscal_reconciliation_day`, `_finding`) as they are
 * written from the engine's report and read back for the admin API (docs/architecture.md,
 * "Reconciliation runs"). Pure.
 */

/** A `fiscal_reconciliation_day` row to write. */
export type DayRowInput = DayTotals & {
  findings: Record<FindingKind, number>
  checked_at: Date
}

/** A `fiscal_reconciliation_finding` row to write. */
export type FindingRowInput = {
  day: string
  kind: FindingKind
  order_id: string
  order_display_id: string | null
  movement_kind: "capture" | "refund" | null
  movement_id: string | null
  receipt_ids: string[]
  amount: number
  remedy: Finding["remedy"]
}

/** Zero findings of every kind. */
export function noFindings(): Record<FindingKind, number> {
  return Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Record<
    FindingKind,
    number
  >
}

/** The day rows of a report: its totals with the day's findings counted per kind. */
export function dayRowsOf(
  days: ReadonlyArray<DayTotals>,
  findings: ReadonlyArray<Finding>,
  checkedAt: Date
): DayRowInput[] {
  const counts = new Map(days.map((d) => [d.day, noFindings()]))
  for (const f of findings) {
    const count = counts.get(f.day)
    if (count) {
      count[f.kind] += 1
    }
  }
  return days.map((d) => ({
    ...d,
    findings: counts.get(d.day)!,
    checked_at: checkedAt,
  }))
}

/** A finding as its row stores it. */
export function findingRowOf(f: Finding): FindingRowInput {
  return {
    day: f.day,
    kind: f.kind,
    order_id: f.order_id,
    order_display_id:
      f.order_display_id === undefined ? null : String(f.order_display_id),
    movement_kind: f.movement?.kind ?? null,
    movement_id: f.movement?.id ?? null,
    receipt_ids: f.receipt_ids,
    amount: f.amount,
    remedy: f.remedy,
  }
}

const money = (value: unknown) => wholeNumber(value) ?? 0

/** Counts per kind read from the stored json: every kind present, unknown keys left out. */
function countsOf(value: unknown): Record<FindingKind, number> {
  const out = noFindings()
  const stored = (value ?? {}) as Record<string, unknown>
  for (const kind of FINDING_KINDS) {
    out[kind] = Number(stored[kind] ?? 0) || 0
  }
  return out
}

/** A stored day as the API answers it. */
export function dayView(
  row: Record<string, any>
): AdminReconciliationDay<Date> {
  return {
    day: row.day,
    captured: money(row.captured),
    refunded: money(row.refunded),
    registered_in: money(row.registered_in),
    registered_out: money(row.registered_out),
    at_risk: money(row.at_risk),
    findings: countsOf(row.findings),
    checked_at: new Date(row.checked_at),
  }
}

/** A stored finding as the API answers it; a number written in digits comes back a number. */
export function findingView(
  row: Record<string, any>
): AdminReconciliationFinding {
  const display = row.order_display_id as string | null
  return {
    id: row.id,
    day: row.day,
    kind: row.kind,
    order_id: row.order_id,
    order_display_id:
      display === null || display === undefined
        ? null
        : /^\d{1,15}$/.test(display)
          ? Number(display)
          : display,
    movement:
      row.movement_kind && row.movement_id
        ? { kind: row.movement_kind, id: row.movement_id }
        : null,
    receipt_ids: Array.isArray(row.receipt_ids) ? row.receipt_ids : [],
    amount: money(row.amount),
    remedy: row.remedy,
  }
}

/** The days added up, findings counted per kind. */
export function totalsOf(
  days: ReadonlyArray<AdminReconciliationDay<Date>>
): AdminReconciliationTotals {
  const out: AdminReconciliationTotals = {
    captured: 0,
    refunded: 0,
    registered_in: 0,
    registered_out: 0,
    at_risk: 0,
    findings: noFindings(),
  }
  for (const d of days) {
    out.captured += d.captured
    out.refunded += d.refunded
    out.registered_in += d.registered_in
    out.registered_out += d.registered_out
    out.at_risk += d.at_risk
    for (const kind of FINDING_KINDS) {
      out.findings[kind] += d.findings[kind]
    }
  }
  return out
}

/** The answer of the reconciliation routes from the stored rows of a period. */
export function responseOf(input: {
  period: ReconciliationPeriod
  days: ReadonlyArray<Record<string, any>>
  findings: ReadonlyArray<Record<string, any>>
  count: number
  offset: number
  limit: number
  now: Date
}): AdminReconciliationResponse<Date> {
  const days = input.days
    .map(dayView)
    .sort((a, b) => a.day.localeCompare(b.day))
  const oldest = days.reduce<Date | null>(
    (min, d) => (min === null || d.checked_at < min ? d.checked_at : min),
    null
  )
  return {
    period: input.period,
    summary: totalsOf(days),
    days,
    findings: input.findings.map(findingView),
    count: input.count,
    offset: input.offset,
    limit: input.limit,
    checked_at: oldest,
    unchecked_days: uncheckedDays(
      input.period,
      days.map((d) => d.day),
      input.now
    ),
  }
}
