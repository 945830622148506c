/** ATOL's clock formats, in Moscow time (UTC+3 all year since 2014). */

const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000

function moscowParts(date: Date) {
  const msk = new Date(date.getTime() + MOSCOW_OFFSET_MS)
  const pad = (n: number) => String(n).padStart(2, "0")
  return {
    dd: pad(msk.getUTCDate()),
    mm: pad(msk.getUTCMonth() + 1),
    yyyy: String(msk.getUTCFullYear()),
    hh: pad(msk.getUTCHours()),
    mi: pad(msk.getUTCMinutes()),
    ss: pad(msk.getUTCSeconds()),
  }
}

/** `dd.mm.yyyy HH:MM:SS`, the format of every ATOL timestamp. */
export function atolTimestamp(date: Date): string {
  const p = moscowParts(date)
  return `${p.dd}.${p.mm}.${p.yyyy} ${p.hh}:${p.mi}:${p.ss}`
}

/** `yyyymmddTHHMMSS`, the `t` parameter of an OFD receipt link. */
export function ofdLinkTime(date: Date): string {
  const p = moscowParts(date)
  return `${p.yyyy}${p.mm}${p.dd}T${p.hh}${p.mi}${p.ss}`
}

/** True for a well-formed `dd.mm.yyyy HH:MM:SS` naming a real calendar moment. */
export function isAtolTimestamp(value: string): boolean {
  const match = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(
    value
  )
  if (!match) {
    return false
  }
  const [, dd, mm, yyyy, hh, mi, ss] = match.map(Number)
  const date = new Date(Date.UTC(yyyy, mm - 1, dd, hh, mi, ss))
  return (
    date.getUTCFullYear() === yyyy &&
    date.getUTCMonth() === mm - 1 &&
    date.getUTCDate() === dd &&
    hh < 24 &&
    mi < 60 &&
    ss < 60
  )
}

/** True for a well-formed `dd.mm.yyyy` date (correction base dates, birthdates). */
export function isAtolDate(value: string): boolean {
  return isAtolTimestamp(`${value} 00:00:00`)
}
