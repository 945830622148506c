import { moneyOf } from "./classify"
import { instantOf, moscowDay } from "../moscow-day"
import type { Pairing } from "./pairing"
import {
  FINDING_KINDS,
  type DayTotals,
  type Finding,
  type FindingKind,
  type ReconciliationPeriod,
  type ReconciliationSummary,
} from "./types"

/**
 * The money of each day of the period: what Medusa captured and refunded, what done
 * receipts registered for those movements (on the movement's day, so a receipt sent
 * after midnight counts with its money), and the findings' amounts. A receipt whose
 * movement Medusa does not have counts on its own day.
 */
export function dayTotals(
  days: string[],
  p: Pairing,
  findings: ReadonlyArray<Finding>
): DayTotals[] {
  const table = new Map<string, DayTotals>(
    days.map((day) => [
      day,
      {
        day,
        captured: 0,
        refunded: 0,
        registered_in: 0,
        registered_out: 0,
        at_risk: 0,
      },
    ])
  )
  for (const m of p.movements) {
    const totals = table.get(m.day)
    if (!totals) {
      continue
    }
    const registered = (p.standing.get(m.id) ?? [])
      .filter((s) => s.row.status === "done")
      .reduce((sum, s) => sum + s.share, 0)
    if (m.kind === "capture") {
      totals.captured += m.amount
      totals.registered_in += registered
    } else {
      totals.refunded += m.amount
      totals.registered_out += registered
    }
  }
  for (const row of p.orphans) {
    const totals = table.get(
      moscowDay(instantOf(row.registered_at ?? row.created_at))
    )
    if (!totals || row.status !== "done") {
      continue
    }
    if (row.type === "sell") {
      totals.registered_in += moneyOf(row) ?? 0
    } else if (row.type === "sell_refund") {
      totals.registered_out += moneyOf(row) ?? 0
    }
  }
  for (const f of findings) {
    const totals = table.get(f.day)
    if (totals) {
      totals.at_risk += f.amount
    }
  }
  return [...table.values()]
}

/** The period's totals and the number of findings of each kind. */
export function summarize(
  period: ReconciliationPeriod,
  days: ReadonlyArray<DayTotals>,
  findings: ReadonlyArray<Finding>
): ReconciliationSummary {
  const count = Object.fromEntries(
    FINDING_KINDS.map((kind) => [kind, 0])
  ) as Record<FindingKind, number>
  for (const f of findings) {
    count[f.kind] += 1
  }
  const sum = (key: keyof Omit<DayTotals, "day">) =>
    days.reduce((total, d) => total + d[key], 0)
  return {
    period,
    captured: sum("captured"),
    refunded: sum("refunded"),
    registered_in: sum("registered_in"),
    registered_out: sum("registered_out"),
    at_risk: sum("at_risk"),
    findings: count,
  }
}
