import type { SerializedBigNumber } from "../types/http/json"

/** Kopecks as the API carries them (number, numeric string or a bigNumber object), or null. */
export function kopecksOf(
  total: SerializedBigNumber | null | undefined
): number | null {
  if (total === null || total === undefined) {
    return null
  }
  const n = Number(typeof total === "object" ? total.value : total)
  return Number.isFinite(n) ? Math.round(n) : null
}

/**
 * Integer kopecks as rubles, `1 234,50 ₽` (spaces between thousands, a comma before the
 * kopecks), the way a Russian receipt writes them; exact, with no floating point.
 */
export function rubles(kopecks: number | null): string {
  if (kopecks === null) {
    return "—"
  }
  const sign = kopecks < 0 ? "-" : ""
  const abs = Math.abs(kopecks)
  const whole = String(Math.floor(abs / 100)).replace(
    /\B(?=(\d{3})+(?!\d))/g,
    " "
  )
  return `${sign}${whole},${String(abs % 100).padStart(2, "0")} ₽`
}

const MSK_OFFSET_MS = 3 * 60 * 60 * 1000

/**
 * A date-time as Moscow wall time, `2026-12-08 03:40 MSK`: the shop's receipts and reports
 * count Moscow days (docs/architecture.md), so the console shows the same clock.
 */
export function moscowTime(value: string | null | undefined): string {
  if (!value) {
    return "—"
  }
  const at = new Date(value).getTime()
  if (Number.isNaN(at)) {
    return value
  }
  const iso = new Date(at + MSK_OFFSET_MS).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} MSK`
}

/** A column of {@link table}: its heading and which side its cells keep to. */
export type Column = { title: string; align?: "left" | "right" }

/**
 * Rows as aligned columns separated by two spaces; the last column is not padded, so a
 * long message does not push trailing spaces. Widths count characters (₽ is one).
 */
export function table(columns: Column[], rows: string[][]): string {
  const widths = columns.map((c, i) =>
    Math.max(c.title.length, ...rows.map((r) => (r[i] ?? "").length))
  )
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        if (i === cells.length - 1 && columns[i].align !== "right") {
          return cell
        }
        return columns[i].align === "right"
          ? cell.padStart(widths[i])
          : cell.padEnd(widths[i])
      })
      .join("  ")
      .trimEnd()
  return [line(columns.map((c) => c.title)), ...rows.map(line)].join("\n")
}

/** A long message cut to `max` characters with an ellipsis, on one line. */
export function oneLine(text: string | null | undefined, max = 100): string {
  const flat = (text ?? "").replace(/\s+/g, " ").trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}
