import type { MedusaContainer } from "@medusajs/framework/types"
import { processFiscalQueue } from "../pipeline/process-queue"

/** Sends every due receipt: new ones the prompt run missed, retries, unresolved sends. */
export default async function sendFiscalReceipts(container: MedusaContainer) {
  await processFiscalQueue(container, { sendsOnly: true })
}

export const config = {
  name: "send-fiscal-receipts",
  schedule: "* * * * *",
}
