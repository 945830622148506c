import {
  TAX_MODES,
  type DreamkasEmulatorAccount,
  type DreamkasEmulatorDevice,
} from "./accounts"
import type { FieldIssue } from "./error-catalogue"

/** `type` of a receipt (docs/vendors/dreamkas.md, "Registration request"). */
export const RECEIPT_TYPES = [
  "SALE",
  "REFUND",
  "OUTFLOW",
  "OUTFLOW_REFUND",
  "CORRECTION_INFLOW",
  "CORRECTION_OUTFLOW",
] as const

/** `positions[].type`: the documented two and the 2026 client's categories [C]. */
export const POSITION_TYPES = [
  "COUNTABLE",
  "SCALABLE",
  "SERVICE",
  "SHOES",
  "CLOTHES",
  "TOBACCO",
  "MILK",
] as const

/** `payments[].type`. */
export const PAYMENT_TYPES = [
  "CASH",
  "CASHLESS",
  "PREPAID",
  "CREDIT",
  "CONSIDERATION",
] as const

/** Tax names with a known spelling and the rate each extracts from a gross sum. */
const KNOWN_TAX_RATES: Record<string, number> = {
  NDS_NO_TAX: 0,
  NDS_0: 0,
  NDS_5: 5,
  NDS_7: 7,
  NDS_10: 10,
  NDS_20: 20,
  NDS_5_CALCULATED: 5,
  NDS_7_CALCULATED: 7,
  NDS_10_CALCULATED: 10,
  NDS_20_CALCULATED: 20,
}

/** 18 % ended on 2019-01-01; the names still exist in old clients [V: DK-STUD]. */
const RETIRED_TAXES = new Set(["NDS_18", "NDS_18_CALCULATED"])

/** Most positions one receipt may carry (the emulator's limit; Dreamkas publishes none). */
export const MAX_POSITIONS = 100

/** Longest position name in UTF-16 units (tag 1030 allows 128 characters). */
export const MAX_NAME_LENGTH = 128

/** Longest externalId the emulator accepts [I]. */
export const MAX_EXTERNAL_ID_LENGTH = 128

/**
 * The ФФД tag a marking code travels in: the emulator's choice, since no field is documented
 * (docs/vendors/dreamkas.md, "Marked goods").
 */
export const MARK_CODE_TAG = 2000

/** Longest marking code the emulator takes in tag 2000 [I: ATOL's gs1m limit]. */
export const MAX_MARK_CODE_LENGTH = 200

/** What the validator needs to know about the emulator's configuration. */
export type ValidationRules = {
  /** The 22 % names the emulated Dreamkas knows; null: it knows none yet. */
  vat22Names: { vat22: string; vat122: string } | null
  /** Divisor of a SCALABLE position's quantity (1000: thousandths of the unit). */
  scalableQuantityScale: number
}

const isSafeInt = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value)

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && !Array.isArray(value)

function taxRates(rules: ValidationRules): Record<string, number> {
  return rules.vat22Names
    ? {
        ...KNOWN_TAX_RATES,
        [rules.vat22Names.vat22]: 22,
        [rules.vat22Names.vat122]: 22,
      }
    : KNOWN_TAX_RATES
}

/** VAT inside a gross sum at `rate` %, rounded half up to the kopeck. */
export function vatInside(sum: number, rate: number): number {
  if (rate === 0 || sum === 0) {
    return 0
  }
  return Math.floor((2 * sum * rate + 100 + rate) / (2 * (100 + rate)))
}

function checkTags(
  tags: unknown,
  path: string,
  issues: FieldIssue[]
): Record<string, unknown>[] {
  if (tags === undefined) {
    return []
  }
  if (!Array.isArray(tags)) {
    issues.push({ field: path, message: "Должен быть массивом" })
    return []
  }
  const valid: Record<string, unknown>[] = []
  tags.forEach((tag, index) => {
    const at = `${path}[${index}]`
    if (
      !isObject(tag) ||
      !isSafeInt(tag.tag) ||
      tag.tag < 1000 ||
      tag.tag > 9999
    ) {
      issues.push({
        field: `${at}.tag`,
        message: "Номер тега ФФД от 1000 до 9999",
      })
    } else if (typeof tag.value !== "number" && typeof tag.value !== "string") {
      issues.push({
        field: `${at}.value`,
        message: "Значение тега: число или строка",
      })
    } else {
      valid.push(tag)
    }
  })
  return valid
}

