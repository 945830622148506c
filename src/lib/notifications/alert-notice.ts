import { escapeHtml } from "../reports/html"
import { orderText } from "../reports/format"
import type { AlertState, TextLanguage } from "../../types/lists"

/** One alert as a notice tells it. */
export type AlertForNotice = {
  receipt_id: string
  order_id: string
  order_display_id: number | string | null
  state: AlertState
  error_code: string | null
  error_message: string | null
}

/** What the admin's notification panel shows: Medusa's feed reads `title` and `description`. */
export type FeedNotice = { title: string; description: string }

/** An email's parts. */
export type EmailContent = { subject: string; text: string; html: string }

/** Orders a folded notice names before "and N more". */
const ORDERS_NAMED = 5
/** Alerts an email lists one by one. */
const ALERTS_LISTED = 50
/** A message is cut to this many characters in the feed. */
const MESSAGE_CHARS = 280

const WORDS = {
  ru: {
    single: {
      failed: "Чек не пробит",
      invalid: "Чек не может быть сформирован",
      needs_attention: "Чек требует внимания",
    },
    order: "заказ",
    many: (n: number) => `Чеков, требующих внимания: ${n}`,
    orders: "Заказы",
    more: (n: number) => `и ещё ${n}`,
    whereSingle:
      "Откройте заказ: блок «Фискализация» показывает чек и действия.",
    whereMany:
      "Список «Фискальные чеки» с фильтром «Требует внимания» показывает их все.",
    state: {
      failed: "не пробит",
      invalid: "не может быть сформирован",
      needs_attention: "требует внимания",
    },
    receipt: "чек",
    intro: (n: number) =>
      n === 1
        ? "Чек требует действия сотрудника."
        : `Чеков, требующих действия сотрудника: ${n}.`,
    rest: (n: number) => `…и ещё ${n} в админке.`,
  },
  en: {
    single: {
      failed: "Receipt failed",
      invalid: "Receipt cannot be made",
      needs_attention: "Receipt needs attention",
    },
    order: "order",
    many: (n: number) => `${n} receipts need attention`,
    orders: "Orders",
    more: (n: number) => `and ${n} more`,
    whereSingle:
      "Open the order: its Fiscalization section shows the receipt and what to do.",
    whereMany:
      "Fiscal receipts, filtered by “needs attention”, lists them all.",
    state: {
      failed: "failed",
      invalid: "cannot be made",
      needs_attention: "needs attention",
    },
    receipt: "receipt",
    intro: (n: number) =>
      n === 1 ? "A receipt needs a person." : `${n} receipts need a person.`,
    rest: (n: number) => `…and ${n} more in the admin.`,
  },
} as const

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`
}

/**
 * The notice of alerts delivered together: one alert names its order and says what went
 * wrong; several fold into one notice that counts them and names the first orders.
 */
export function alertFeedNotice(
  alerts: ReadonlyArray<AlertForNotice>,
  language: TextLanguage
): FeedNotice {
  const w = WORDS[language]
  if (alerts.length === 1) {
    const [a] = alerts
    const message = a.error_message
      ? `${cut(a.error_message, MESSAGE_CHARS)} `
      : ""
    return {
      title: `${w.single[a.state]}: ${w.order} ${orderText(a)}`,
      description: `${message}${w.whereSingle}`,
    }
  }
  const orders = [...new Set(alerts.map((a) => orderText(a)))]
  const named = orders.slice(0, ORDERS_NAMED).join(", ")
  const more =
    orders.length > ORDERS_NAMED
      ? ` ${w.more(orders.length - ORDERS_NAMED)}`
      : ""
  return {
    title: w.many(alerts.length),
    description: `${w.orders}: ${named}${more}. ${w.whereMany}`,
  }
}

/** The same alerts as an email to the shop's recipients. */
export function alertEmail(
  alerts: ReadonlyArray<AlertForNotice>,
  language: TextLanguage
): EmailContent {
  const w = WORDS[language]
  const listed = alerts.slice(0, ALERTS_LISTED)
  const line = (a: AlertForNotice) =>
    `${w.order} ${orderText(a)}, ${w.receipt} ${a.receipt_id}: ${w.state[a.state]}${
      a.error_code ? ` (${a.error_code})` : ""
    }${a.error_message ? ` — ${a.error_message}` : ""}`
  const rest =
    alerts.length > listed.length ? [w.rest(alerts.length - listed.length)] : []
  const where = alerts.length === 1 ? w.whereSingle : w.whereMany
  const text = [
    w.intro(alerts.length),
    "",
    ...listed.map((a) => `- ${line(a)}`),
    ...rest,
    "",
    where,
  ].join("\n")
  const html = [
    `<p>${escapeHtml(w.intro(alerts.length))}</p>`,
    "<ul>",
    ...listed.map((a) => `<li>${escapeHtml(line(a))}</li>`),
    "</ul>",
    ...rest.map((r) => `<p>${escapeHtml(r)}</p>`),
    `<p>${escapeHtml(where)}</p>`,
  ].join("\n")
  return {
    subject: alertFeedNotice(alerts, language).title,
    text,
    html,
  }
}
