import { isIsoDateTimeWithOffset } from "./time"

/** One problem of a request body; the real service answers 400 without saying which. */
export type ValidationIssue = { field: string; message: string }

/** `Document.docType`/`documentType` (docs/vendors/modulkassa.md, "Registration request"). */
export const DOC_TYPES = ["SALE", "RETURN", "BUY", "BUY_RETURN"] as const
export type DocType = (typeof DOC_TYPES)[number]

const TAX_MODES = [
  "COMMON",
  "SIMPLIFIED",
  "SIMPLIFIED_WITH_EXPENSE",
  "ENVD",
  "COMMON_AGRICULTURAL",
  "PATENT",
]
const PAYMENT_TYPES = ["CARD", "CASH", "PREPAID", "POSTPAY", "OTHER"]
const PAYMENT_OBJECTS = [
  "commodity",
  "excise",
  "job",
  "service",
  "gambling_bet",
  "gambling_prize",
  "lottery",
  "lottery_prize",
  "intellectual_activity",
  "payment",
  "agent_commission",
  "composite",
  "another",
  "property_right",
  "non-operating_gain",
  "insurance_premium",
  "sales_tax",
  "resort_fee",
]
const PAYMENT_METHODS = [
  "full_prepayment",
  "prepayment",
  "advance",
  "full_payment",
  "partial_payment",
  "credit",
  "credit_payment",
]

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE = /^\+7\d{10}$/
/** Tag 1162: hex bytes separated by spaces, at most 32 bytes. */
const NOMENCLATURE = /^[0-9A-Fa-f]{2}( [0-9A-Fa-f]{2}){0,31}$/

/** The longest document id the emulator takes; the doc sets none [I]. */
export const MAX_DOCUMENT_ID_LENGTH = 128

/** Valid Russian INN: 10 digits (organisation) or 12 (person), with check digits. */
export function isValidInn(value: string): boolean {
  const digits = value.split("").map(Number)
  const check = (weights: number[]) =>
    (weights.reduce((sum, w, i) => sum + w * digits[i], 0) % 11) % 10
  if (/^\d{10}$/.test(value)) {
    return check([2, 4, 10, 3, 5, 9, 4, 6, 8]) === digits[9]
  }
  if (/^\d{12}$/.test(value)) {
    return (
      check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === digits[10] &&
      check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === digits[11]
    )
  }
  return false
}

function decimals(value: number): number {
  const text = String(value)
  if (text.includes("e-")) {
    return Number(text.split("e-")[1])
  }
  return text.includes(".") ? text.split(".")[1].length : 0
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value)
}

/** What the emulator needs to know to validate. */
export type DocumentRules = {
  /** `vatTag` codes accepted. */
  vatTags: ReadonlySet<number>
}

/** The document type of a body: `docType` as every client sends, or `documentType` as the model names it. */
export function docTypeOf(body: Record<string, unknown>): DocType {
  const value = body.docType ?? body.documentType
  return (typeof value === "string" ? value : "SALE") as DocType
}

/**
 * Checks a `POST /v2/doc` body against the model of the v2.0 doc
 * (docs/vendors/modulkassa.md, "Registration request"). Where the doc marks `documentType`
 * optional, a body without either spelling is a sale.
 */