function checkPosition(
  position: unknown,
  index: number,
  rules: ValidationRules,
  issues: FieldIssue[]
): number | undefined {
  const at = `positions[${index}]`
  if (!isObject(position)) {
    issues.push({ field: at, message: "Должен быть объектом" })
    return undefined
  }
  const before = issues.length
  const { name, type, quantity, price, priceSum, tax, taxSum } = position
  if (typeof name !== "string" || name.trim() === "") {
    issues.push({ field: `${at}.name`, message: "Обязательное поле" })
  } else if (name.length > MAX_NAME_LENGTH) {
    issues.push({
      field: `${at}.name`,
      message: `Не длиннее ${MAX_NAME_LENGTH} символов`,
    })
  }
  if (!POSITION_TYPES.includes(type as never)) {
    issues.push({
      field: `${at}.type`,
      message: `Одно из: ${POSITION_TYPES.join(", ")}`,
    })
  }
  if (!isSafeInt(quantity) || quantity <= 0) {
    issues.push({ field: `${at}.quantity`, message: "Целое число больше нуля" })
  }
  if (!isSafeInt(price) || price < 0) {
    issues.push({
      field: `${at}.price`,
      message: "Целое число копеек, не меньше нуля",
    })
  }
  if (!isSafeInt(priceSum) || priceSum < 0) {
    issues.push({
      field: `${at}.priceSum`,
      message: "Целое число копеек, не меньше нуля",
    })
  }
  const rates = taxRates(rules)
  if (typeof tax !== "string") {
    issues.push({
      field: `${at}.tax`,
      message: "Обязательное поле: ставка НДС",
    })
  } else if (RETIRED_TAXES.has(tax)) {
    issues.push({
      field: `${at}.tax`,
      message: "Ставка НДС 18% не применяется с 01.01.2019",
    })
  } else if (!(tax in rates)) {
    issues.push({
      field: `${at}.tax`,
      message: `Неизвестная ставка НДС ${tax}`,
    })
  }
  const tags = checkTags(position.tags, `${at}.tags`, issues)
  if (issues.length > before) {
    return undefined
  }
  const q = quantity as number
  const p = price as number
  const s = priceSum as number
  if (type === "SCALABLE") {
    // priceSum = round(price × quantity / scale): within half a kopeck of the exact product.
    const scale = rules.scalableQuantityScale
    if (Math.abs(s * scale - p * q) * 2 > scale) {
      issues.push({
        field: `${at}.priceSum`,
        message: `Должна быть равна price × quantity / ${scale} с округлением до копейки`,
      })
    }
  } else if (s !== p * q) {
    issues.push({
      field: `${at}.priceSum`,
      message: "Должна быть равна price × quantity",
    })
  }
  if (taxSum !== undefined && taxSum !== null) {
    const expected = vatInside(s, rates[tax as string])
    if (!isSafeInt(taxSum) || Math.abs(taxSum - expected) > 1) {
      issues.push({
        field: `${at}.taxSum`,
        message: `Ожидается ${expected} коп.`,
      })
    }
  }
  const marks = tags.filter((tag) => tag.tag === MARK_CODE_TAG)
  if (marks.length > 1) {
    issues.push({
      field: `${at}.tags`,
      message: "Один код маркировки на позицию",
    })
  }
  marks.forEach((tag) => {
    const value = tag.value
    // The code as scanned: printable ASCII and GS separators [I: the emulator's rule].
    if (
      typeof value !== "string" ||
      value.length === 0 ||
      value.length > MAX_MARK_CODE_LENGTH ||
      !/^[\x1d\x20-\x7e]+$/.test(value)
    ) {
      issues.push({
        field: `${at}.tags`,
        message: `Код маркировки (тег ${MARK_CODE_TAG}): строка как отсканирована, до ${MAX_MARK_CODE_LENGTH} символов`,
      })
    }
  })
  // A countable marked position is one unit; a SCALABLE one is a weighed package with its
  // weight in thousandths [I: the emulator's reading].
  if (marks.length > 0 && q !== 1 && type !== "SCALABLE") {
    issues.push({
      field: `${at}.quantity`,
      message: "Маркированный товар продаётся поштучно: количество 1",
    })
  }
  return issues.length > before ? undefined : s
}

/**
 * Checks a `POST /api/receipts` body (docs/vendors/dreamkas.md, "Registration request") and
 * returns what is wrong, plus the kassa it names when that is one of the account's. Sums are
 * kopecks: Σ priceSum = total.priceSum = Σ payments.sum, exactly.
 */
