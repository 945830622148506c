import { HANDOVER_MOMENTS, type HandoverMoment } from "../types"

/** What the handover moment reads of a fulfillment (Medusa's dates). */
export type FulfillmentDates = {
  created_at?: Date | string | null
  shipped_at?: Date | string | null
  delivered_at?: Date | string | null
  canceled_at?: Date | string | null
}

/**
 * When a fulfillment's goods count as handed over under the shop's `handover` setting
 * (docs/fiscal-rules.md, "Prepayment and the settlement at handover"); null: not yet.
 * Dependency-free: the admin reads it too.
 */
export function handoverMomentOf(
  fulfillment: FulfillmentDates,
  moment: HandoverMoment
): Date | string | null {
  const at =
    moment === "fulfillment_created"
      ? fulfillment.created_at
      : moment === "shipped"
        ? fulfillment.shipped_at
        : fulfillment.delivered_at
  return at ?? null
}

/** True when the fulfillment's goods count as handed over: not canceled, moment reached. */
export function isHandedOver(
  fulfillment: FulfillmentDates,
  moment: HandoverMoment
): boolean {
  return !fulfillment.canceled_at && !!handoverMomentOf(fulfillment, moment)
}

/**
 * The moment settlements follow for a shop's payment method mode and `handover` setting:
 * null outside prepayment mode (a sale then hands the goods over at payment), else the
 * setting, `shipped` when it is unset.
 */
export function settlementMoment(
  paymentMethodMode: unknown,
  handover: unknown
): HandoverMoment | null {
  if (paymentMethodMode !== "prepayment") {
    return null
  }
  return HANDOVER_MOMENTS.includes(handover as HandoverMoment)
    ? (handover as HandoverMoment)
    : "shipped"
}
