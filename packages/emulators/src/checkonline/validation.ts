import { FCE_ERRORS, type FceErrorName } from "./catalogue"

/**
 * Reads a `POST /fr/api/v2/Complex` body the way the emulator's cloud does. Field names follow
 * mygento's client and the Ferma converter example [V]
 * (docs/vendors/checkonline.md, "Registration request"). Keys are matched without regard to
 * case, because the published examples spell them both ways (`RequestId`/`Requestid`,
 * `TaxId`/`Taxid`); unknown keys (agent data, user requisites, …) are accepted and ignored.
 */

/** One position as the emulator understands it. */
export type ComplexLine = {
  Description: string
  /** Thousandths of a unit: 1 piece = 1000. */
  Qty: number
  /** Kopecks per unit. */
  Price: number
  /** Number of the cash register's tax rate (not tag 1199). */
  TaxId: number
  /** Tag 1214 (payment method). */
  PayAttribute: number
  /** Tag 1212 (payment object); 1 when left out, as in the Ferma example. */
  LineAttribute: number
  /** Tag 2108 measure code [?]: the emulator's name for ФФД 1.2's unit of measure. */
  Measure?: number
  /** Tag 1162 marking: base64 of 0x444D + GTIN (6 bytes) + serial [C: MKKM]. */
  CGNFloat?: string
  /** round(Price × Qty / 1000): the line total the cash register computes. */
  total: number
}

/** A request that passed the cloud's checks. */
export type ComplexRequest = {
  Device: string
  Password?: number
  RequestId: string
  ClientId?: string
  Group?: string
  DocumentType: 0 | 1 | 2 | 3
  Lines: ComplexLine[]
  NonCash: number[]
  Cash: number
  AdvancePayment: number
  Credit: number
  Consideration: number
  /** A single bit, or 0/absent for the cash register's first registered mode. */
  TaxMode: number
  PhoneOrEmail?: string
  Place?: string
  FullResponse: boolean
  /** Tag 1192 [?]: the emulator's name for the additional receipt requisite. */
  AdditionalAttribute?: string
  /** Σ line totals, kopecks. */
  total: number
}

/** Why a request was refused: the cloud error and its description. */
export type ComplexRejection = { error: FceErrorName; description: string }

/** What the cash registers' tax table accepts by default: 1..6 [V: MKKM], 7..12 [?]. */
export const DEFAULT_TAX_IDS: readonly number[] = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
]

/** Tag 1212 values of ФФД 1.2 (1..27 and the marked-goods codes 30..33). */
const LINE_ATTRIBUTES = new Set([
  ...Array.from({ length: 27 }, (_, i) => i + 1),
  30,
  31,
  32,
  33,
])

/** Tag 1162 holds at most 32 bytes: 0x444D, 6 bytes of GTIN and the serial. */
export const MAX_CODE_BYTES = 32

/** Tag 2108 measure codes of ФФД 1.2. */
const MEASURES = new Set([
  0, 10, 11, 12, 20, 21, 22, 30, 31, 32, 40, 41, 42, 50, 51, 70, 71, 72, 73, 80,
  81, 82, 83, 255,
])

const TAX_MODE_BITS = new Set([1, 2, 4, 8, 16, 32])

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE = /^\+?\d{10,15}$/

/** Limits the emulator applies; the real ones are not published [?]. */
export type ValidationLimits = {
  maxLines: number
  taxIds: readonly number[]
}

type Issue = { path: string; reason: string }

/** Reads a key of `source` regardless of its case. */
export function readField(
  source: Record<string, unknown>,
  name: string
): unknown {
  if (name in source) {
    return source[name]
  }
  const lower = name.toLowerCase()
  const key = Object.keys(source).find((k) => k.toLowerCase() === lower)
  return key === undefined ? undefined : source[key]
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value)
}

function characters(value: string): number {
  return Array.from(value).length
}

/** Line total as the cash register computes it: Price × Qty / 1000, half up, in integers. */
export function lineTotal(price: number, qtyThousandths: number): number {
  return Number((BigInt(price) * BigInt(qtyThousandths) + 500n) / 1000n)
}

