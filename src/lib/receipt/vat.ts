import { VAT_CODES, type PaymentMethod, type VatCode } from "./types"

/**
 * A VAT rate as a shop configures it: a concrete code, or `"standard"`, the general rate
 * on the settlement date (20 % before 2026-01-01, 22 % from then on).
 */
export type VatSetting = VatCode | "standard"

/**
 * When the standard rate becomes 22 % (425-ФЗ of 28.11.2025): 2026-01-01 00:00 Moscow
 * time, UTC+3, i.e. 2025-12-31T21:00:00Z. A settlement at or after this instant is taxed
 * at 22 %, one before it at 20 %.
 */
export const STANDARD_RATE_SWITCH_AT = new Date("2025-12-31T21:00:00.000Z")

/** The standard rate in force at `date`. */
export function standardRateOn(date: Date): "vat20" | "vat22" {
  return date.getTime() >= STANDARD_RATE_SWITCH_AT.getTime() ? "vat22" : "vat20"
}

const PERCENT_ALIASES: Record<string, VatCode> = {
  "0": "vat0",
  "5": "vat5",
  "7": "vat7",
  "10": "vat10",
  "20": "vat20",
  "22": "vat22",
}

const NONE_ALIASES = new Set(["no_vat", "without_vat", "без ндс"])

/**
 * Reads a VAT value from settings or metadata: a {@link VatCode} (`"vat10"`), `"standard"`,
 * a percentage (`22`, `"22"`, `"22%"`) or `"no_vat"`/`"без НДС"` for `none`.
 * Returns null for anything else.
 */
export function parseVatSetting(value: unknown): VatSetting | null {
  if (typeof value === "number") {
    return PERCENT_ALIASES[String(value)] ?? null
  }
  if (typeof value !== "string") {
    return null
  }
  const text = value.trim().toLowerCase()
  if (text === "standard") {
    return "standard"
  }
  if ((VAT_CODES as readonly string[]).includes(text)) {
    return text as VatCode
  }
  if (NONE_ALIASES.has(text)) {
    return "none"
  }
  return PERCENT_ALIASES[text.replace(/\s*%$/, "")] ?? null
}

/** Codes that mean "the standard rate" whatever year they were written in. */
const STANDARD_CODES = new Set<VatSetting>([
  "standard",
  "vat20",
  "vat22",
  "vat120",
  "vat122",
])

const BASE_OF_CALCULATED: Partial<Record<VatCode, VatCode>> = {
  vat105: "vat5",
  vat107: "vat7",
  vat110: "vat10",
}

const CALCULATED_OF_BASE: Partial<Record<VatCode, VatCode>> = {
  vat5: "vat105",
  vat7: "vat107",
  vat10: "vat110",
  vat20: "vat120",
  vat22: "vat122",
}

/**
 * The rate of a full settlement on `date`. `vat20` and `vat22` (and their calculated
 * forms) are treated as "the standard rate": only one of them exists on any given day,
 * and a 2026 receipt with 20 % is an erroneous receipt. Calculated codes are
 * brought back to their base rate; {@link vatForPaymentMethod} applies them again when
 * the receipt is a prepayment.
 */
export function resolveVat(setting: VatSetting, date: Date): VatCode {
  if (STANDARD_CODES.has(setting)) {
    return standardRateOn(date)
  }
  return BASE_OF_CALCULATED[setting as VatCode] ?? (setting as VatCode)
}

const PREPAYMENT_METHODS = new Set<PaymentMethod>([
  "full_prepayment",
  "prepayment",
  "advance",
])

/**
 * A prepayment receipt carries the calculated rate (20/120, 22/122, 10/110, 5/105, 7/107):
 * the price includes VAT on an advance, so the tax is extracted, not charged
 * (НК РФ art. 164 p. 4). 0 % and "none" stay as they are.
 */
export function vatForPaymentMethod(
  base: VatCode,
  method: PaymentMethod
): VatCode {
  if (!PREPAYMENT_METHODS.has(method)) {
    return base
  }
  return CALCULATED_OF_BASE[base] ?? base
}
