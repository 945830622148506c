import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type FiscalModuleService from "../modules/fiscal/service"
import {
  ensureCaptureReceipts,
  ensureSaleReceipt,
  loadPayment,
} from "../pipeline/causes"
import { requestPromptProcessing } from "../pipeline/prompt"

/**
 * Sale receipts. When money is received (`payment.captured`, the 54-ФЗ moment): one per
 * capture of the payment — the event carries only the payment id, so every capture of it
 * without a receipt gets one (a second or partial capture, an order edit or exchange paid
 * later all have their own). For shops that fiscalize at placement (`order.placed`): one
 * for the order. Only writes the outbox rows; the pipeline talks to the vendor.
 */
export default async function fiscalSaleReceipt({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const fiscal = container.resolve<FiscalModuleService>("fiscal")
    const settings = await fiscal.getEffectiveSettings({ credentials: false })
    if (!settings.enabled) {
      return
    }
    if (event.name === "order.placed") {
      if (settings.sell_trigger !== "order_placed") {
        return
      }
      await ensureSaleReceipt(container, { orderId: event.data.id })
    } else {
      if (settings.sell_trigger !== "payment_captured") {
        return
      }
      const payment = await loadPayment(container, event.data.id)
      if (!payment.orderId) {
        logger.warn(
          `fiscal: payment ${event.data.id} was captured but belongs to no order; no receipt is owed for it.`
        )
        return
      }
      await ensureCaptureReceipts(container, {
        orderId: payment.orderId,
        captures: payment.captures,
      })
    }
    requestPromptProcessing(container)
  } catch (e) {
    // fail the event, so an event bus that retries (Redis) delivers it again; whatever is
    // still missing is found by the sweep job (recording is idempotent by source key)
    logger.error(
      `fiscal: could not record the sale receipt for ${event.name} ${event.data.id}: ${(e as Error).message}. It is retried; "Send to KKM" on the order records it at once.`
    )
    throw e
  }
}

export const config: SubscriberConfig = {
  event: ["payment.captured", "order.placed"],
  context: { subscriberId: "fiscal-sale-receipt" },
}