export function validateDocument(
  body: Record<string, unknown>,
  rules: DocumentRules
): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const issue = (field: string, message: string) =>
    issues.push({ field, message })
  const text = (
    field: string,
    value: unknown,
    options: { required?: boolean; max?: number } = {}
  ) => {
    if (value === undefined || value === null) {
      if (options.required) issue(field, "is required")
      return
    }
    if (
      typeof value !== "string" ||
      (options.required && value.trim() === "")
    ) {
      issue(field, "must be a non-empty string")
      return
    }
    if (options.max !== undefined && value.length > options.max) {
      issue(field, `must be at most ${options.max} characters`)
    }
  }
  const money = (
    field: string,
    value: unknown,
    options: { required?: boolean } = {}
  ) => {
    if (value === undefined || value === null) {
      if (options.required) issue(field, "is required")
      return
    }
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      issue(field, "must be a number ≥ 0")
    } else if (decimals(value) > 2) {
      issue(field, "must have at most 2 decimals")
    }
  }
  const oneOf = (
    field: string,
    value: unknown,
    allowed: readonly string[],
    required = false
  ) => {
    if (value === undefined || value === null) {
      if (required) issue(field, "is required")
      return
    }
    if (typeof value !== "string" || !allowed.includes(value)) {
      issue(field, `must be one of ${allowed.join(", ")}`)
    }
  }

  text("id", body.id, { required: true, max: MAX_DOCUMENT_ID_LENGTH })
  text("docNum", body.docNum, { required: true, max: 128 })
  oneOf("docType", body.docType, DOC_TYPES)
  oneOf("documentType", body.documentType, DOC_TYPES)
  if (
    body.docType !== undefined &&
    body.documentType !== undefined &&
    body.docType !== body.documentType
  ) {
    issue("docType", "contradicts documentType")
  }
  if (
    typeof body.checkoutDateTime !== "string" ||
    !isIsoDateTimeWithOffset(body.checkoutDateTime)
  ) {
    issue("checkoutDateTime", "must be an ISO 8601 date-time with an offset")
  }
  if (
    typeof body.email !== "string" ||
    !(EMAIL.test(body.email) || PHONE.test(body.email))
  ) {
    issue("email", "must be an email or a phone +7XXXXXXXXXX")
  }
  oneOf("taxMode", body.taxMode, TAX_MODES)
  if (
    body.printReceipt !== undefined &&
    typeof body.printReceipt !== "boolean"
  ) {
    issue("printReceipt", "must be a boolean")
  }
  text("textToPrint", body.textToPrint, { max: 3000 })
  text("cashierName", body.cashierName, { max: 64 })
  text("cashierPosition", body.cashierPosition, { max: 64 })
  for (const field of ["cashierInn", "clientInn"]) {
    if (
      body[field] !== undefined &&
      (typeof body[field] !== "string" || !isValidInn(body[field] as string))
    ) {
      issue(field, "must be a valid INN")
    }
  }
  text("clientName", body.clientName, { max: 256 })
  if (body.responseURL !== undefined) {
    let valid = typeof body.responseURL === "string"
    try {
      valid =
        valid && /^https?:$/.test(new URL(body.responseURL as string).protocol)
    } catch {
      valid = false
    }
    if (!valid) issue("responseURL", "must be an http(s) URL")
  }

  const positions = body.inventPositions
  if (!Array.isArray(positions) || positions.length === 0) {
    issue("inventPositions", "must be a non-empty array")
  } else {
    positions.forEach((position, index) => {
      const at = (name: string) => `inventPositions[${index}].${name}`
      if (!isObject(position)) {
        issue(`inventPositions[${index}]`, "must be an object")
        return
      }
      text(at("name"), position.name, { required: true, max: 128 })
      money(at("price"), position.price, { required: true })
      const quantity = position.quantity
      if (
        typeof quantity !== "number" ||
        !Number.isFinite(quantity) ||
        quantity <= 0
      ) {
        issue(at("quantity"), "must be a number > 0")
      } else if (decimals(quantity) > 3) {
        issue(at("quantity"), "must have at most 3 decimals")
      }
      if (
        typeof position.vatTag !== "number" ||
        !rules.vatTags.has(position.vatTag)
      ) {
        issue(at("vatTag"), `must be one of ${[...rules.vatTags].join(", ")}`)
      }
      money(at("discSum"), position.discSum)
      money(at("vatSum"), position.vatSum)
      oneOf(at("paymentObject"), position.paymentObject, PAYMENT_OBJECTS)
      oneOf(at("paymentMethod"), position.paymentMethod, PAYMENT_METHODS)
      if (
        position.nomenclatureCode !== undefined &&
        (typeof position.nomenclatureCode !== "string" ||
          !NOMENCLATURE.test(position.nomenclatureCode))
      ) {
        issue(
          at("nomenclatureCode"),
          "must be hex bytes separated by spaces, at most 32 bytes"
        )
      } else if (
        position.nomenclatureCode !== undefined &&
        typeof quantity === "number" &&
        Number.isInteger(quantity) &&
        quantity !== 1
      ) {
        // A code names one unit: one piece, or a weighed package whose quantity is its
        // weight; several whole units under one code are refused [I: the emulator's rule].
        issue(
          at("quantity"),
          "must be 1 for a position with a nomenclatureCode"
        )
      }
      text(at("productMark"), position.productMark, { max: 255 })
      if (
        position.originCountryCode !== undefined &&
        (typeof position.originCountryCode !== "string" ||
          !/^\d{1,3}$/.test(position.originCountryCode))
      ) {
        issue(at("originCountryCode"), "must be 1 to 3 digits")
      }
    })
  }

  const payments = body.moneyPositions
  if (!Array.isArray(payments) || payments.length === 0) {
    issue("moneyPositions", "must be a non-empty array")
  } else {
    payments.forEach((payment, index) => {
      if (!isObject(payment)) {
        issue(`moneyPositions[${index}]`, "must be an object")
        return
      }
      oneOf(
        `moneyPositions[${index}].paymentType`,
        payment.paymentType,
        PAYMENT_TYPES,
        true
      )
      money(`moneyPositions[${index}].sum`, payment.sum, { required: true })
    })
  }
  return issues
}

/** One marked position as the ledger keeps it. */
export type ModulKassaLedgerMark = {
  /** 0-based index among `inventPositions`. */
  position: number
  /** `nomenclatureCode` as sent (tag 1162 hex bytes). */
  nomenclatureCode: string
  /** GTIN and serial read back when the code is a DataMatrix one (`44 4D`). */
  gtin?: string
  serial?: string
}

/** The marking codes of a stored document's positions. */
export function ledgerMarksOf(payload: unknown): ModulKassaLedgerMark[] {
  const positions = isObject(payload) ? payload.inventPositions : undefined
  if (!Array.isArray(positions)) {
    return []
  }
  return positions.flatMap((position, index) => {
    if (!isObject(position) || typeof position.nomenclatureCode !== "string") {
      return []
    }
    const code = position.nomenclatureCode
    const mark: ModulKassaLedgerMark = {
      position: index,
      nomenclatureCode: code,
    }
    const bytes = Buffer.from(code.replace(/ /g, ""), "hex")
    if (bytes.length > 8 && bytes[0] === 0x44 && bytes[1] === 0x4d) {
      mark.gtin = String(bytes.readUIntBE(2, 6)).padStart(14, "0")
      mark.serial = bytes.subarray(8).toString("latin1")
    }
    return [mark]
  })
}
