import type { MedusaContainer } from "@medusajs/framework/types"
import { processFiscalQueue } from "../pipeline/process-queue"

/**
 * Asks the vendor about receipts it is still processing. Each row is checked on its own
 * schedule (`next_attempt_at`); the providers space requests to respect vendor limits
 * (ATOL: one report per second per kassa).
 */
export default async function checkFiscalReceipts(container: MedusaContainer) {
  await processFiscalQueue(container, { checksOnly: true })
}

export const config = {
  name: "check-fiscal-receipts",
  schedule: "* * * * *",
}
