import { FFD105_PAYMENT_OBJECT_NAMES } from "../../lib/receipt/ffd105"
import {
  checkLineMarking,
  refuseUnsupportedMarking,
  type MarkingContext,
} from "../_shared/marking"
import {
  isCorrectionType,
  refuseUnsupportedCorrection,
  requireCorrectionInfo,
  type CorrectionContext,
} from "../_shared/corrections"
import { truncateUtf16 } from "../_shared/names"
import {
  PAYMENT_OBJECT_CODES,
  type FiscalDocument,
  type FiscalLine,
  type CorrectionInfo,
  type FiscalPaymentType,
  type PaymentObject,
  type VatCode,
} from "../../lib/receipt/types"
import { ValidationError } from "../../modules/fiscal/errors"
import type {
  CorrectionCapabilities,
  FiscalCompany,
  FiscalData,
  MarkingCapabilities,
} from "../../modules/fiscal/types/provider"
import type {
  AtolApiVersion,
  AtolCompany,
  AtolCorrectionInfo,
  AtolCorrectionRequest,
  AtolCorrectionV4,
  AtolCorrectionV5,
  AtolItemV4,
  AtolItemV5,
  AtolPayment,
  AtolRegistrationRequest,
  AtolReportPayload,
  AtolVat,
} from "./types"
import { vatAmountKopecks } from "./vat"
import {
  formatAtolTimestamp,
  kopecksToRubles,
  parseAtolTimestamp,
  rublesToKopecks,
  toAtolQuantity,
} from "./wire-format"

/**
 * Longest position name ATOL accepts (tag 1030). ATOL validates with NJsonSchema, which
 * measures .NET `string.Length`: UTF-16 code units, so an emoji takes two of the 128.
 */
export const ATOL_MAX_NAME_LENGTH = 128

/** Most positions in one receipt. */
export const ATOL_MAX_ITEMS = 100

/** ATOL accepts 1..6 receipt-level VAT entries (docs/vendors/atol.md, "Limits"). */
const ATOL_MAX_VATS = 6

/** Longest raw GS1 code ATOL v4 converts itself in `nomenclature_code` (doc 2023). */
const ATOL_V4_MAX_NOMENCLATURE = 150

/** Longest decoded code in v5 `mark_code.gs1m` (tag 1305). */
export const ATOL_V5_MAX_GS1M = 200

/**
 * What of marked goods each API version carries (docs/vendors/atol.md, "Marked goods"):
 * v4 (ФФД 1.05) has only `nomenclature_code` (tag 1162); v5 (ФФД 1.2) has the code, the sold
 * part of a package and the industry requisites.
 */
export const ATOL_MARKING: Record<AtolApiVersion, MarkingCapabilities> = {
  4: { codes: true, fractional: false, industryRequisites: false },
  5: { codes: true, fractional: true, industryRequisites: true },
}

/**
 * Correction receipts each API version registers (docs/vendors/atol.md, "Corrections"):
 * v4 (ФФД 1.05) has `sell_correction` only, v5 (ФФД 1.2) also `sell_refund_correction`.
 */
export const ATOL_CORRECTIONS: Record<AtolApiVersion, CorrectionCapabilities> =
  {
    4: { sell: true, sellRefund: false },
    5: { sell: true, sellRefund: true },
  }

const CORRECTION_CONTEXT: Record<AtolApiVersion, CorrectionContext> = {
  4: {
    provider: "atol",
    operation: "register",
    vendor: "ATOL Online v4 (ФФД 1.05)",
    field: "correction",
  },
  5: {
    provider: "atol",
    operation: "register",
    vendor: "ATOL Online v5 (ФФД 1.2)",
    field: "correction",
  },
}

const MARKING_CONTEXT: Record<AtolApiVersion, MarkingContext> = {
  4: {
    provider: "atol",
    operation: "register",
    vendor: "ATOL Online v4 (ФФД 1.05)",
    field: (index, what) =>
      `receipt.items[${index}].${
        what === "code"
          ? "nomenclature_code"
          : what === "fraction"
            ? "mark_quantity"
            : "sectoral_item_props"
      }`,
  },
  5: {
    provider: "atol",
    operation: "register",
    vendor: "ATOL Online v5 (ФФД 1.2)",
    field: (index, what) =>
      `receipt.items[${index}].${
        what === "code"
          ? "mark_code"
          : what === "fraction"
            ? "mark_quantity"
            : "sectoral_item_props"
      }`,
  },
}

const PAYMENT_TYPE: Record<FiscalPaymentType, number> = {
  cash: 0,
  cashless: 1,
  prepayment: 2,
}

/**
 * Payment objects for v4: the ФФД 1.05 names, plus ATOL's own v4 strings for the ФФД 1.2
 * objects, which its v4 schema accepts too.
 */
