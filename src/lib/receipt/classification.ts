import {
  PAYMENT_OBJECT_CODES,
  type IndustryRequisite,
  type PaymentObject,
} from "./types"

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

/** The payment objects of marked goods (ФФД 1.2 codes 30 to 33). */
const MARKED_OBJECTS: ReadonlySet<PaymentObject> = new Set([
  "marked_excise_without_code",
  "marked_excise",
  "marked_commodity_without_code",
  "marked_commodity",
])

/** Whether a payment object is one of marked goods (30 to 33). */
export function isMarkedPaymentObject(object: PaymentObject): boolean {
  return MARKED_OBJECTS.has(object)
}

/**
 * The payment object of marked goods on a line that carries no code: a prepayment names
 * goods that have not left yet, so it is the plain commodity (1) or excise (2).
 */
export function unmarkedPaymentObject(object: PaymentObject): PaymentObject {
  if (
    object === "marked_commodity" ||
    object === "marked_commodity_without_code"
  ) {
    return "commodity"
  }
  if (object === "marked_excise" || object === "marked_excise_without_code") {
    return "excise"
  }
  return object
}

/** Reads a yes/no metadata value: true, "true", "1", "yes" or false, "false", "0", "no". */
export function parseFlag(value: unknown): boolean | null {
  if (typeof value === "boolean") {
    return value
  }
  if (value === 1 || value === 0) {
    return value === 1
  }
  if (typeof value !== "string") {
    return null
  }
  const text = value.trim().toLowerCase()
  if (text === "true" || text === "1" || text === "yes") {
    return true
  }
  if (text === "false" || text === "0" || text === "no") {
    return false
  }
  return null
}

/**
 * Reads the part of a marked package one unit is (`"1/10"`, or `{ numerator,
 * denominator }`): whole numbers, 0 < numerator < denominator. Null otherwise.
 */
export function parseMarkFraction(
  value: unknown
): { numerator: number; denominator: number } | null {
  let numerator: unknown
  let denominator: unknown
  if (typeof value === "string") {
    const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value)
    if (!match) {
      return null
    }
    numerator = Number(match[1])
    denominator = Number(match[2])
  } else if (value && typeof value === "object" && !Array.isArray(value)) {
    numerator = (value as Record<string, unknown>).numerator
    denominator = (value as Record<string, unknown>).denominator
  } else {
    return null
  }
  if (
    !Number.isSafeInteger(numerator) ||
    !Number.isSafeInteger(denominator) ||
    (numerator as number) < 1 ||
    (numerator as number) >= (denominator as number)
  ) {
    return null
  }
  return {
    numerator: numerator as number,
    denominator: denominator as number,
  }
}

const DATE_DDMMYYYY = /^(\d{2})\.(\d{2})\.(\d{4})$/

/** True when `text` is a real calendar date written DD.MM.YYYY (tag 1263). */
export function isDottedDate(text: string): boolean {
  const match = DATE_DDMMYYYY.exec(text)
  if (!match) {
    return false
  }
  const [day, month, year] = [
    Number(match[1]),
    Number(match[2]),
    Number(match[3]),
  ]
  const date = new Date(Date.UTC(year, month - 1, day))
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  )
}

function nonEmpty(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== ""
}

/**
 * Reads industry requisites (tag 1260): one `{ federal_id, date, number, value }` or a
 * list of them; `federal_id` "001" to "073" (tag 1262), `date` DD.MM.YYYY (1263), `number`
 * (1264) and `value` (1265) non-empty. Null when anything is off.
 */
export function parseIndustryRequisites(
  value: unknown
): IndustryRequisite[] | null {
  const entries = Array.isArray(value) ? value : [value]
  if (entries.length === 0) {
    return null
  }
  const requisites: IndustryRequisite[] = []
  for (const entry of entries) {
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
      return null
    }
    const {
      federal_id,
      date,
      number,
      value: requisite,
    } = entry as Record<string, unknown>
    if (
      typeof federal_id !== "string" ||
      !/^\d{3}$/.test(federal_id) ||
      Number(federal_id) < 1 ||
      Number(federal_id) > 73 ||
      typeof date !== "string" ||
      !isDottedDate(date) ||
      !nonEmpty(number) ||
      !nonEmpty(requisite)
    ) {
      return null
    }
    requisites.push({
      federal_id,
      date,
      number: number.trim(),
      value: requisite.trim(),
    })
  }
  return requisites
}