export function validateReceipt(
  body: Record<string, unknown>,
  account: DreamkasEmulatorAccount,
  rules: ValidationRules
): { issues: FieldIssue[]; device?: DreamkasEmulatorDevice } {
  const issues: FieldIssue[] = []
  const device = isSafeInt(body.deviceId)
    ? account.devices.find((candidate) => candidate.id === body.deviceId)
    : undefined
  if (!isSafeInt(body.deviceId)) {
    issues.push({ field: "deviceId", message: "Обязательное поле: ID кассы" })
  } else if (!device) {
    issues.push({
      field: "deviceId",
      message: `Касса ${body.deviceId} не найдена`,
    })
  }
  const { externalId } = body
  if (
    externalId !== undefined &&
    (typeof externalId !== "string" ||
      externalId.trim() === "" ||
      externalId.length > MAX_EXTERNAL_ID_LENGTH)
  ) {
    issues.push({
      field: "externalId",
      message: `Строка от 1 до ${MAX_EXTERNAL_ID_LENGTH} символов`,
    })
  }
  if (!RECEIPT_TYPES.includes(body.type as never)) {
    issues.push({
      field: "type",
      message: `Одно из: ${RECEIPT_TYPES.join(", ")}`,
    })
  }
  if (
    body.timeout !== undefined &&
    (!isSafeInt(body.timeout) || body.timeout < 1 || body.timeout > 1440)
  ) {
    issues.push({ field: "timeout", message: "Минуты, от 1 до 1440" })
  }
  if (!TAX_MODES.includes(body.taxMode as never)) {
    issues.push({
      field: "taxMode",
      message: `Одно из: ${TAX_MODES.join(", ")}`,
    })
  }

  let positionsTotal: number | undefined = 0
  if (!Array.isArray(body.positions) || body.positions.length === 0) {
    issues.push({ field: "positions", message: "Нужна хотя бы одна позиция" })
    positionsTotal = undefined
  } else if (body.positions.length > MAX_POSITIONS) {
    issues.push({
      field: "positions",
      message: `Не больше ${MAX_POSITIONS} позиций`,
    })
    positionsTotal = undefined
  } else {
    body.positions.forEach((position, index) => {
      const sum = checkPosition(position, index, rules, issues)
      positionsTotal =
        sum === undefined || positionsTotal === undefined
          ? undefined
          : positionsTotal + sum
    })
  }

  let paymentsTotal: number | undefined = 0
  if (!Array.isArray(body.payments) || body.payments.length === 0) {
    issues.push({ field: "payments", message: "Нужна хотя бы одна оплата" })
    paymentsTotal = undefined
  } else {
    body.payments.forEach((payment, index) => {
      const at = `payments[${index}]`
      if (!isObject(payment) || !isSafeInt(payment.sum) || payment.sum < 0) {
        issues.push({
          field: `${at}.sum`,
          message: "Целое число копеек, не меньше нуля",
        })
        paymentsTotal = undefined
        return
      }
      if (!PAYMENT_TYPES.includes(payment.type as never)) {
        issues.push({
          field: `${at}.type`,
          message: `Одно из: ${PAYMENT_TYPES.join(", ")}`,
        })
      }
      paymentsTotal =
        paymentsTotal === undefined ? undefined : paymentsTotal + payment.sum
    })
  }

  const attributes = body.attributes
  if (!isObject(attributes) || (!attributes.email && !attributes.phone)) {
    // At least one contact: the OFD sends the electronic receipt there
    // (docs/vendors/dreamkas.md, "Registration request").
    issues.push({
      field: "attributes",
      message: "Нужен email или телефон покупателя",
    })
  } else {
    if (
      attributes.email !== undefined &&
      (typeof attributes.email !== "string" ||
        !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(attributes.email))
    ) {
      issues.push({ field: "attributes.email", message: "Некорректный email" })
    }
    if (
      attributes.phone !== undefined &&
      (typeof attributes.phone !== "string" ||
        !/^\+?\d{10,15}$/.test(attributes.phone))
    ) {
      issues.push({
        field: "attributes.phone",
        message: "Некорректный телефон",
      })
    }
  }

  const total = (body.total as { priceSum?: unknown } | undefined)?.priceSum
  if (!isSafeInt(total) || total < 0) {
    issues.push({ field: "total.priceSum", message: "Целое число копеек" })
  } else {
    if (positionsTotal !== undefined && positionsTotal !== total) {
      issues.push({
        field: "total.priceSum",
        message: `Сумма позиций ${positionsTotal} не равна итогу ${total}`,
      })
    }
    if (paymentsTotal !== undefined && paymentsTotal !== total) {
      issues.push({
        field: "payments",
        message: `Сумма оплат ${paymentsTotal} не равна итогу ${total}`,
      })
    }
  }
  checkTags(body.tags, "tags", issues)
  return { issues, device }
}

/** One marked position as the ledger keeps it. */
export type DreamkasLedgerMark = {
  /** 0-based index among `positions`. */
  position: number
  /** The tag 2000 value: the code as scanned. */
  mark_code: string
}

/** The marking codes (tag 2000) of a stored receipt's positions. */
export function ledgerMarksOf(payload: unknown): DreamkasLedgerMark[] {
  const positions = isObject(payload) ? payload.positions : undefined
  if (!Array.isArray(positions)) {
    return []
  }
  return positions.flatMap((position, index) => {
    const tags = isObject(position) ? position.tags : undefined
    const mark = Array.isArray(tags)
      ? tags.find((tag) => isObject(tag) && tag.tag === MARK_CODE_TAG)
      : undefined
    return mark && typeof mark.value === "string"
      ? [{ position: index, mark_code: mark.value }]
      : []
  })
}
