import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type FiscalModuleService from "../../modules/fiscal/service"
import { deliverAlerts } from "./deliver"

/** A delivery is already scheduled in this process for this container. */
const scheduled = new WeakSet<object>()

/**
 * Delivers the alerts waiting once the fold window has passed, in the background of this
 * process: alerts recorded meanwhile join the same notice. The alerts job (every minute)
 * is the safety net; nothing depends on this timer firing.
 */
export function requestAlertDelivery(container: MedusaContainer): void {
  if (scheduled.has(container)) {
    return
  }
  scheduled.add(container)
  const fiscal = container.resolve<FiscalModuleService>("fiscal")
  const waitMs = fiscal.getOptions().worker.alert_fold_seconds * 1000
  const timer = setTimeout(async () => {
    scheduled.delete(container)
    try {
      const { waiting } = await deliverAlerts(container)
      if (waiting) {
        requestAlertDelivery(container)
      }
    } catch (e) {
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(`fiscal: alerts were not delivered: ${(e as Error).message}`)
    }
  }, waitMs + 100)
  timer.unref()
}
