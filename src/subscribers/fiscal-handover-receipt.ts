import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { HandoverMoment } from "../lib/receipt/types"
import type FiscalModuleService from "../modules/fiscal/service"
import {
  dropUnsentSettlement,
  ensureHandoverReceipts,
  handoverSetting,
  isHandedOver,
  loadFulfillment,
} from "../pipeline/causes"
import { requestPromptProcessing } from "../pipeline/prompt"

const FULFILLMENT_CANCELED = "order.fulfillment_canceled"

/** The event that marks each handover moment. */
const EVENT_OF: Record<HandoverMoment, string> = {
  fulfillment_created: "order.fulfillment_created",
  shipped: "shipment.created",
  delivered: "delivery.created",
}

/**
 * Settlement receipts of prepayment mode ("Полный расчёт" offsetting the prepayment), one
 * per fulfillment when its goods are handed over: created, shipped or delivered, as the
 * shop's `handover` setting says (docs/fiscal-rules.md, "Prepayment and the settlement at
 * handover"). Only writes the outbox row; the pipeline builds and sends it in the order's
 * sequence, after the prepayments recorded before it. A fulfillment canceled before its
 * settlement went out takes the unsent settlement with it.
 */
export default async function fiscalHandoverReceipt({
  event,
  container,
}: SubscriberArgs<{ id?: string; fulfillment_id?: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const fulfillmentId = event.data.fulfillment_id ?? event.data.id
  try {
    const fiscal = container.resolve<FiscalModuleService>("fiscal")
    if (event.name === FULFILLMENT_CANCELED) {
      if (fulfillmentId) {
        await dropUnsentSettlement(container, fulfillmentId)
      }
      return
    }
    const settings = await fiscal.getEffectiveSettings({ credentials: false })
    const moment = handoverSetting(settings)
    if (!settings.enabled || !moment || EVENT_OF[moment] !== event.name) {
      return
    }
    if (!fulfillmentId) {
      logger.warn(
        `fiscal: ${event.name} names no fulfillment; nothing to settle.`
      )
      return
    }
    const { orderId, fulfillment } = await loadFulfillment(
      container,
      fulfillmentId
    )
    if (!orderId || !fulfillment) {
      // a return's fulfillment, or one of no order: no goods left for a buyer
      return
    }
    if (!isHandedOver(fulfillment, moment)) {
      return
    }
    await ensureHandoverReceipts(container, {
      orderId,
      fulfillmentIds: [fulfillmentId],
    })
    requestPromptProcessing(container)
  } catch (e) {
    // fail the event, so an event bus that retries delivers it again; the sweep job finds
    // what is still missing (recording is idempotent by source key)
    logger.error(
      `fiscal: could not record the settlement receipt for ${event.name} ${fulfillmentId}: ${(e as Error).message}. It is retried; "Send to KKM" on the order records it at once.`
    )
    throw e
  }
}

export const config: SubscriberConfig = {
  event: [...Object.values(EVENT_OF), FULFILLMENT_CANCELED],
  context: { subscriberId: "fiscal-handover-receipt" },
}
