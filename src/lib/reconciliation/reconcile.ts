import {
  amountFindings,
  minutes,
  movementFindings,
  orphanFindings,
  stuckFindings,
  type CheckContext,
} from "./findings"
import { daysBetween, moscowDay } from "../moscow-day"
import { pair } from "./pairing"
import { dayTotals, summarize } from "./totals"
import {
  FINDING_KINDS,
  type Finding,
  type ReconciliationInput,
  type ReconciliationReport,
} from "./types"

/** Default minutes after its movement a receipt not `done` is stuck. */
export const DEFAULT_STUCK_AFTER_MINUTES = 60
/** Default minutes a movement may go without a row before it is reported. */
export const DEFAULT_GRACE_MINUTES = 15

const compareFindings = (a: Finding, b: Finding) =>
  a.day.localeCompare(b.day) ||
  FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind) ||
  a.order_id.localeCompare(b.order_id) ||
  (a.movement?.id ?? "").localeCompare(b.movement?.id ?? "") ||
  (a.receipt_ids[0] ?? "").localeCompare(b.receipt_ids[0] ?? "")

/**
 * Compares the money Medusa moved in a period with the receipts registered for it, per
 * Moscow day (docs/fiscal-rules.md, "Reconciliation"). Pure: the caller loads the
 * movements and the rows; `now` says which day is today.
 */
export function reconcile(input: ReconciliationInput): ReconciliationReport {
  const { period, now } = input
  const days = daysBetween(period.from, period.to)
  const inside = new Set(days)
  const context: CheckContext = {
    inPeriod: (day) => inside.has(day),
    today: moscowDay(now),
    now: now.getTime(),
    stuckAfterMs: minutes(
      input.options?.stuckAfterMinutes ?? DEFAULT_STUCK_AFTER_MINUTES
    ),
    graceMs: minutes(input.options?.graceMinutes ?? DEFAULT_GRACE_MINUTES),
  }
  const pairing = pair(input.movements, input.receipts)
  const findings = [
    ...movementFindings(pairing, context),
    ...orphanFindings(pairing, context),
    ...amountFindings(pairing, context),
    ...stuckFindings(pairing, context),
  ].sort(compareFindings)
  const totals = dayTotals(days, pairing, findings)
  return {
    days: totals,
    findings,
    summary: summarize(period, totals, findings),
  }
}
