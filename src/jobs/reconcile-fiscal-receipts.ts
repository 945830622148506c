import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { formatRubles } from "../lib/receipt/money"
import { lastDays } from "../pipeline/reconciliation/period"
import { runReconciliation } from "../pipeline/reconciliation/run"

/**
 * Moscow days each run reconciles, today included. A week: a receipt registered late, a
 * refund made days after, a row fixed by the staff show up in the days they concern
 * again, and a day missed while the shop was down is caught up (docs/architecture.md,
 * "Reconciliation runs").
 */
export const RECONCILED_DAYS = 7

/**
 * Reconciles the last {@link RECONCILED_DAYS} Moscow days and stores the result for the
 * admin (docs/fiscal-rules.md, "Reconciliation"). Safe to run at any time and any number
 * of times: each run replaces what the last one stored for its days. Never throws: a
 * failure is logged and the next run tries again.
 */
export default async function reconcileFiscalReceipts(
  container: MedusaContainer
) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const period = lastDays(RECONCILED_DAYS, new Date())
  try {
    const { summary } = await runReconciliation(container, period)
    const found = Object.entries(summary.findings).filter(([, n]) => n > 0)
    if (found.length) {
      logger.warn(
        `fiscal: reconciliation of ${period.from} to ${period.to} found ${found
          .map(([kind, n]) => `${n} ${kind}`)
          .join(
            ", "
          )}; ${formatRubles(summary.at_risk)} at risk (GET /admin/fiscal/reconciliation lists them)`
      )
    }
  } catch (e) {
    logger.error(
      `fiscal: reconciliation of ${period.from} to ${period.to} failed, the next run tries again: ${(e as Error)?.message ?? e}`
    )
  }
}

/** Daily at 00:30 of the server's clock; the runs in between are the admin's "Check now". */
export const config = {
  name: "reconcile-fiscal-receipts",
  schedule: "30 0 * * *",
}
