import type FiscalModuleService from "../../modules/fiscal/service"
import type { DayRowInput, FindingRowInput } from "./view"

/** Finding rows per insert. */
const ROWS_PER_INSERT = 500

/**
 * Replaces the stored results of the reconciled days (docs/architecture.md,
 * "Reconciliation runs"): the new findings are written before the old ones of those days
 * are deleted (a reader never sees a day without its findings), then each day's row is
 * updated, or created. A run that fails half-way is made whole by the next run of the same
 * days, which deletes every finding of them that existed before it.
 */
export async function replaceReconciliation(
  fiscal: FiscalModuleService,
  days: DayRowInput[],
  findings: FindingRowInput[]
): Promise<void> {
  if (!days.length) {
    return
  }
  const dayList = days.map((d) => d.day)
  const old = await fiscal.listFiscalReconciliationFindings(
    { day: dayList },
    { select: ["id"], take: null }
  )
  for (let i = 0; i < findings.length; i += ROWS_PER_INSERT) {
    await fiscal.createFiscalReconciliationFindings(
      findings.slice(i, i + ROWS_PER_INSERT).map((f) => ({
        ...f,
        // a json column typed as an object holds the list as it is
        receipt_ids: f.receipt_ids as unknown as Record<string, unknown>,
      }))
    )
  }
  const oldIds = old.map((f) => f.id)
  for (let i = 0; i < oldIds.length; i += ROWS_PER_INSERT) {
    await fiscal.deleteFiscalReconciliationFindings(
      oldIds.slice(i, i + ROWS_PER_INSERT)
    )
  }
  const stored = await fiscal.listFiscalReconciliationDays(
    { day: dayList },
    { select: ["id", "day"], take: null }
  )
  const idOf = new Map(stored.map((d) => [d.day, d.id]))
  const updates = days.filter((d) => idOf.has(d.day))
  const creates = days.filter((d) => !idOf.has(d.day))
  if (updates.length) {
    await fiscal.updateFiscalReconciliationDays(
      updates.map((d) => ({ id: idOf.get(d.day)!, ...d }))
    )
  }
  if (creates.length) {
    await fiscal.createFiscalReconciliationDays(creates)
  }
}
