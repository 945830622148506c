import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type FiscalModuleService from "../modules/fiscal/service"
import {
  ensureRefundReceipts,
  loadOrderMoney,
  loadPayment,
} from "../pipeline/causes"
import { requestPromptProcessing } from "../pipeline/prompt"

/**
 * Refund receipts. `payment.refunded` carries only the payment id, so every refund of that
 * payment without a receipt gets one; `order.canceled` refunds without emitting
 * `payment.refunded`, so the order's refunds are read the same way. Refund ids are the
 * keys: a refund seen through both events gets one receipt.
 */
export default async function fiscalRefundReceipt({
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
    if (event.name === "order.canceled") {
      if (!settings.cancel_receipts) {
        return
      }
      const money = await loadOrderMoney(container, event.data.id)
      await ensureRefundReceipts(container, {
        orderId: event.data.id,
        refunds: money?.refunds ?? [],
        reason: "cancel",
      })
    } else {
      if (!settings.refund_receipts) {
        return
      }
      const payment = await loadPayment(container, event.data.id)
      if (!payment.orderId) {
        return
      }
      await ensureRefundReceipts(container, {
        orderId: payment.orderId,
        refunds: payment.refunds.map((r) => ({
          id: r.id,
          paymentId: event.data.id,
        })),
        reason: "refund",
      })
    }
    requestPromptProcessing(container)
  } catch (e) {
    // fail the event, so an event bus that retries (Redis) delivers it again; whatever is
    // still missing is found by the sweep job (recording is idempotent by source key)
    logger.error(
      `fiscal: could not record refund receipts for ${event.name} ${event.data.id}: ${(e as Error).message}. It is retried.`
    )
    throw e
  }
}

export const config: SubscriberConfig = {
  event: ["payment.refunded", "order.canceled"],
  context: { subscriberId: "fiscal-refund-receipt" },
}