const V4_PAYMENT_OBJECT: Record<PaymentObject, string> = {
  ...(FFD105_PAYMENT_OBJECT_NAMES as Record<PaymentObject, string>),
  award: "award",
  deposit: "deposit",
  expense: "expense",
}

/** v4 has a free-text unit (tag 1197, at most 16 characters) instead of the v5 measure code. */
const V4_MEASUREMENT_UNIT: Record<number, string> = {
  0: "шт",
  10: "г",
  11: "кг",
  12: "т",
  20: "см",
  21: "дм",
  22: "м",
  30: "кв. см",
  31: "кв. дм",
  32: "кв. м",
  40: "мл",
  41: "л",
  42: "куб. м",
  50: "кВт·ч",
  51: "Гкал",
  70: "сутки",
  71: "час",
  72: "мин",
  73: "с",
  80: "Кбайт",
  81: "Мбайт",
  82: "Гбайт",
  83: "Тбайт",
}

/** What the mapper needs besides the document. */
export type AtolMappingInput = {
  apiVersion: AtolApiVersion
  externalId: string
  document: FiscalDocument
  company: FiscalCompany
  callbackUrl?: string
  /** v5: set the internet settlement flag (tag 1125). */
  internet: boolean
  now: Date
}

function invalid(message: string, fields: string[]): ValidationError {
  return new ValidationError({
    provider: "atol",
    operation: "register",
    message,
    fields,
  })
}

/**
 * Cuts to {@link ATOL_MAX_NAME_LENGTH} UTF-16 units, as ATOL counts, never leaving half of a
 * surrogate pair. A name cut "by characters" upstream can still be too long here.
 */
function truncateName(name: string): string {
  return truncateUtf16(name, ATOL_MAX_NAME_LENGTH)
}

function toAtolVat(line: FiscalLine): AtolVat {
  return {
    type: line.vat,
    sum: kopecksToRubles(vatAmountKopecks(line.sum, line.vat)),
  }
}

/** Receipt-level VAT totals: Σ of the line VAT sums per rate, so both levels agree. */
function toAtolVats(lines: FiscalLine[]): AtolVat[] | undefined {
  const byType = new Map<VatCode, number>()
  for (const line of lines) {
    byType.set(
      line.vat,
      (byType.get(line.vat) ?? 0) + vatAmountKopecks(line.sum, line.vat)
    )
  }
  // More than 6 rates cannot be listed; ATOL then takes the line sums alone (tag 1200).
  if (byType.size > ATOL_MAX_VATS) {
    return undefined
  }
  return [...byType].map(([type, sum]) => ({ type, sum: kopecksToRubles(sum) }))
}

function commonItem(line: FiscalLine) {
  return {
    name: truncateName(line.name),
    price: kopecksToRubles(line.price),
    quantity: toAtolQuantity(line.quantity),
    sum: kopecksToRubles(line.sum),
    payment_method: line.payment_method,
    vat: toAtolVat(line),
  }
}

function toAtolItemV4(line: FiscalLine, index: number): AtolItemV4 {
  const item: AtolItemV4 = {
    ...commonItem(line),
    payment_object: V4_PAYMENT_OBJECT[line.payment_object],
  }
  const unit = V4_MEASUREMENT_UNIT[line.measure]
  if (unit) {
    item.measurement_unit = unit
  }
  checkLineMarking(line, index, MARKING_CONTEXT[4])
  if (line.mark_code) {
    if (line.mark_code.length > ATOL_V4_MAX_NOMENCLATURE) {
      throw invalid(
        `Marking code of line ${index + 1} is longer than ${ATOL_V4_MAX_NOMENCLATURE} characters`,
        [`receipt.items[${index}].nomenclature_code`]
      )
    }
    // Since 2023 ATOL converts a raw GS1 DataMatrix itself
    // (docs/vendors/atol.md, "Registration request").
    item.nomenclature_code = line.mark_code
  }
  return item
}

/** The v5 marking context of positions under `root` (`receipt` or `correction`). */
function v5MarkingContext(root: "receipt" | "correction"): MarkingContext {
  const base = MARKING_CONTEXT[5]
  return root === "receipt"
    ? base
    : {
        ...base,
        field: (index, what) =>
          base.field(index, what).replace(/^receipt\./, `${root}.`),
      }
}

