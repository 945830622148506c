import type { FiscalReport } from "../../types/http/reports"
import type { TextLanguage } from "../../types/lists"
import { periodText, rubles } from "./format"
import { reportWords } from "./labels"

/**
 * The email's subject: the period and what a person has to know before opening it —
 * how many receipts, how many need attention, how much money has no receipt.
 */
export function reportSubject(
  report: FiscalReport,
  language: TextLanguage
): string {
  const w = reportWords(language)
  const parts = [`${w.receipts}: ${report.totals.count}`]
  const waiting = report.problems_count + report.earlier_problems_count
  if (waiting > 0) {
    parts.push(`${w.problems.toLowerCase()}: ${waiting}`)
  }
  if (report.unreceipted_count > 0) {
    parts.push(
      `${w.unreceipted.toLowerCase()}: ${rubles(report.unreceipted_total, language)}`
    )
  }
  return `${w.title}, ${periodText(report, language)} — ${parts.join(", ")}`
}
