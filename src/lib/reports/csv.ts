import { moscowDay } from "../moscow-day"
import type { FiscalReport } from "../../types/http/reports"
import type { TextLanguage } from "../../types/lists"
import { orderText, plainRubles } from "./format"
import { reportWords } from "./labels"

/**
 * The report as a CSV file for the accountant (docs/architecture.md, "Reports and
 * alerts"): RFC 4180 (comma, CRLF, quotes doubled), one header row and the same columns on
 * every row, so a spreadsheet can filter by section. First the receipts per status × type,
 * then every receipt that needs attention, then the money without a receipt. Amounts are
 * rubles with two decimals and a point (the header says so); the file starts with a UTF-8
 * byte order mark so Excel reads the Cyrillic.
 */

/** UTF-8 byte order mark: without it Excel opens a UTF-8 CSV as Windows-1251. */
export const CSV_BOM = "\ufeff"

type Cell = string | number | null | undefined

/**
 * A text field a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the
 * start) is written with a leading apostrophe: vendors' messages are not ours to trust.
 */
function text(value: string | null | undefined): string {
  if (value === null || value === undefined) {
    return ""
  }
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** One field, quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvField(value: Cell): string {
  const s = value === null || value === undefined ? "" : String(value)
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** Fields of every record: the header's. */
const COLUMNS = 13

/** One record, padded to the header's fields (RFC 4180: each record has the same number). */
function line(cells: Cell[]): string {
  const padded = [...cells, ...Array(COLUMNS - cells.length).fill("")]
  return padded.map(csvField).join(",")
}

/** The report as CSV text, BOM included; `ru` by default. */
export function reportCsv(
  report: FiscalReport,
  language: TextLanguage = "ru"
): string {
  const w = reportWords(language)
  const c = w.csv
  const lines = [
    line([
      c.section,
      c.day,
      c.status,
      c.type,
      c.count,
      c.amount,
      c.order,
      c.orderId,
      c.receiptId,
      c.movement,
      c.reason,
      c.errorCode,
      c.message,
    ]),
  ]
  for (const cell of report.by_status_type) {
    lines.push(
      line([
        c.sections.receipts,
        "",
        w.status[cell.status],
        w.type[cell.type],
        cell.count,
        plainRubles(cell.total),
      ])
    )
  }
  for (const p of report.problems) {
    lines.push(
      line([
        c.sections.problem,
        moscowDay(p.created_at),
        w.status[p.status],
        w.type[p.type],
        1,
        p.total === null ? "" : plainRubles(p.total),
        text(orderText(p)),
        text(p.order_id),
        text(p.receipt_id),
        "",
        w.reason[p.reason],
        text(p.error_code),
        text(p.error_message),
      ])
    )
  }
  for (const u of report.unreceipted) {
    lines.push(
      line([
        c.sections.unreceipted,
        u.day,
        "",
        "",
        1,
        plainRubles(u.amount),
        text(orderText(u)),
        text(u.order_id),
        "",
        u.movement
          ? text(`${w.movement[u.movement.kind]} ${u.movement.id}`)
          : "",
      ])
    )
  }
  return CSV_BOM + lines.join("\r\n") + "\r\n"
}

/** The file name the route offers: `fiscal-report-<from>-<to>.csv`. */
export function reportCsvFileName(
  report: Pick<FiscalReport, "period">
): string {
  return `fiscal-report-${report.period.from}-${report.period.to}.csv`
}
