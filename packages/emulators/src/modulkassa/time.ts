/** МодульКасса's clock formats: ISO 8601 with an offset, in Moscow time (UTC+3 since 2014). */

const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0")
}

function moscow(date: Date) {
  const msk = new Date(date.getTime() + MOSCOW_OFFSET_MS)
  return {
    yyyy: msk.getUTCFullYear(),
    mm: pad(msk.getUTCMonth() + 1),
    dd: pad(msk.getUTCDate()),
    hh: pad(msk.getUTCHours()),
    mi: pad(msk.getUTCMinutes()),
    ss: pad(msk.getUTCSeconds()),
  }
}

/** `2026-03-14T10:16:35+03:00`, as `timeStatusChanged` and `FNStatus.dateTime`. */
export function modulDateTime(date: Date): string {
  const { yyyy, mm, dd, hh, mi, ss } = moscow(date)
  return `${yyyy}-${mm}-${dd}T${hh}:${mi}:${ss}+03:00`
}

/** `20260314T1016`, the `t=` of a receipt QR code (local time of the kassa). */
export function qrTime(date: Date): string {
  const { yyyy, mm, dd, hh, mi } = moscow(date)
  return `${yyyy}${mm}${dd}T${hh}${mi}`
}

/** ISO 8601 with an offset (`+03:00`, `+0300` or `Z`), as `checkoutDateTime` must be. */
export function isIsoDateTimeWithOffset(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(
      value
    ) &&
    !Number.isNaN(Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2")))
  )
}
