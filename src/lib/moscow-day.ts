/**
 * Moscow calendar days (`YYYY-MM-DD`), for the receipt engine (tag 1178), the
 * reconciliation and the admin; no imports, so the admin bundle can take it. Moscow keeps
 * UTC+3 all year (since 2014), so a day is the UTC date of the instant moved three hours on.
 */
const MSK_OFFSET_MS = 3 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/

/** The instant of a Date or an ISO string; a string without a zone is read as Moscow time. */
export function instantOf(value: Date | string): number {
  if (value instanceof Date) {
    return value.getTime()
  }
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim())
  const text = DAY_RE.test(value.trim())
    ? `${value.trim()}T00:00:00+03:00`
    : hasZone
      ? value
      : `${value.trim().replace(" ", "T")}+03:00`
  const at = new Date(text).getTime()
  if (Number.isNaN(at)) {
    throw new TypeError(`Not a date: ${JSON.stringify(value)}`)
  }
  return at
}

/** The Moscow day (`YYYY-MM-DD`) of an instant. */
export function moscowDay(value: Date | string | number): string {
  const at = typeof value === "number" ? value : instantOf(value)
  return new Date(at + MSK_OFFSET_MS).toISOString().slice(0, 10)
}

/** The instant a Moscow day starts. */
export function dayStart(day: string): number {
  if (!DAY_RE.test(day)) {
    throw new TypeError(`Not a day (YYYY-MM-DD): ${JSON.stringify(day)}`)
  }
  return new Date(`${day}T00:00:00+03:00`).getTime()
}

/** Every day from `from` to `to`, both included; a period ending before it starts is refused. */
export function daysBetween(from: string, to: string): string[] {
  if (dayStart(to) < dayStart(from)) {
    throw new RangeError(`The period ends (${to}) before it starts (${from})`)
  }
  const out: string[] = []
  for (let at = dayStart(from); at <= dayStart(to); at += DAY_MS) {
    out.push(moscowDay(at))
  }
  return out
}

/** True for a real calendar day written `YYYY-MM-DD` (no 2026-02-30). */
export function isDay(text: string): boolean {
  if (!DAY_RE.test(text)) {
    return false
  }
  const at = dayStart(text)
  return Number.isFinite(at) && moscowDay(at) === text
}

/** The day `n` days after `day` (before it, for a negative `n`). */
export function addDays(day: string, n: number): string {
  return moscowDay(dayStart(day) + n * DAY_MS)
}

/** How many days `from` to `to` holds, both included (0 when `to` is before `from`). */
export function daysInRange(from: string, to: string): number {
  return Math.max(0, Math.round((dayStart(to) - dayStart(from)) / DAY_MS) + 1)
}
