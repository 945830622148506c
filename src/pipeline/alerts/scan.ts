import type { MedusaContainer } from "@medusajs/framework/types"
import type FiscalModuleService from "../../modules/fiscal/service"
import { rowToReceipt } from "../../modules/fiscal/utils/row-to-receipt"
import { recordAlert } from "./record"

/** How far back the scan looks for receipts whose alert was lost. */
const SCAN_DAYS = 3
/** Receipts recorded per scan at most. */
const SCAN_LIMIT = 500

/**
 * Records the alerts of receipts that need a person but have none in their present state:
 * the event that should have recorded it was lost (a crash right after the change, an
 * event bus that was down). Returns how many it recorded.
 */
export async function recordMissedAlerts(
  container: MedusaContainer,
  now = new Date()
): Promise<number> {
  const fiscal = container.resolve<FiscalModuleService>("fiscal")
  const since = new Date(now.getTime() - SCAN_DAYS * 86_400_000)
  const rows = await fiscal
    .getNoticeStore()
    .receiptsWithoutAlert(since, SCAN_LIMIT)
  let recorded = 0
  for (const row of rows) {
    if (await recordAlert(container, rowToReceipt(row))) {
      recorded++
    }
  }
  return recorded
}
