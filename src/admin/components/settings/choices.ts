/**
 * Values the selects offer; their labels live in the translations under `choices.*`. The
 * API accepts more (every payment object and measure code of ФФД 1.2); a value saved
 * through the API that is not listed here is still shown as it is.
 */
export const CHOICES = {
  sno: ["osn", "usn_income", "usn_income_outcome", "patent", "esn", "envd"],
  vat: ["standard", "vat22", "vat20", "vat10", "vat7", "vat5", "vat0", "none"],
  paymentObject: [
    "commodity",
    "excise",
    "job",
    "service",
    "payment",
    "agent_commission",
    "another",
  ],
  measure: ["0", "10", "11", "41", "40", "22", "32", "71", "255"],
  paymentMethodMode: ["full_payment", "prepayment"],
  paymentType: ["cashless", "cash"],
  sellTrigger: ["payment_captured", "order_placed"],
} as const
