import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { deliverAlerts } from "../pipeline/alerts/deliver"
import { recordMissedAlerts } from "../pipeline/alerts/scan"

/**
 * The safety net of the alerts (docs/architecture.md, "Reports and alerts"): records the
 * alerts whose event was lost and delivers those that waited the fold window. Never throws.
 */
export default async function sendFiscalAlerts(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const missed = await recordMissedAlerts(container)
    if (missed) {
      logger.info(`fiscal: recorded ${missed} alert(s) whose event was missed`)
    }
    await deliverAlerts(container)
  } catch (e) {
    logger.warn(`fiscal: alerts were not delivered: ${(e as Error).message}`)
  }
}

export const config = {
  name: "send-fiscal-alerts",
  schedule: "* * * * *",
}
