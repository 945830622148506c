import { PAYMENT_OBJECT_CODES, type PaymentObject } from "./types"

/**
 * Measure codes of ФФД 1.2 (tag 2108): 0 pieces; 10 g, 11 kg, 12 t; 20 cm, 21 dm, 22 m;
 * 30 cm², 31 dm², 32 m²; 40 ml, 41 l, 42 m³; 50 kWh, 51 Gcal; 70 day, 71 hour, 72 min,
 * 73 s; 80 KB, 81 MB, 82 GB, 83 TB; 255 other.
 */
export const MEASURE_CODES: readonly number[] = [
  0, 10, 11, 12, 20, 21, 22, 30, 31, 32, 40, 41, 42, 50, 51, 70, 71, 72, 73, 80,
  81, 82, 83, 255,
]

/** Short names an admin may type into metadata instead of a code. */
const MEASURE_ALIASES: Record<string, number> = {
  pcs: 0,
  piece: 0,
  шт: 0,
  g: 10,
  г: 10,
  kg: 11,
  кг: 11,
  t: 12,
  т: 12,
  m: 22,
  м: 22,
  ml: 40,
  мл: 40,
  l: 41,
  л: 41,
}

/** Reads a measure: a code (`11`, `"11"`) or a short name (`"kg"`, `"кг"`); null otherwise. */
export function parseMeasure(value: unknown): number | null {
  if (typeof value === "number") {
    return MEASURE_CODES.includes(value) ? value : null
  }
  if (typeof value !== "string") {
    return null
  }
  const text = value.trim().toLowerCase()
  if (/^\d+$/.test(text)) {
    const code = Number(text)
    return MEASURE_CODES.includes(code) ? code : null
  }
  return MEASURE_ALIASES[text] ?? null
}

const PAYMENT_OBJECT_BY_CODE = new Map<number, PaymentObject>(
  Object.entries(PAYMENT_OBJECT_CODES).map(([name, code]) => [
    code,
    name as PaymentObject,
  ])
)

/**
 * Reads a payment object (tag 1212): a name (`"service"`, `"marked_commodity"`) or its
 * ФФД 1.2 code (`4`, `"4"`); null otherwise.
 */
export function parsePaymentObject(value: unknown): PaymentObject | null {
  if (typeof value === "number") {
    return PAYMENT_OBJECT_BY_CODE.get(value) ?? null
  }
  if (typeof value !== "string") {
    return null
  }
  const text = value.trim().toLowerCase()
  if (/^\d+$/.test(text)) {
    return PAYMENT_OBJECT_BY_CODE.get(Number(text)) ?? null
  }
  return Object.prototype.hasOwnProperty.call(PAYMENT_OBJECT_CODES, text)
    ? (text as PaymentObject)
    : null
}

/**
 * The payment object of a unit sold with a marking code: ФФД 1.2 has separate codes for
 * marked goods with a code (33, excise 31), and the cash register checks the code against
 * the ИСМ only for those.
 */
export function markedPaymentObject(object: PaymentObject): PaymentObject {
  if (object === "commodity" || object === "marked_commodity_without_code") {
    return "marked_commodity"
  }
  if (object === "excise" || object === "marked_excise_without_code") {
    return "marked_excise"
  }
  return object
}

/**
 * Reads marking codes (Честный знак) from metadata: an array of strings, or one string
 * with codes separated by newlines or, when there is no newline, by commas. A GS1 code may
 * itself contain a comma, so an array is the safe form. The invisible GS separator
 * (U+001D) inside a code is kept. Returns null when the value is not codes at all.
 */
export function parseMarkCodes(value: unknown): string[] | null {
  let parts: unknown[]
  if (Array.isArray(value)) {
    parts = value
  } else if (typeof value === "string") {
    parts = value.split(/\r?\n/.test(value) ? /\r?\n/ : ",")
  } else {
    return null
  }
  const codes: string[] = []
  for (const part of parts) {
    if (typeof part !== "string") {
      return null
    }
    const code = part.replace(/^\s+|\s+$/g, "")
    if (code.length > 0) {
      codes.push(code)
    }
  }
  return codes
}
