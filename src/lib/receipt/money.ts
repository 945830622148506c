/**
 * Conversions from Medusa's amounts (rubles as numbers, strings or BigNumber objects) to
 * the integers the engine works in: kopecks for money, thousandths for quantities.
 *
 * Everything goes through an exact decimal (digits × 10^exponent, in BigInt), so float
 * noise such as 0.1 + 0.2 or 33.33 × 3 never reaches a receipt.
 */

/** A decimal number as `digits × 10^exponent`, sign apart. */
type Decimal = { negative: boolean; digits: bigint; exponent: number }

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/

/**
 * A JS number carries at most 15–17 significant digits; 15 is the precision at which
 * every decimal written with ≤ 15 digits comes back exactly (33.33 × 3 = 99.99000000000001
 * becomes 99.99). Money in rubles never needs more.
 */
const NUMBER_PRECISION = 15

/** Parses a plain decimal string ("12.5", "-0.01", "1e3"). */
function parseDecimalString(text: string): Decimal | null {
  const match = DECIMAL_RE.exec(text.trim())
  if (!match) {
    return null
  }
  const [, sign, whole = "", fraction = "", exp = "0"] = match
  if (whole.length + fraction.length === 0) {
    return null
  }
  const exponent = Number(exp) - fraction.length
  if (!Number.isSafeInteger(exponent)) {
    return null
  }
  return {
    negative: sign === "-",
    digits: BigInt(whole + fraction || "0"),
    exponent,
  }
}

/**
 * Reads any amount shape Medusa produces: a number, a numeric string, a bigint, a
 * `BigNumber` instance (its exact `raw_.value` first, then `numeric_`), a raw value
 * `{ value, precision }`, or anything with a numeric `toJSON()`.
 */
export function parseDecimal(value: unknown, depth = 0): Decimal | null {
  if (depth > 3 || value === null || value === undefined) {
    return null
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      return null
    }
    return parseDecimalString(value.toPrecision(NUMBER_PRECISION))
  }
  if (typeof value === "bigint") {
    return {
      negative: value < 0n,
      digits: value < 0n ? -value : value,
      exponent: 0,
    }
  }
  if (typeof value === "string") {
    return parseDecimalString(value)
  }
  if (typeof value === "object") {
    const record = value as Record<string, unknown>
    for (const raw of [record.raw_, record.raw]) {
      if (raw && typeof raw === "object" && "value" in raw) {
        const inner = (raw as { value: unknown }).value
        const parsed = parseDecimal(inner, depth + 1)
        if (parsed) {
          return parsed
        }
      }
    }
    for (const key of ["value", "numeric_", "numeric"]) {
      if (key in record) {
        const parsed = parseDecimal(record[key], depth + 1)
        if (parsed) {
          return parsed
        }
      }
    }
    if (typeof record.toJSON === "function") {
      return parseDecimal((record.toJSON as () => unknown)(), depth + 1)
    }
  }
  return null
}

/**
 * The decimal times 10^places as an integer. `round` rounds half away from zero (the
 * usual commercial rounding); `exact` returns null when digits would be lost.
 */
function scale(
  decimal: Decimal,
  places: number,
  mode: "round" | "exact"
): bigint | null {
  const shift = decimal.exponent + places
  let magnitude: bigint
  if (shift >= 0) {
    if (shift > 30) {
      return null
    }
    magnitude = decimal.digits * 10n ** BigInt(shift)
  } else {
    if (-shift > 60) {
      magnitude = 0n
      if (mode === "exact" && decimal.digits !== 0n) {
        return null
      }
    } else {
      const divisor = 10n ** BigInt(-shift)
      const quotient = decimal.digits / divisor
      const remainder = decimal.digits % divisor
      if (mode === "exact" && remainder !== 0n) {
        return null
      }
      magnitude = remainder * 2n >= divisor ? quotient + 1n : quotient
    }
  }
  return decimal.negative ? -magnitude : magnitude
}

function toSafeNumber(value: bigint | null): number | null {
  if (value === null) {
    return null
  }
  const result = Number(value)
  if (!Number.isSafeInteger(result)) {
    return null
  }
  return result === 0 ? 0 : result
}

/**
 * Rubles (any Medusa amount shape) to integer kopecks, rounded half away from zero.
 * Returns null when the value is not a number or does not fit a safe integer.
 */
export function toKopecks(value: unknown): number | null {
  const decimal = parseDecimal(value)
  return decimal ? toSafeNumber(scale(decimal, 2, "round")) : null
}

/** Outcome of reading a quantity. */
export type MilliQuantity =
  | { ok: true; milli: number }
  | { ok: false; reason: "not_a_number" | "too_precise" }

/**
 * A quantity to integer thousandths (tag 1023 allows 3 decimals). A quantity with more
 * decimals is refused rather than rounded: rounding it would change what was sold.
 */
export function toMilliQuantity(value: unknown): MilliQuantity {
  const decimal = parseDecimal(value)
  if (!decimal) {
    return { ok: false, reason: "not_a_number" }
  }
  const scaled = scale(decimal, 3, "exact")
  if (scaled === null) {
    return { ok: false, reason: "too_precise" }
  }
  const milli = toSafeNumber(scaled)
  return milli === null
    ? { ok: false, reason: "not_a_number" }
    : { ok: true, milli }
}

/** Thousandths back to the quantity a vendor expects (0.7, 3). */
export function milliToQuantity(milli: number): number {
  return milli / 1000
}

/**
 * round(price × quantity) in kopecks, half up, computed exactly: the line sum of ФФД 1.2
 * (tag 1043 = tag 1079 × tag 1023).
 */
export function lineSum(price: number, milli: number): number {
  return Number((BigInt(price) * BigInt(milli) + 500n) / 1000n)
}

/** Kopecks as rubles for messages: 123456 → "1234.56 RUB". */
export function formatRubles(kopecks: number): string {
  const sign = kopecks < 0 ? "-" : ""
  const abs = Math.abs(kopecks)
  const rubles = Math.floor(abs / 100)
  const rest = String(abs % 100).padStart(2, "0")
  return `${sign}${rubles}.${rest} RUB`
}

/** A quantity in thousandths for messages: 700 → "0.7", 3000 → "3". */
export function formatQuantity(milli: number): string {
  return String(milli / 1000)
}
