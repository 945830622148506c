import type { PaymentObject } from "./types"

/**
 * Payment objects (tag 1212) by their ФФД 1.05 names, which services on ФФД 1.05 send as
 * strings (ATOL v4, МодульКасса). `non_operating_gain` is spelled with a hyphen there.
 * Marked goods had no codes of their own before ФФД 1.2 (the marking code travels in a
 * separate tag), so they map to plain `commodity`/`excise`. `award`, `deposit` and `expense`
 * exist only in ФФД 1.2: null.
 */
export const FFD105_PAYMENT_OBJECT_NAMES: Readonly<
  Record<PaymentObject, string | null>
> = Object.freeze({
  commodity: "commodity",
  excise: "excise",
  job: "job",
  service: "service",
  gambling_bet: "gambling_bet",
  gambling_prize: "gambling_prize",
  lottery: "lottery",
  lottery_prize: "lottery_prize",
  intellectual_activity: "intellectual_activity",
  payment: "payment",
  agent_commission: "agent_commission",
  award: null,
  another: "another",
  property_right: "property_right",
  non_operating_gain: "non-operating_gain",
  insurance_premium: "insurance_premium",
  sales_tax: "sales_tax",
  resort_fee: "resort_fee",
  deposit: null,
  expense: null,
  marked_excise_without_code: "excise",
  marked_excise: "excise",
  marked_commodity_without_code: "commodity",
  marked_commodity: "commodity",
})
