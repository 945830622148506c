import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LIFECYCLE_CLOCKS } from "../modules/fiscal/lifecycle"
import { requestPromptProcessing } from "../pipeline/prompt"
import { sweepMissedReceipts } from "../pipeline/sweep"

/**
 * Records the receipts of recent captures, refunds and handovers that have none: the safety net for a
 * cause whose event was lost (a database restart while the subscriber wrote its row).
 */
export default async function sweepMissedFiscalReceipts(
  container: MedusaContainer
) {
  const since = new Date(Date.now() - LIFECYCLE_CLOCKS.sweepLookbackMs)
  const found = await sweepMissedReceipts(container, { since })
  const count =
    found.sales.length + found.refunds.length + found.handovers.length
  if (count) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(
        `fiscal: recorded ${count} receipt(s) whose event was missed (sales for orders ${found.sales.join(", ") || "none"}; refunds ${found.refunds.join(", ") || "none"}; settlements for fulfillments ${found.handovers.join(", ") || "none"})`
      )
    requestPromptProcessing(container)
  }
}

export const config = {
  name: "sweep-missed-fiscal-receipts",
  schedule: "*/5 * * * *",
}