/** Checks and normalizes a Complex request, or says which cloud error it gets. */
export function validateComplexRequest(
  body: unknown,
  limits: ValidationLimits
): { request: ComplexRequest } | { rejection: ComplexRejection } {
  if (!isObject(body)) {
    return {
      rejection: {
        error: "BAD_FORMAT",
        description: `${FCE_ERRORS.BAD_FORMAT.text}: ожидается объект JSON`,
      },
    }
  }
  const issues: Issue[] = []
  const issue = (path: string, reason: string) => issues.push({ path, reason })

  const str = (
    path: string,
    value: unknown,
    max: number,
    required: boolean
  ): string | undefined => {
    if (value === undefined || value === null || (!required && value === "")) {
      if (required) issue(path, "обязательный параметр")
      return undefined
    }
    if (typeof value !== "string" || value.trim() === "") {
      issue(path, "ожидается непустая строка")
      return undefined
    }
    if (characters(value) > max) {
      issue(path, `длина больше ${max} символов`)
      return undefined
    }
    return value
  }
  const int = (
    path: string,
    value: unknown,
    required: boolean,
    min = 0
  ): number | undefined => {
    if (value === undefined || value === null) {
      if (required) issue(path, "обязательный параметр")
      return undefined
    }
    if (
      typeof value !== "number" ||
      !Number.isSafeInteger(value) ||
      value < min
    ) {
      issue(
        path,
        min > 0
          ? `ожидается целое число не меньше ${min}`
          : "ожидается целое неотрицательное число"
      )
      return undefined
    }
    return value
  }

  const requestId = str("RequestId", readField(body, "RequestId"), 64, true)
  const device = str("Device", readField(body, "Device"), 64, false) ?? "auto"
  const password = int("Password", readField(body, "Password"), false)
  const clientId = str("ClientId", readField(body, "ClientId"), 64, false)
  const group = str("Group", readField(body, "Group"), 64, false)
  const documentType = int(
    "DocumentType",
    readField(body, "DocumentType"),
    true
  )
  if (documentType !== undefined && documentType > 3) {
    issue("DocumentType", "допустимы 0, 1, 2, 3")
  }

  const lines: ComplexLine[] = []
  const rawLines = readField(body, "Lines")
  if (!Array.isArray(rawLines) || rawLines.length === 0) {
    issue("Lines", "ожидается непустой массив позиций")
  } else if (rawLines.length > limits.maxLines) {
    issue("Lines", `больше ${limits.maxLines} позиций`)
  } else {
    rawLines.forEach((raw, index) => {
      const at = (name: string) => `Lines[${index}].${name}`
      if (!isObject(raw)) {
        issue(`Lines[${index}]`, "ожидается объект")
        return
      }
      const description = str(
        at("Description"),
        readField(raw, "Description"),
        128,
        true
      )
      const qty = int(at("Qty"), readField(raw, "Qty"), true, 1)
      const price = int(at("Price"), readField(raw, "Price"), true)
      const taxId = int(at("TaxId"), readField(raw, "TaxId"), true)
      if (taxId !== undefined && !limits.taxIds.includes(taxId)) {
        issue(at("TaxId"), `налоговая ставка ${taxId} не настроена в ККТ`)
      }
      const payAttribute = int(
        at("PayAttribute"),
        readField(raw, "PayAttribute"),
        true,
        1
      )
      if (payAttribute !== undefined && payAttribute > 7) {
        issue(at("PayAttribute"), "допустимы 1..7 (тег 1214)")
      }
      const lineAttribute =
        int(at("LineAttribute"), readField(raw, "LineAttribute"), false, 1) ?? 1
      if (!LINE_ATTRIBUTES.has(lineAttribute)) {
        issue(
          at("LineAttribute"),
          "недопустимый признак предмета расчёта (тег 1212)"
        )
      }
      const measure = int(at("Measure"), readField(raw, "Measure"), false)
      if (measure !== undefined && !MEASURES.has(measure)) {
        issue(at("Measure"), "недопустимая мера количества (тег 2108)")
      }
      const marking = readField(raw, "CGNFloat")
      let cgn: string | undefined
      if (marking !== undefined && marking !== null && marking !== "") {
        const bytes =
          typeof marking === "string"
            ? Buffer.from(marking, "base64")
            : Buffer.alloc(0)
        const canonical =
          typeof marking === "string" && bytes.toString("base64") === marking
        if (
          !canonical ||
          bytes.length < 9 ||
          bytes[0] !== 0x44 ||
          bytes[1] !== 0x4d ||
          !/^[\x21-\x7e]+$/.test(bytes.subarray(8).toString("latin1"))
        ) {
          issue(
            at("CGNFloat"),
            "ожидается base64 кода 444D + GTIN + серийный номер"
          )
        } else if (bytes.length > MAX_CODE_BYTES) {
          issue(at("CGNFloat"), `код товара длиннее ${MAX_CODE_BYTES} байт`)
        } else {
          cgn = marking as string
          // A code names one unit: a piece, or a weighed package with a Measure other than
          // pieces [I: the emulator's rule, as tag 1162 identifies one item].
          const weighed = measure !== undefined && measure !== 0
          if (qty !== undefined && qty !== 1000 && !weighed) {
            issue(at("Qty"), "маркированный товар продаётся поштучно: 1000")
          }
        }
      }
      if (
        description !== undefined &&
        qty !== undefined &&
        price !== undefined &&
        taxId !== undefined &&
        payAttribute !== undefined
      ) {
        const line: ComplexLine = {
          Description: description,
          Qty: qty,
          Price: price,
          TaxId: taxId,
          PayAttribute: payAttribute,
          LineAttribute: lineAttribute,
          total: lineTotal(price, qty),
        }
        if (measure !== undefined) line.Measure = measure
        if (cgn !== undefined) line.CGNFloat = cgn
        lines.push(line)
      }
    })
  }

  const nonCashRaw = readField(body, "NonCash")
  const nonCash: number[] = []
  if (nonCashRaw !== undefined && nonCashRaw !== null) {
    if (!Array.isArray(nonCashRaw) || nonCashRaw.length > 3) {
      issue("NonCash", "ожидается массив не больше чем из 3 сумм")
    } else {
      nonCashRaw.forEach((sum, i) => {
        const value = int(`NonCash[${i}]`, sum, true)
        if (value !== undefined) nonCash.push(value)
      })
    }
  }
  const cash = int("Cash", readField(body, "Cash"), false) ?? 0
  const advance =
    int("AdvancePayment", readField(body, "AdvancePayment"), false) ?? 0
  const credit = int("Credit", readField(body, "Credit"), false) ?? 0
  const consideration =
    int("Consideration", readField(body, "Consideration"), false) ?? 0
  const taxMode = int("TaxMode", readField(body, "TaxMode"), false) ?? 0
  if (taxMode !== 0 && !TAX_MODE_BITS.has(taxMode)) {
    issue("TaxMode", "ожидается один бит: 1, 2, 4, 8, 16 или 32")
  }
  const contact = str(
    "PhoneOrEmail",
    readField(body, "PhoneOrEmail"),
    64,
    false
  )
  if (contact !== undefined && !EMAIL.test(contact) && !PHONE.test(contact)) {
    issue(
      "PhoneOrEmail",
      "ожидается адрес электронной почты или номер телефона"
    )
  }
  const place = str("Place", readField(body, "Place"), 256, false)
  const fullResponse = readField(body, "FullResponse")
  if (
    fullResponse !== undefined &&
    fullResponse !== null &&
    typeof fullResponse !== "boolean"
  ) {
    issue("FullResponse", "ожидается true или false")
  }
  const additional = str(
    "AdditionalAttribute",
    readField(body, "AdditionalAttribute"),
    16,
    false
  )

  if (
    issues.length > 0 ||
    requestId === undefined ||
    documentType === undefined
  ) {
    const list = issues.map((i) => `${i.path} (${i.reason})`).join("; ")
    return {
      rejection: {
        error: "INVALID_FIELD",
        description: `${FCE_ERRORS.INVALID_FIELD.text}: ${list}`,
      },
    }
  }

  const total = lines.reduce((sum, line) => sum + line.total, 0)
  const nonCashTotal = nonCash.reduce((sum, value) => sum + value, 0)
  const notCash = nonCashTotal + advance + credit + consideration
  // Only cash can exceed the total (the change is handed back); 54-ФЗ forbids overpaying by card.
  if (notCash > total) {
    return {
      rejection: {
        error: "PAYMENT_MISMATCH",
        description: `${FCE_ERRORS.PAYMENT_MISMATCH.text}: безналичные оплаты ${notCash} больше суммы чека ${total}`,
      },
    }
  }
  if (notCash + cash < total) {
    return {
      rejection: {
        error: "PAYMENT_MISMATCH",
        description: `${FCE_ERRORS.PAYMENT_MISMATCH.text}: оплачено ${notCash + cash} из ${total}, чек оплачен не полностью`,
      },
    }
  }

  const request: ComplexRequest = {
    Device: device,
    RequestId: requestId,
    DocumentType: documentType as 0 | 1 | 2 | 3,
    Lines: lines,
    NonCash: nonCash,
    Cash: cash,
    AdvancePayment: advance,
    Credit: credit,
    Consideration: consideration,
    TaxMode: taxMode,
    FullResponse: fullResponse === true,
    total,
  }
  if (password !== undefined) request.Password = password
  if (clientId !== undefined) request.ClientId = clientId
  if (group !== undefined) request.Group = group
  if (contact !== undefined) request.PhoneOrEmail = contact
  if (place !== undefined) request.Place = place
  if (additional !== undefined) request.AdditionalAttribute = additional
  return { request }
}

/** One marked line as the ledger keeps it. */
export type CheckonlineLedgerMark = {
  /** 0-based index among the lines. */
  position: number
  /** `CGNFloat` as sent. */
  cgn_float: string
  /** GTIN read back from the code, 14 digits. */
  gtin: string
  /** Serial number read back from the code. */
  serial: string
}

/** The marking codes of a request that passed the checks. */
export function ledgerMarksOf(lines: ComplexLine[]): CheckonlineLedgerMark[] {
  return lines.flatMap((line, position) => {
    if (!line.CGNFloat) {
      return []
    }
    const bytes = Buffer.from(line.CGNFloat, "base64")
    return [
      {
        position,
        cgn_float: line.CGNFloat,
        gtin: String(bytes.readUIntBE(2, 6)).padStart(14, "0"),
        serial: bytes.subarray(8).toString("latin1"),
      },
    ]
  })
}