function toAtolItemV5(
  line: FiscalLine,
  index: number,
  root: "receipt" | "correction" = "receipt"
): AtolItemV5 {
  const item: AtolItemV5 = {
    ...commonItem(line),
    payment_object: PAYMENT_OBJECT_CODES[line.payment_object],
    measure: line.measure,
  }
  checkLineMarking(line, index, v5MarkingContext(root))
  if (line.mark_code) {
    // The whole code including the invisible GS separators, base64-encoded
    // (docs/vendors/atol.md, "Marked goods").
    const bytes = Buffer.from(line.mark_code, "utf8")
    if (bytes.length > ATOL_V5_MAX_GS1M) {
      throw invalid(
        `Marking code of line ${index + 1} is longer than ${ATOL_V5_MAX_GS1M} bytes`,
        [`${root}.items[${index}].mark_code.gs1m`]
      )
    }
    item.mark_code = { gs1m: bytes.toString("base64") }
    item.mark_processing_mode = "0"
  }
  if (line.mark_quantity) {
    // Quantity stays 1: the unit is the package, the fraction says the part sold.
    item.mark_quantity = {
      numerator: line.mark_quantity.numerator,
      denominator: line.mark_quantity.denominator,
    }
  }
  if (line.industry_requisites?.length) {
    item.sectoral_item_props = line.industry_requisites.map((requisite) => ({
      federal_id: requisite.federal_id,
      date: requisite.date,
      number: requisite.number,
      value: requisite.value,
    }))
  }
  return item
}

function toAtolPayments(document: FiscalDocument): AtolPayment[] {
  return document.payments.map((payment) => ({
    type: PAYMENT_TYPE[payment.type],
    sum: kopecksToRubles(payment.sum),
  }))
}

function toAtolCompany(company: FiscalCompany): AtolCompany {
  const result: AtolCompany = {
    email: company.email,
    sno: company.sno,
    inn: company.inn,
    payment_address: company.payment_address,
  }
  if (company.location) {
    result.location = company.location
  }
  return result
}

function toAtolClient(document: FiscalDocument): {
  email?: string
  phone?: string
} {
  const client: { email?: string; phone?: string } = {}
  if (document.customer.email) {
    client.email = document.customer.email
  }
  if (document.customer.phone) {
    client.phone = document.customer.phone
  }
  return client
}

function checkLineCount(document: FiscalDocument, field: string): void {
  if (document.lines.length === 0 || document.lines.length > ATOL_MAX_ITEMS) {
    throw invalid(
      `ATOL accepts 1..${ATOL_MAX_ITEMS} positions per receipt, got ${document.lines.length}`,
      [field]
    )
  }
}

/** v4 `base_number` of a correction without an order of the tax office. */
export const V4_SELF_BASE_NUMBER = "б/н"

/** YYYY-MM-DD (checked by {@link requireCorrectionInfo}) as ATOL's `dd.mm.yyyy`. */
function toDottedDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-")
  return `${day}.${month}.${year}`
}

/**
 * v4 `base_name` (tag 1177, the description of the correction): ATOL's v4 schema has it, the
 * neutral document does not, so it is written from the other tags.
 */
function correctionDescription(info: CorrectionInfo): string {
  const date = toDottedDate(info.base_date)
  return info.type === "instruction"
    ? `Предписание ФНС № ${info.base_number} от ${date}`
    : `Самостоятельная коррекция расчёта от ${date}`
}

function toAtolCorrectionInfo(
  info: CorrectionInfo,
  apiVersion: AtolApiVersion
): AtolCorrectionInfo {
  const result: AtolCorrectionInfo = {
    type: info.type,
    base_date: toDottedDate(info.base_date),
  }
  if (info.base_number) {
    result.base_number = info.base_number
  } else if (apiVersion === 4) {
    // v4's schema requires a number even for a correction on the shop's own initiative,
    // which has no order: "б/н" ("без номера") stands in (docs/vendors/atol.md, "Corrections").
    result.base_number = V4_SELF_BASE_NUMBER
  }
  if (apiVersion === 4) {
    result.base_name = correctionDescription(info)
  }
  return result
}

/**
 * The body of `POST {group}/{sell_correction|sell_refund_correction}`: in v5 a receipt plus
 * `correction_info`; in v4 (`sell_correction` only) payments and VAT totals without positions
 * (docs/vendors/atol.md, "Corrections"). Throws a {@link ValidationError} for a correction the
 * version cannot register (`CORRECTIONS_NOT_SUPPORTED`) or whose data is broken.
 */
