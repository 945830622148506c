import type {
  CreateNotificationDTO,
  INotificationModuleService,
  MedusaContainer,
} from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/**
 * Hands notifications to Medusa's notification module, which sends each through the
 * provider configured for its channel (`feed`: the admin's notification panel; `email`:
 * whatever email provider the shop set up). Throws with what to configure when the module
 * or a channel's provider is missing.
 */
export async function sendNotifications(
  container: MedusaContainer,
  notifications: CreateNotificationDTO[]
): Promise<void> {
  if (!notifications.length) {
    return
  }
  let module: INotificationModuleService
  try {
    module = container.resolve<INotificationModuleService>(Modules.NOTIFICATION)
  } catch {
    throw new Error(
      "Medusa's notification module is not loaded: add it to medusa-config with a provider for the channels `feed` and `email`."
    )
  }
  try {
    await module.createNotifications(notifications)
  } catch (e) {
    const message = (e as Error).message
    if (/Could not find a notification provider for channel/.test(message)) {
      const channels = [...new Set(notifications.map((n) => n.channel))]
      throw new Error(
        `No notification provider handles the channel ${channels
          .map((c) => `\`${c}\``)
          .join(
            " or "
          )}: configure one in the notification module's providers (medusa-config).`
      )
    }
    throw e
  }
}
