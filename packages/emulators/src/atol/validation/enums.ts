/** ATOL's enumerations per API version (docs/vendors/atol.md, "Enumerations and mapping"). */

export const SNO = [
  "osn",
  "usn_income",
  "usn_income_outcome",
  "envd",
  "esn",
  "patent",
] as const

export const PAYMENT_METHODS = [
  "full_prepayment",
  "prepayment",
  "advance",
  "full_payment",
  "partial_payment",
  "credit",
  "credit_payment",
] as const

/** v4 (ФФД 1.05) payment objects, as in ATOL's 2023 v4 JSON schema. */
export const V4_PAYMENT_OBJECTS = [
  "commodity",
  "excise",
  "job",
  "service",
  "gambling_bet",
  "gambling_prize",
  "lottery",
  "lottery_prize",
  "intellectual_activity",
  "payment",
  "agent_commission",
  "composite",
  "award",
  "another",
  "property_right",
  "non-operating_gain",
  "insurance_premium",
  "sales_tax",
  "resort_fee",
  "deposit",
  "expense",
  "pension_insurance_ip",
  "pension_insurance",
  "medical_insurance_ip",
  "medical_insurance",
  "social_insurance",
  "casino_payment",
] as const

/** v5 (ФФД 1.2) payment objects: 1..27 and the marked-goods codes 30..33. */
export const V5_PAYMENT_OBJECTS = [
  ...Array.from({ length: 27 }, (_, i) => i + 1),
  30,
  31,
  32,
  33,
] as const

/** v5 measure codes (tag 2108). */
export const V5_MEASURES = [
  0, 10, 11, 12, 20, 21, 22, 30, 31, 32, 40, 41, 42, 50, 51, 70, 71, 72, 73, 80,
  81, 82, 83, 255,
] as const

/**
 * VAT types. ATOL's published v4 schema stops at vat20/vat120; the 2025–2026 rates are
 * documented for v5 only, and ATOL added 20 % to v4 in 2018 the same way, so the emulator
 * accepts them in v4 too [I] (docs/vendors/atol.md, "Not confirmed"). vat18/vat118 stay known
 * to v4 so that they fail as "not allowed" instead of "unknown".
 */
export const V4_VATS = [
  "none",
  "vat0",
  "vat10",
  "vat18",
  "vat110",
  "vat118",
  "vat20",
  "vat120",
  "vat5",
  "vat7",
  "vat105",
  "vat107",
  "vat22",
  "vat122",
] as const

export const V5_VATS = [
  "none",
  "vat0",
  "vat10",
  "vat110",
  "vat20",
  "vat120",
  "vat5",
  "vat7",
  "vat105",
  "vat107",
  "vat22",
  "vat122",
] as const

/** Rejected in sell/buy since 01.02.2019 (docs/vendors/atol.md, "Enumerations and mapping"). */
export const RETIRED_VATS = ["vat18", "vat118"] as const

/** VAT percentage a type extracts from a gross sum. */
export const VAT_RATE: Record<string, number> = {
  none: 0,
  vat0: 0,
  vat5: 5,
  vat7: 7,
  vat10: 10,
  vat18: 18,
  vat20: 20,
  vat22: 22,
  vat105: 5,
  vat107: 7,
  vat110: 10,
  vat118: 18,
  vat120: 20,
  vat122: 22,
}

/**
 * Marking code kinds of v5 `mark_code` with their length limits
 * (docs/vendors/atol.md, "Version 5 differences").
 */
export const V5_MARK_CODE_KINDS: Record<string, number> = {
  unknown: 32,
  ean8: 8,
  ean13: 13,
  itf14: 14,
  gs10: 38,
  gs1m: 200,
  short: 38,
  fur: 20,
  egais20: 23,
  egais30: 14,
}

/** Operations per API version (docs/vendors/atol.md, "Registration request"). */
export const OPERATIONS: Record<4 | 5, readonly string[]> = {
  4: [
    "sell",
    "sell_refund",
    "buy",
    "buy_refund",
    "sell_correction",
    "buy_correction",
  ],
  5: [
    "sell",
    "sell_refund",
    "buy",
    "buy_refund",
    "sell_correction",
    "buy_correction",
    "sell_refund_correction",
    "buy_refund_correction",
  ],
}

/** `payments[].type` values: 0 cash, 1 cashless, 2 prepayment, 3 credit, 4 other, 5..9 extended. */
export const PAYMENT_TYPES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const
