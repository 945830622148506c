import type { FiscalReport } from "../../types/http/reports"
import type { TextLanguage } from "../../types/lists"
import { dayText, moscowTime, orderText, periodText, rubles } from "./format"
import { reportWords } from "./labels"
import { REPORT_LIMITS } from "./limits"
import { countLines } from "./summary"

/**
 * The report as an HTML fragment for the email body (docs/architecture.md, "Reports and
 * alerts"): plain tables with inline styles, since mail clients drop style sheets. Every
 * value is escaped: order numbers and vendors' messages are not ours to trust.
 */

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
}

const FONT =
  "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:14px;color:#18181b"
const TABLE = "border-collapse:collapse;margin:4px 0 16px 0"
const TH =
  "text-align:left;padding:6px 10px;border-bottom:2px solid #e4e4e7;font-weight:600;color:#52525b"
const TD = "padding:6px 10px;border-bottom:1px solid #f4f4f5;vertical-align:top"
const NUM = `${TD};text-align:right;white-space:nowrap`
const H3 = "font-size:15px;margin:20px 0 4px 0"
const MUTED = "color:#71717a"
const WARN = "color:#b91c1c"

type Column = { head: string; numeric?: boolean }

function table(columns: Column[], rows: string[][]): string {
  const head = columns
    .map(
      (c) =>
        `<th style="${TH}${c.numeric ? ";text-align:right" : ""}">${escapeHtml(c.head)}</th>`
    )
    .join("")
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((cell, i) => `<td style="${columns[i]?.numeric ? NUM : TD}">${cell}</td>`).join("")}</tr>`
    )
    .join("")
  return `<table role="presentation" cellspacing="0" cellpadding="0" style="${TABLE}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`
}

/**
 * The report as HTML. With `adminUrl` (the admin's address, e.g.
 * `https://shop.example/app`) each order links to its page.
 */
export function reportHtml(
  report: FiscalReport,
  language: TextLanguage,
  {
    maxRows = REPORT_LIMITS.summaryRows,
    adminUrl,
  }: { maxRows?: number; adminUrl?: string } = {}
): string {
  const w = reportWords(language)
  const money = (kopecks: number) => escapeHtml(rubles(kopecks, language))
  const order = (o: {
    order_id: string
    order_display_id: number | string | null
  }) => {
    const label = escapeHtml(orderText(o))
    return adminUrl
      ? `<a href="${escapeHtml(`${adminUrl.replace(/\/+$/, "")}/orders/${encodeURIComponent(o.order_id)}`)}" style="color:#2563eb">${label}</a>`
      : label
  }
  const more = (n: number) =>
    n > 0 ? `<p style="${MUTED}">${escapeHtml(w.more(n))}</p>` : ""
  const { registered } = countLines(report, language)
  const parts: string[] = [
    `<div style="${FONT}">`,
    `<h2 style="font-size:18px;margin:0 0 4px 0">${escapeHtml(`${w.title}: ${periodText(report, language)}`)}</h2>`,
    `<p style="${MUTED};margin:0 0 12px 0">${escapeHtml(`${w.generated}: ${moscowTime(report.generated_at, language)}`)}</p>`,
    table(
      [
        { head: "" },
        { head: w.count, numeric: true },
        { head: w.amount, numeric: true },
      ],
      [
        [
          `<strong>${escapeHtml(w.receipts)}</strong>`,
          `<strong>${report.totals.count}</strong>`,
          `<strong>${money(report.totals.total)}</strong>`,
        ],
        ...registered.map((r) => [
          escapeHtml(`${w.registered}: ${r.name}`),
          String(r.amount.count),
          money(r.amount.total),
        ]),
        [
          escapeHtml(w.problems),
          report.problems_count > 0
            ? `<span style="${WARN}">${report.problems_count}</span>`
            : "0",
          "",
        ],
        [
          escapeHtml(w.unreceipted),
          report.unreceipted_count > 0
            ? `<span style="${WARN}">${report.unreceipted_count}</span>`
            : "0",
          money(report.unreceipted_total),
        ],
      ]
    ),
  ]
  if (report.by_status_type.length) {
    parts.push(
      `<h3 style="${H3}">${escapeHtml(w.byStatusType)}</h3>`,
      table(
        [
          { head: w.csv.status },
          { head: w.csv.type },
          { head: w.count, numeric: true },
          { head: w.amount, numeric: true },
        ],
        report.by_status_type.map((c) => [
          escapeHtml(w.status[c.status]),
          escapeHtml(w.type[c.type]),
          String(c.count),
          money(c.total),
        ])
      )
    )
  }
  parts.push(
    `<h3 style="${H3}">${escapeHtml(`${w.problems}: ${report.problems_count}`)}</h3>`
  )
  if (report.problems.length) {
    parts.push(
      table(
        [
          { head: w.order },
          { head: w.csv.type },
          { head: w.csv.status },
          { head: w.amount, numeric: true },
          { head: w.csv.reason },
          { head: w.csv.message },
        ],
        report.problems
          .slice(0, maxRows)
          .map((p) => [
            `${order(p)}<br><span style="${MUTED};font-size:12px">${escapeHtml(moscowTime(p.created_at, language))}</span>`,
            escapeHtml(w.type[p.type]),
            `<span style="${WARN}">${escapeHtml(w.status[p.status])}</span>${p.needs_attention && p.status !== "failed" && p.status !== "invalid" ? `<br><span style="${MUTED};font-size:12px">${escapeHtml(w.needsAttention)}</span>` : ""}`,
            p.total === null ? "—" : money(p.total),
            escapeHtml(w.reason[p.reason]),
            [
              p.error_code ? `<code>${escapeHtml(p.error_code)}</code>` : "",
              escapeHtml(p.error_message ?? ""),
            ]
              .filter(Boolean)
              .join(" "),
          ])
      ),
      more(report.problems_count - Math.min(report.problems.length, maxRows))
    )
  } else {
    parts.push(`<p style="${MUTED}">${escapeHtml(w.noProblems)}</p>`)
  }
  parts.push(
    `<p>${escapeHtml(`${w.earlierProblems}: `)}${
      report.earlier_problems_count > 0
        ? `<strong style="${WARN}">${report.earlier_problems_count}</strong>`
        : "0"
    }</p>`,
    `<h3 style="${H3}">${escapeHtml(`${w.unreceipted}: ${report.unreceipted_count}`)} · ${money(report.unreceipted_total)}</h3>`
  )
  if (report.unreceipted.length) {
    parts.push(
      table(
        [
          { head: w.day },
          { head: w.order },
          { head: w.csv.movement },
          { head: w.amount, numeric: true },
        ],
        report.unreceipted
          .slice(0, maxRows)
          .map((u) => [
            escapeHtml(dayText(u.day, language)),
            order(u),
            u.movement ? escapeHtml(w.movement[u.movement.kind]) : "—",
            money(u.amount),
          ])
      ),
      more(
        report.unreceipted_count - Math.min(report.unreceipted.length, maxRows)
      )
    )
  } else {
    parts.push(`<p style="${MUTED}">${escapeHtml(w.noUnreceipted)}</p>`)
  }
  parts.push(
    `<p style="${MUTED}">${escapeHtml(
      report.unreconciled_days.length
        ? `${w.unreconciled}: ${report.unreconciled_days.map((d) => dayText(d, language)).join(", ")}`
        : w.allReconciled
    )}</p>`,
    `</div>`
  )
  return parts.join("\n")
}
