import type {
  ReceiptReason,
  ReceiptStatus,
  ReceiptType,
} from "../../types/lists"
import type { TextLanguage } from "../../types/lists"

/**
 * The words of a report outside the admin (CSV, the email's text and HTML), in both
 * languages. The status and type names are the admin's (src/admin/i18n/json), so the
 * accountant reads the same word in the email and on the page.
 */
export type ReportWords = {
  status: Record<ReceiptStatus, string>
  type: Record<ReceiptType, string>
  reason: Record<ReceiptReason, string>
  movement: Record<"capture" | "refund", string>
  preset: Record<"today" | "yesterday" | "week", string>
  title: string
  generated: string
  receipts: string
  registered: string
  byStatus: string
  byStatusType: string
  problems: string
  earlierProblems: string
  unreceipted: string
  unreconciled: string
  noProblems: string
  noUnreceipted: string
  allReconciled: string
  order: string
  amount: string
  count: string
  day: string
  more: (n: number) => string
  needsAttention: string
  csv: {
    section: string
    day: string
    status: string
    type: string
    count: string
    amount: string
    order: string
    orderId: string
    receiptId: string
    movement: string
    reason: string
    errorCode: string
    message: string
    sections: Record<"receipts" | "problem" | "unreceipted", string>
  }
}

const ru: ReportWords = {
  status: {
    pending: "В очереди",
    sending: "Отправляется",
    wait: "Обрабатывается",
    done: "Пробит",
    unknown: "Неизвестно",
    failed: "Ошибка",
    invalid: "Ошибка в данных",
    canceled: "Отменён",
  },
  type: {
    sell: "Приход",
    sell_refund: "Возврат прихода",
    sell_correction: "Коррекция прихода",
    sell_refund_correction: "Коррекция возврата прихода",
  },
  reason: {
    payment: "Оплата",
    refund: "Возврат",
    cancel: "Отмена заказа",
    resell_refund: "Перепробитие: возврат",
    resell_sell: "Перепробитие: приход",
    settlement: "Полный расчёт при передаче",
    manual: "Отправлен вручную",
    correction: "Коррекция",
    exchange: "Обмен",
  },
  movement: { capture: "списание", refund: "возврат" },
  preset: { today: "сегодня", yesterday: "вчера", week: "последние 7 дней" },
  title: "Фискальные чеки",
  generated: "Сформирован",
  receipts: "Чеков",
  registered: "Пробито",
  byStatus: "По статусам",
  byStatusType: "По статусам и типам",
  problems: "Требуют внимания",
  earlierProblems: "Ещё ждут внимания с прошлых дней",
  unreceipted: "Деньги без чека",
  unreconciled: "Дни без сверки",
  noProblems: "Чеков, требующих внимания, нет.",
  noUnreceipted: "Денег без чека сверка не нашла.",
  allReconciled: "Все дни периода сверены.",
  order: "Заказ",
  amount: "Сумма",
  count: "Количество",
  day: "День",
  more: (n) => `…и ещё ${n} — см. админку`,
  needsAttention: "требует внимания",
  csv: {
    section: "Раздел",
    day: "День",
    status: "Статус",
    type: "Тип чека",
    count: "Количество",
    amount: "Сумма, руб.",
    order: "Заказ",
    orderId: "ID заказа",
    receiptId: "ID чека",
    movement: "Движение денег",
    reason: "Основание",
    errorCode: "Код ошибки",
    message: "Сообщение",
    sections: {
      receipts: "Чеки",
      problem: "Требует внимания",
      unreceipted: "Деньги без чека",
    },
  },
}

const en: ReportWords = {
  status: {
    pending: "Queued",
    sending: "Sending",
    wait: "Processing",
    done: "Registered",
    unknown: "Unknown",
    failed: "Failed",
    invalid: "Invalid data",
    canceled: "Canceled",
  },
  type: {
    sell: "Sale",
    sell_refund: "Refund",
    sell_correction: "Sale correction",
    sell_refund_correction: "Refund correction",
  },
  reason: {
    payment: "Payment",
    refund: "Refund",
    cancel: "Order canceled",
    resell_refund: "Resell: refund",
    resell_sell: "Resell: sale",
    settlement: "Settlement at handover",
    manual: "Sent by staff",
    correction: "Correction",
    exchange: "Exchange",
  },
  movement: { capture: "capture", refund: "refund" },
  preset: { today: "today", yesterday: "yesterday", week: "last 7 days" },
  title: "Fiscal receipts",
  generated: "Generated",
  receipts: "Receipts",
  registered: "Registered",
  byStatus: "By status",
  byStatusType: "By status and type",
  problems: "Need attention",
  earlierProblems: "Still waiting from earlier days",
  unreceipted: "Money without a receipt",
  unreconciled: "Days not reconciled",
  noProblems: "No receipt needs attention.",
  noUnreceipted: "The reconciliation found no money without a receipt.",
  allReconciled: "Every day of the period is reconciled.",
  order: "Order",
  amount: "Amount",
  count: "Count",
  day: "Day",
  more: (n) => `…and ${n} more: see the admin`,
  needsAttention: "needs attention",
  csv: {
    section: "Section",
    day: "Day",
    status: "Status",
    type: "Receipt type",
    count: "Count",
    amount: "Amount, RUB",
    order: "Order",
    orderId: "Order ID",
    receiptId: "Receipt ID",
    movement: "Money movement",
    reason: "Reason",
    errorCode: "Error code",
    message: "Message",
    sections: {
      receipts: "Receipts",
      problem: "Needs attention",
      unreceipted: "Money without a receipt",
    },
  },
}

/** The words of a report in `language`. */
export function reportWords(language: TextLanguage): ReportWords {
  return language === "en" ? en : ru
}
