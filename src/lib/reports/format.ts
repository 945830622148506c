import { moscowDay } from "../moscow-day"
import type { FiscalReport } from "../../types/http/reports"
import type { TextLanguage } from "../../types/lists"
import { reportWords } from "./labels"

/**
 * How a report writes money, days and times for people. Integer kopecks in, exact text
 * out: no floating point between the database and the accountant.
 */

const NBSP = "\u00a0"

function kopeckParts(kopecks: number): {
  sign: string
  rubles: string
  cents: string
} {
  const abs = Math.abs(Math.trunc(kopecks))
  return {
    sign: kopecks < 0 ? "-" : "",
    rubles: String(Math.floor(abs / 100)),
    cents: String(abs % 100).padStart(2, "0"),
  }
}

/** `1234.50`: rubles with two decimals and a point, no grouping (the CSV's numbers). */
export function plainRubles(kopecks: number): string {
  const { sign, rubles, cents } = kopeckParts(kopecks)
  return `${sign}${rubles}.${cents}`
}

/** `1 234,50 ₽` (ru) or `₽1,234.50` (en). */
export function rubles(kopecks: number, language: TextLanguage): string {
  const { sign, rubles, cents } = kopeckParts(kopecks)
  const grouped = rubles.replace(
    /\B(?=(\d{3})+(?!\d))/g,
    language === "ru" ? NBSP : ","
  )
  return language === "ru"
    ? `${sign}${grouped},${cents}${NBSP}₽`
    : `${sign}₽${grouped}.${cents}`
}

/** A Moscow day: `07.12.2026` (ru) or `2026-12-07` (en). */
export function dayText(day: string, language: TextLanguage): string {
  if (language === "ru" && /^\d{4}-\d{2}-\d{2}$/.test(day)) {
    const [y, m, d] = day.split("-")
    return `${d}.${m}.${y}`
  }
  return day
}

/** An instant in Moscow time: `07.12.2026 14:05 МСК` / `2026-12-07 14:05 MSK`. */
export function moscowTime(iso: string, language: TextLanguage): string {
  const at = new Date(iso).getTime()
  if (Number.isNaN(at)) {
    return iso
  }
  const time = new Date(at + 3 * 60 * 60 * 1000).toISOString().slice(11, 16)
  return `${dayText(moscowDay(at), language)} ${time} ${language === "ru" ? "МСК" : "MSK"}`
}

/** The period as words: `07.12.2026 (сегодня)`, `2026-11-30 – 2026-12-06 (last 7 days)`. */
export function periodText(
  report: Pick<FiscalReport, "period">,
  language: TextLanguage
): string {
  const { from, to, preset } = report.period
  const days =
    from === to
      ? dayText(from, language)
      : `${dayText(from, language)} – ${dayText(to, language)}`
  return preset ? `${days} (${reportWords(language).preset[preset]})` : days
}

/** The order as the staff call it: `#12`, or its id when the number is not known. */
export function orderText(p: {
  order_id: string
  order_display_id: number | string | null
}): string {
  return p.order_display_id === null || p.order_display_id === ""
    ? p.order_id
    : `#${p.order_display_id}`
}