export function toAtolCorrection(
  input: AtolMappingInput
): AtolCorrectionRequest {
  const { document, apiVersion } = input
  refuseUnsupportedCorrection(
    document,
    ATOL_CORRECTIONS[apiVersion],
    CORRECTION_CONTEXT[apiVersion]
  )
  if (!isCorrectionType(document.type)) {
    throw invalid(`A ${document.type} document is not a correction`, [
      "correction",
    ])
  }
  const info = requireCorrectionInfo(document, {
    provider: "atol",
    operation: "register",
    field: "correction.correction_info",
  })
  let correction: AtolCorrectionV4 | AtolCorrectionV5
  if (apiVersion === 4) {
    checkLineCount(document, "correction.vats")
    const vats = toAtolVats(document.lines)
    if (!vats) {
      throw invalid(
        `An ATOL v4 correction lists 1..${ATOL_MAX_VATS} VAT rates, the document has more`,
        ["correction.vats"]
      )
    }
    const { email: _email, ...company } = toAtolCompany(input.company)
    correction = {
      company,
      correction_info: toAtolCorrectionInfo(info, 4),
      payments: toAtolPayments(document),
      vats,
    }
  } else {
    checkLineCount(document, "correction.items")
    refuseUnsupportedMarking(
      document,
      ATOL_MARKING[5],
      v5MarkingContext("correction")
    )
    const v5: AtolCorrectionV5 = {
      company: toAtolCompany(input.company),
      correction_info: toAtolCorrectionInfo(info, 5),
      items: document.lines.map((line, index) =>
        toAtolItemV5(line, index, "correction")
      ),
      payments: toAtolPayments(document),
      total: kopecksToRubles(document.total),
    }
    const client = toAtolClient(document)
    if (client.email || client.phone) {
      v5.client = client
    }
    const vats = toAtolVats(document.lines)
    if (vats) {
      v5.vats = vats
    }
    correction = v5
  }
  const request: AtolCorrectionRequest = {
    external_id: input.externalId,
    timestamp: formatAtolTimestamp(input.now),
    correction,
  }
  if (input.callbackUrl) {
    request.service = { callback_url: input.callbackUrl }
  }
  return request
}

/**
 * The body of `POST {group}/{operation}` for the document's operation: a receipt for a sale
 * or a refund, a correction for the correction types.
 */
export function toAtolRequest(
  input: AtolMappingInput
): AtolRegistrationRequest | AtolCorrectionRequest {
  return isCorrectionType(input.document.type)
    ? toAtolCorrection(input)
    : toAtolRegistration(input)
}

/**
 * The body of `POST {group}/{sell|sell_refund}` for v4 or v5. Throws a
 * {@link ValidationError} for a document ATOL could not take in any form; a correction goes
 * through {@link toAtolCorrection}.
 */
export function toAtolRegistration(
  input: AtolMappingInput
): AtolRegistrationRequest {
  const { document, apiVersion } = input
  if (isCorrectionType(document.type)) {
    throw invalid(
      `A ${document.type} document is sent under the correction root, not as a receipt`,
      ["receipt"]
    )
  }
  refuseUnsupportedCorrection(
    document,
    ATOL_CORRECTIONS[apiVersion],
    CORRECTION_CONTEXT[apiVersion]
  )
  checkLineCount(document, "receipt.items")
  // v4 has no field for a fraction or a requisite: refuse rather than drop them.
  refuseUnsupportedMarking(
    document,
    ATOL_MARKING[apiVersion],
    MARKING_CONTEXT[apiVersion]
  )
  const client = toAtolClient(document)
  const items =
    apiVersion === 4
      ? document.lines.map(toAtolItemV4)
      : document.lines.map((line, index) => toAtolItemV5(line, index))
  const receipt: AtolRegistrationRequest["receipt"] = {
    client,
    company: toAtolCompany(input.company),
    items,
    payments: toAtolPayments(document),
    total: kopecksToRubles(document.total),
  }
  const vats = toAtolVats(document.lines)
  if (vats) {
    receipt.vats = vats
  }
  if (document.additional_check_props) {
    receipt.additional_check_props = document.additional_check_props
  }
  if (apiVersion === 5 && input.internet) {
    receipt.internet = true
  }
  const request: AtolRegistrationRequest = {
    external_id: input.externalId,
    timestamp: formatAtolTimestamp(input.now),
    receipt,
  }
  if (input.callbackUrl) {
    request.service = { callback_url: input.callbackUrl }
  }
  return request
}

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") {
    return undefined
  }
  return String(value)
}

/** Fiscal data of a `done` report; numbers become strings so 10-digit ФП never loses digits. */
export function fromAtolPayload(payload: AtolReportPayload): FiscalData {
  const data: FiscalData = {
    fiscal_document_number: String(payload.fiscal_document_number),
    fiscal_document_attribute: String(payload.fiscal_document_attribute),
  }
  const optional: Partial<FiscalData> = {
    fiscal_receipt_number: optionalString(payload.fiscal_receipt_number),
    shift_number: optionalString(payload.shift_number),
    fn_number: optionalString(payload.fn_number),
    ecr_registration_number: optionalString(payload.ecr_registration_number),
    registered_at: parseAtolTimestamp(payload.receipt_datetime),
    ofd_receipt_url: optionalString(payload.ofd_receipt_url),
    total:
      typeof payload.total === "number"
        ? rublesToKopecks(payload.total)
        : undefined,
  }
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) {
      ;(data as Record<string, unknown>)[key] = value
    }
  }
  return data
}
