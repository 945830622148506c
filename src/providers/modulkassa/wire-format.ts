/**
 * Value formats at МодульКасса's wire boundary: rubles with 2 decimals, quantities with 3,
 * and ISO 8601 date-times with an offset (docs/vendors/modulkassa.md, "Registration request").
 */

/** Moscow has been UTC+3 all year round since 2014. */
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000

/**
 * Integer kopecks → rubles. `n / 100` is the double nearest to the decimal, and JSON prints
 * the shortest string that reads back as that double, so the wire shows at most 2 decimals.
 */
export function kopecksToRubles(kopecks: number): number {
  if (!Number.isSafeInteger(kopecks)) {
    throw new RangeError(`Amount must be integer kopecks, got ${kopecks}`)
  }
  return kopecks / 100
}

/**
 * Rubles from the wire → integer kopecks. `FiscalInfo.sum` is typed as a number but the
 * doc's example sends the string `"57.00"` (docs/vendors/modulkassa.md, "Document status"),
 * so both are read.
 */
export function rublesToKopecks(rubles: unknown): number | undefined {
  const value =
    typeof rubles === "string" && rubles.trim() !== ""
      ? Number(rubles.trim().replace(",", "."))
      : rubles
  if (typeof value !== "number" || !Number.isFinite(value)) {
    return undefined
  }
  return Math.round(value * 100)
}

/** Quantity with at most 3 decimals (the Android SDK documents 3). */
export function toModulQuantity(quantity: number): number {
  return Math.round(quantity * 1000) / 1000
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0")
}

/** `yyyy-MM-ddTHH:mm:ss+03:00`: Moscow time with its offset, as `checkoutDateTime` wants. */
export function formatModulDateTime(date: Date): string {
  const msk = new Date(date.getTime() + MOSCOW_OFFSET_MS)
  return (
    `${msk.getUTCFullYear()}-${pad(msk.getUTCMonth() + 1)}-${pad(msk.getUTCDate())}` +
    `T${pad(msk.getUTCHours())}:${pad(msk.getUTCMinutes())}:${pad(msk.getUTCSeconds())}+03:00`
  )
}

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i

/**
 * Reads a МодульКасса date-time into ISO 8601 UTC. The doc writes offsets both as `+07:00`
 * and as `+0000` (`"2020-02-26T00:31:19.000+0000"`); a value without an offset is Moscow time.
 */
export function parseModulDateTime(value: unknown): string | undefined {
  if (typeof value !== "string") {
    return undefined
  }
  const match = ISO_WITH_OFFSET.exec(value.trim())
  if (!match) {
    return undefined
  }
  const [, yyyy, mm, dd, hh, mi, ss = "0", fraction = "0", zone] = match
  const millis = Math.round(Number(`0.${fraction}`) * 1000)
  let offsetMinutes = 180
  if (zone && zone.toUpperCase() === "Z") {
    offsetMinutes = 0
  } else if (zone) {
    const digits = zone.replace(":", "")
    const sign = digits.startsWith("-") ? -1 : 1
    offsetMinutes =
      sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)))
  }
  const utc =
    Date.UTC(
      Number(yyyy),
      Number(mm) - 1,
      Number(dd),
      Number(hh),
      Number(mi),
      Number(ss),
      millis
    ) -
    offsetMinutes * 60_000
  const date = new Date(utc)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}
