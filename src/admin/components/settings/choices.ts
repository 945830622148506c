import {
  HANDOVER_MOMENTS,
  TAXATION_SYSTEMS,
  type FiscalPaymentType,
  type PaymentMethod,
  type PaymentObject,
  type VatSetting,
} from "../../../types/lists"
import type { FiscalSettingsView } from "../../../types/http"

/**
 * Values the selects offer; their labels live in the translations under `choices.*`. The
 * API accepts more (every payment object and measure code of ФФД 1.2); a value saved
 * through the API that is not listed here is still shown as it is. The shorter lists are
 * picks from the shared ones, checked against them so a value the backend drops fails
 * the type check here.
 */
export const CHOICES = {
  sno: TAXATION_SYSTEMS,
  vat: [
    "standard",
    "vat22",
    "vat20",
    "vat10",
    "vat7",
    "vat5",
    "vat0",
    "none",
  ] as const satisfies readonly VatSetting[],
  paymentObject: [
    "commodity",
    "excise",
    "job",
    "service",
    "payment",
    "agent_commission",
    "another",
  ] as const satisfies readonly PaymentObject[],
  measure: ["0", "10", "11", "41", "40", "22", "32", "71", "255"],
  paymentMethodMode: [
    "full_payment",
    "prepayment",
  ] as const satisfies readonly PaymentMethod[],
  handover: HANDOVER_MOMENTS,
  paymentType: [
    "cashless",
    "cash",
  ] as const satisfies readonly FiscalPaymentType[],
  sellTrigger: [
    "payment_captured",
    "order_placed",
  ] as const satisfies readonly FiscalSettingsView["sell_trigger"][],
} as const
