import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import {
  reconcile,
  type ReconciliationOptions,
  type ReconciliationPeriod,
  type ReconciliationReport,
} from "../../lib/reconciliation"
import { summarize } from "../../lib/reconciliation/totals"
import type FiscalModuleService from "../../modules/fiscal/service"
import { loadReconciliationInput } from "./load"
import { chunkPeriod, upToToday } from "./period"
import { withDisplayIds } from "./rows"
import { replaceReconciliation } from "./store"
import { dayRowsOf, findingRowOf } from "./view"

/**
 * Days loaded and reconciled at once: a year is a dozen rounds of a few queries, not one
 * query over every order of the year.
 */
export const DAYS_PER_ROUND = 31

/** Seconds a run waits for another run to finish before it gives up. */
export const RUN_LOCK_TIMEOUT_SECONDS = 300

/**
 * Reconciles a period of Moscow days up to today and stores the result of each day,
 * replacing what an earlier run stored for it (docs/architecture.md, "Reconciliation
 * runs"). Days after today are left out. Runs take turns under one lock of Medusa's locking
 * module, so the job and "Check now" never interleave their writes of one day (across the
 * servers of a cluster too, with a Redis locking provider). Returns the report of the days
 * reconciled (none when the period starts after today).
 */
export function runReconciliation(
  container: MedusaContainer,
  period: ReconciliationPeriod,
  now: Date = new Date(),
  options?: ReconciliationOptions
): Promise<ReconciliationReport> {
  return container
    .resolve(Modules.LOCKING)
    .execute(
      "fiscal-reconciliation",
      () => reconcileAndStore(container, period, now, options),
      { timeout: RUN_LOCK_TIMEOUT_SECONDS }
    )
}

async function reconcileAndStore(
  container: MedusaContainer,
  period: ReconciliationPeriod,
  now: Date,
  options?: ReconciliationOptions
): Promise<ReconciliationReport> {
  const upTo = upToToday(period, now)
  const report: ReconciliationReport = {
    days: [],
    findings: [],
    summary: summarize(period, [], []),
  }
  if (!upTo) {
    return report
  }
  const fiscal = container.resolve<FiscalModuleService>("fiscal")
  for (const round of chunkPeriod(upTo, DAYS_PER_ROUND)) {
    const { movements, receipts, displayIds } = await loadReconciliationInput(
      container,
      round
    )
    const part = reconcile({ period: round, movements, receipts, now, options })
    const findings = withDisplayIds(part.findings, displayIds)
    await replaceReconciliation(
      fiscal,
      dayRowsOf(part.days, findings, new Date()),
      findings.map(findingRowOf)
    )
    report.days.push(...part.days)
    report.findings.push(...findings)
  }
  report.summary = summarize(upTo, report.days, report.findings)
  return report
}
