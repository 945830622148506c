import type { FiscalReport } from "../../types/http/reports"
import type { TextLanguage } from "../../types/lists"
import { dayText, moscowTime, orderText, periodText, rubles } from "./format"
import { reportWords } from "./labels"
import { REPORT_LIMITS } from "./limits"
import { amountText, countLines } from "./summary"

/**
 * The report as plain text: the email's text part and what the CLI may print
 * (docs/architecture.md, "Reports and alerts"). Lists stop after `maxRows` rows with how
 * many more there are.
 */
export function reportText(
  report: FiscalReport,
  language: TextLanguage,
  { maxRows = REPORT_LIMITS.summaryRows }: { maxRows?: number } = {}
): string {
  const w = reportWords(language)
  const { registered, byStatus } = countLines(report, language)
  const list = (
    items: { name: string; amount: { count: number; total: number } }[]
  ) =>
    items.length
      ? items
          .map((i) => `${i.name} ${amountText(i.amount, language)}`)
          .join("; ")
      : "0"
  const out: string[] = [
    `${w.title}: ${periodText(report, language)}`,
    `${w.generated}: ${moscowTime(report.generated_at, language)}`,
    "",
    `${w.receipts}: ${amountText(report.totals, language)}`,
    `${w.registered}: ${list(registered)}`,
    `${w.byStatus}: ${list(byStatus)}`,
    "",
    `${w.problems}: ${report.problems_count}`,
  ]
  for (const p of report.problems.slice(0, maxRows)) {
    const total = p.total === null ? "" : ` · ${rubles(p.total, language)}`
    out.push(
      `  • ${w.order} ${orderText(p)} · ${w.type[p.type]} · ${w.status[p.status]}${total} · ${moscowTime(p.created_at, language)}`
    )
    const why = [p.error_code, p.error_message].filter(Boolean).join(": ")
    out.push(`    ${w.reason[p.reason]}${why ? ` — ${why}` : ""}`)
  }
  const moreProblems =
    report.problems_count - Math.min(report.problems.length, maxRows)
  if (moreProblems > 0) {
    out.push(`  ${w.more(moreProblems)}`)
  }
  if (report.problems_count === 0) {
    out.push(`  ${w.noProblems}`)
  }
  out.push(`${w.earlierProblems}: ${report.earlier_problems_count}`, "")
  out.push(
    `${w.unreceipted}: ${report.unreceipted_count} · ${rubles(report.unreceipted_total, language)}`
  )
  for (const u of report.unreceipted.slice(0, maxRows)) {
    const movement = u.movement ? ` · ${w.movement[u.movement.kind]}` : ""
    out.push(
      `  • ${dayText(u.day, language)} · ${w.order} ${orderText(u)}${movement} · ${rubles(u.amount, language)}`
    )
  }
  const moreUnreceipted =
    report.unreceipted_count - Math.min(report.unreceipted.length, maxRows)
  if (moreUnreceipted > 0) {
    out.push(`  ${w.more(moreUnreceipted)}`)
  }
  out.push(
    report.unreconciled_days.length
      ? `${w.unreconciled}: ${report.unreconciled_days.map((d) => dayText(d, language)).join(", ")}`
      : w.allReconciled
  )
  return out.join("\n") + "\n"
}
