/**
 * Moscow calendar days. Moscow keeps UTC+3 all year (since 2014), so a day is the UTC
 * date of the instant moved three hours on.
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
