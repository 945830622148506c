import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { recordAlert } from "../pipeline/alerts/record"
import { requestAlertDelivery } from "../pipeline/alerts/prompt"
import { FiscalEvents, type FiscalReceiptEventData } from "../pipeline/events"

/**
 * A receipt failed or was flagged: records its alert (once per receipt, state and
 * generation) and asks for the waiting alerts to be delivered after the fold window.
 */
export default async function fiscalReceiptAlerts({
  event,
  container,
}: SubscriberArgs<FiscalReceiptEventData>) {
  if (await recordAlert(container, event.data)) {
    requestAlertDelivery(container)
  }
}

export const config: SubscriberConfig = {
  event: [FiscalEvents.RECEIPT_FAILED, FiscalEvents.RECEIPT_NEEDS_ATTENTION],
  context: { subscriberId: "fiscal-receipt-alerts" },
}
