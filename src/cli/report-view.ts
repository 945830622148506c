import type { FiscalReport, ReportAmount } from "../types/http/reports"
import { moscowTime, oneLine, rubles, table } from "./format"

/** Rows of amounts with a count and a total, the zero ones left out. */
function amounts(entries: [string, ReportAmount][]): string[][] {
  return entries
    .filter(([, a]) => a.count > 0)
    .map(([name, a]) => [`  ${name}`, String(a.count), rubles(a.total)])
}

const AMOUNT_COLUMNS = [
  { title: "" },
  { title: "COUNT", align: "right" as const },
  { title: "TOTAL", align: "right" as const },
]

const orderOf = (p: {
  order_id: string
  order_display_id: number | string | null
}) =>
  p.order_display_id === null
    ? p.order_id
    : `#${p.order_display_id} ${p.order_id}`

/**
 * The report for a person: totals, each status and each registered type with counts and
 * money, the receipts that need a person with their order and message, the money without a
 * receipt, and the days not reconciled yet (src/types/http/reports.ts says what each is).
 */
export function reportView(report: FiscalReport): string {
  const { from, to, preset } = report.period
  const out = [
    `Fiscal report ${from === to ? from : `${from} – ${to}`}${preset ? ` (${preset})` : ""}, made ${moscowTime(report.generated_at)}`,
    "",
    table(AMOUNT_COLUMNS, [
      [
        "All receipts",
        String(report.totals.count),
        rubles(report.totals.total),
      ],
      ["By status", "", ""],
      ...amounts(Object.entries(report.by_status)),
      ["Registered by type", "", ""],
      ...amounts(Object.entries(report.registered_by_type)),
    ]),
    "",
  ]
  out.push(
    `Problems: ${report.problems_count}` +
      (report.earlier_problems_count
        ? ` (and ${report.earlier_problems_count} from before the period still waiting for a person)`
        : "")
  )
  if (report.problems.length) {
    out.push(
      table(
        [
          { title: "  RECEIPT" },
          { title: "ORDER" },
          { title: "TYPE" },
          { title: "STATUS" },
          { title: "TOTAL", align: "right" },
          { title: "MESSAGE" },
        ],
        report.problems.map((p) => [
          `  ${p.receipt_id}`,
          orderOf(p),
          p.type,
          p.status,
          rubles(p.total),
          oneLine(
            [p.error_code, p.error_message].filter(Boolean).join(": "),
            120
          ),
        ])
      )
    )
    const more = report.problems_count - report.problems.length
    if (more > 0) out.push(`  … ${more} more: medusa-fiscal list --attention`)
  }
  out.push(
    "",
    `Money without a receipt: ${report.unreceipted_count} movement(s), ${rubles(report.unreceipted_total)}`
  )
  if (report.unreceipted.length) {
    out.push(
      table(
        [
          { title: "  DAY" },
          { title: "ORDER" },
          { title: "MOVEMENT" },
          { title: "AMOUNT", align: "right" },
        ],
        report.unreceipted.map((u) => [
          `  ${u.day}`,
          orderOf(u),
          u.movement ? `${u.movement.kind} ${u.movement.id}` : "—",
          rubles(u.amount),
        ])
      )
    )
    const more = report.unreceipted_count - report.unreceipted.length
    if (more > 0)
      out.push(`  … ${more} more in the admin's Reconciliation page`)
  }
  if (report.unreconciled_days.length) {
    out.push(
      "",
      `Not reconciled yet: ${report.unreconciled_days.join(", ")} (money without a receipt on these days is not counted yet)`
    )
  }
  return out.join("\n")
}
