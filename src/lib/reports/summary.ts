import {
  RECEIPT_STATUSES,
  RECEIPT_TYPES,
  type ReceiptStatus,
  type ReceiptType,
} from "../../types/lists"
import type { FiscalReport, ReportAmount } from "../../types/http/reports"
import type { TextLanguage } from "../../types/lists"
import { rubles } from "./format"
import { reportWords } from "./labels"

/**
 * What the text and the HTML summaries (the email) both say, worked out once: the lines
 * of counts with their words. Pure.
 */

/** `12 · 24 900,00 ₽`. */
export function amountText(a: ReportAmount, language: TextLanguage): string {
  return `${a.count} · ${rubles(a.total, language)}`
}

/** The named amounts that are not zero, in the lists' order. */
function present<K extends string>(
  keys: ReadonlyArray<K>,
  amounts: Record<K, ReportAmount>,
  names: Record<K, string>
): { name: string; amount: ReportAmount }[] {
  return keys
    .filter((k) => amounts[k].count > 0)
    .map((k) => ({ name: names[k], amount: amounts[k] }))
}

/** The registered receipts per type, the receipts per status: each named, zeros left out. */
export function countLines(
  report: FiscalReport,
  language: TextLanguage
): {
  registered: { name: string; amount: ReportAmount }[]
  byStatus: { name: string; amount: ReportAmount }[]
} {
  const w = reportWords(language)
  return {
    registered: present<ReceiptType>(
      RECEIPT_TYPES,
      report.registered_by_type,
      w.type
    ),
    byStatus: present<ReceiptStatus>(
      RECEIPT_STATUSES,
      report.by_status,
      w.status
    ),
  }
}

/** True when nothing in the report needs a person. */
export function isClean(report: FiscalReport): boolean {
  return (
    report.problems_count === 0 &&
    report.earlier_problems_count === 0 &&
    report.unreceipted_count === 0
  )
}
