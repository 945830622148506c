import type { AdminFiscalReceipt } from "../types/http/receipts"
import type { ReceiptStatus } from "../types/lists"
import { kopecksOf, moscowTime, oneLine, rubles, table } from "./format"

/** What the console reads of a receipt: the fields a list row and a whole receipt share. */
export type ReceiptView = Pick<
  AdminFiscalReceipt,
  | "id"
  | "order_id"
  | "type"
  | "reason"
  | "status"
  | "total"
  | "needs_attention"
  | "error_message"
  | "fiscal_document_number"
  | "fiscal_document_attribute"
  | "vendor_document_id"
  | "external_id"
  | "parent_id"
  | "created_at"
>

/**
 * Statuses a receipt stays in until a person acts (`failed`, `invalid`) or for good
 * (`done`, `canceled`); the others (`pending`, `sending`, `wait`, `unknown`) the store is
 * still working on (docs/architecture.md, "The life of a receipt").
 */
const SETTLED: ReadonlySet<ReceiptStatus> = new Set([
  "done",
  "failed",
  "invalid",
  "canceled",
])

/** True when the store will not move the receipt on by itself: settled, or flagged for a person. */
export const isSettled = (r: ReceiptView) =>
  SETTLED.has(r.status) || r.needs_attention

/** True when a person has to act on the receipt. */
export const needsPerson = (r: ReceiptView) =>
  r.status === "failed" || r.status === "invalid" || r.needs_attention

/** The last column of a receipt: the fiscal attributes once registered, else what went wrong. */
function noteOf(r: ReceiptView): string {
  if (r.status === "done" && r.fiscal_document_number) {
    return `ФД ${r.fiscal_document_number} ФП ${r.fiscal_document_attribute ?? "—"}`
  }
  const flag = r.needs_attention ? "needs attention: " : ""
  return flag + oneLine(r.error_message)
}

/** Receipts as an aligned table; `withOrder` adds the order and date columns of `list`. */
export function receiptsTable(
  receipts: ReceiptView[],
  { withOrder = false }: { withOrder?: boolean } = {}
): string {
  const columns = [
    { title: "RECEIPT" },
    ...(withOrder ? [{ title: "CREATED" }, { title: "ORDER" }] : []),
    { title: "TYPE" },
    { title: "REASON" },
    { title: "STATUS" },
    { title: "TOTAL", align: "right" as const },
    { title: "NOTE" },
  ]
  const rows = receipts.map((r) => [
    r.id,
    ...(withOrder
      ? [moscowTime(r.created_at as unknown as string), r.order_id]
      : []),
    r.type,
    r.reason,
    r.status,
    rubles(kopecksOf(r.total)),
    noteOf(r),
  ])
  return table(columns, rows)
}

/** One receipt in full, a field a line, for `update`. */
export function receiptDetail(r: ReceiptView): string {
  const fields: [string, string][] = [
    ["Receipt", r.id],
    ["Order", r.order_id],
    ["Type", `${r.type} (${r.reason})`],
    ["Status", r.status + (r.needs_attention ? ", needs attention" : "")],
    ["Total", rubles(kopecksOf(r.total))],
    ["External id", r.external_id],
    ["Vendor id", r.vendor_document_id ?? "—"],
  ]
  if (r.fiscal_document_number) {
    fields.push([
      "ФД / ФП",
      `${r.fiscal_document_number} / ${r.fiscal_document_attribute ?? "—"}`,
    ])
  }
  if (r.error_message) {
    fields.push(["Message", r.error_message])
  }
  const width = Math.max(...fields.map(([k]) => k.length))
  return fields.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n")
}

/**
 * A receipt without its document and wire exchange, as the list route gives it: what
 * `--json` prints. The buyer's contact is in those, and the admin shows them on the
 * receipt's page.
 */
export function withoutDocument<T extends object>(
  receipt: T
): Omit<T, "document" | "request" | "response"> {
  const {
    document: _d,
    request: _q,
    response: _r,
    ...row
  } = receipt as T & {
    document?: unknown
    request?: unknown
    response?: unknown
  }
  return row
}
