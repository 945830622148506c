import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { sendScheduledReports } from "../pipeline/reports/scheduled"

/**
 * Emails the daily and weekly reports when their time has come (Settings → Fiscalization →
 * Reports and alerts). Runs every five minutes; each report goes out once. Never throws.
 */
export default async function sendFiscalReports(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    for (const outcome of await sendScheduledReports(container)) {
      const what = `the ${outcome.kind} fiscal report of ${outcome.from}${
        outcome.to !== outcome.from ? `–${outcome.to}` : ""
      }`
      if (outcome.status === "sent") {
        logger.info(
          `fiscal: emailed ${what} to ${outcome.recipients.length} recipient(s)`
        )
      } else {
        logger.warn(`fiscal: ${what} was not emailed: ${outcome.error}`)
      }
    }
  } catch (e) {
    logger.warn(
      `fiscal: the scheduled reports were not sent: ${(e as Error).message}`
    )
  }
}

export const config = {
  name: "send-fiscal-reports",
  schedule: "*/5 * * * *",
}
