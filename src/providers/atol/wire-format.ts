/**
 * Value formats at ATOL's wire boundary: rubles with 2 decimals, quantities with 3, and
 * `dd.mm.yyyy HH:MM:SS` timestamps in Moscow time
 * (docs/vendors/atol.md, "Registration request").
 */

/** Moscow has been UTC+3 all year round since 2014. */
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000

const TIMESTAMP = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})$/

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

/** Rubles from the wire → integer kopecks. */
export function rublesToKopecks(rubles: number): number {
  return Math.round(rubles * 100)
}

/** Quantity with at most 3 decimals (ATOL: 5 integer and 3 fractional digits). */
export function toAtolQuantity(quantity: number): number {
  return Math.round(quantity * 1000) / 1000
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0")
}

/** `dd.mm.yyyy HH:MM:SS` in Moscow time. */
export function formatAtolTimestamp(date: Date): string {
  const msk = new Date(date.getTime() + MOSCOW_OFFSET_MS)
  return (
    `${pad(msk.getUTCDate())}.${pad(msk.getUTCMonth() + 1)}.${msk.getUTCFullYear()} ` +
    `${pad(msk.getUTCHours())}:${pad(msk.getUTCMinutes())}:${pad(msk.getUTCSeconds())}`
  )
}

/** Reads an ATOL timestamp (Moscow time) into ISO 8601 UTC; undefined when malformed. */
export function parseAtolTimestamp(value: unknown): string | undefined {
  if (typeof value !== "string") {
    return undefined
  }
  const match = TIMESTAMP.exec(value.trim())
  if (!match) {
    return undefined
  }
  const [, dd, mm, yyyy, hh, mi, ss] = match.map(Number)
  const utc = Date.UTC(yyyy, mm - 1, dd, hh, mi, ss) - MOSCOW_OFFSET_MS
  const date = new Date(utc)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}
