import type { SerializedBigNumber } from "../../types/http"

/** Kopecks as the API returns them (number, string or a bigNumber object), or null. */
export function kopecksOf(
  total: SerializedBigNumber | null | undefined
): number | null {
  if (total === null || total === undefined) {
    return null
  }
  const raw = typeof total === "object" ? total.value : total
  const n = Number(raw)
  return Number.isFinite(n) ? n : null
}

/** 2 490,00 ₽ / RUB 2,490.00 from integer kopecks; exact, since kopecks are integers. */
export function formatRubles(
  total: SerializedBigNumber | null | undefined,
  language: string
): string {
  const kopecks = kopecksOf(total)
  if (kopecks === null) {
    return "—"
  }
  return new Intl.NumberFormat(language, {
    style: "currency",
    currency: "RUB",
    currencyDisplay: "narrowSymbol",
  }).format(kopecks / 100)
}

export function formatDateTime(
  value: string | null | undefined,
  language: string
): string {
  if (!value) {
    return "—"
  }
  return new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(value))
}
