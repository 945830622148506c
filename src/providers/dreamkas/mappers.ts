import { truncateUtf16 } from "../_shared/names"
import {
  PAYMENT_OBJECT_CODES,
  type FiscalDocument,
  type FiscalLine,
  type FiscalPaymentType,
  type PaymentObject,
} from "../../lib/receipt/types"
import { ValidationError } from "../../modules/fiscal/errors"
import {
  NO_CORRECTIONS,
  refuseUnsupportedCorrection,
  type CorrectionContext,
} from "../_shared/corrections"
import type {
  FiscalCompany,
  FiscalData,
  CorrectionCapabilities,
  MarkingCapabilities,
} from "../../modules/fiscal/types/provider"
import {
  checkLineMarking,
  refuseUnsupportedMarking,
  type MarkingContext,
} from "../_shared/marking"
import {
  DREAMKAS_TAX_MODES,
  PAYMENT_METHOD_CODES,
  dreamkasTaxName,
  vatInsideKopecks,
  type Vat22Names,
} from "./taxes"
import type {
  DreamkasFiscalReceipt,
  DreamkasPayment,
  DreamkasPaymentType,
  DreamkasPosition,
  DreamkasPositionType,
  DreamkasReceiptRequest,
  DreamkasTag,
} from "./types"

/**
 * Longest position name sent (tag 1030 allows 128 characters). Cut in UTF-16 units, so the
 * name fits whether Dreamkas counts characters or UTF-16 units.
 */
export const DREAMKAS_MAX_NAME_LENGTH = 128

/** Most positions one receipt carries; Dreamkas publishes no limit, 100 is the common one. */
export const DREAMKAS_MAX_POSITIONS = 100

/**
 * SCALABLE positions carry the quantity in thousandths of the unit (grams for kilograms), the
 * way the read model reports every quantity [C]
 * (docs/vendors/dreamkas.md, "Registration request"); the price stays per whole unit, so
 * `priceSum = round(price × quantity / 1000)` is the ФФД 1.2 rule price × quantity = sum.
 */
export const SCALABLE_QUANTITY_SCALE = 1000

/** ФФД tags sent in `tags[]`: payment method, payment object, measure, marking, tag 1192. */
export const TAGS = {
  PAYMENT_METHOD: 1214,
  PAYMENT_OBJECT: 1212,
  MEASURE: 2108,
  MARK_CODE: 2000,
  ADDITIONAL_CHECK_PROPS: 1192,
} as const

/**
 * What of marked goods the plugin sends to Dreamkas: the code in tag 2000 of `tags[]`. The
 * sold part of a package (1291 with 1293/1294) and industry requisites (1260) are composite
 * tags, which the documented `{tag, value}` entries (a number or a string) cannot carry
 * (docs/vendors/dreamkas.md, "Marked goods").
 */
export const DREAMKAS_MARKING: MarkingCapabilities = {
  codes: true,
  fractional: false,
  industryRequisites: false,
}

const MARKING_CONTEXT: MarkingContext = {
  provider: "dreamkas",
  operation: "register",
  vendor: "Dreamkas (Кабинет API)",
  field: (index) => `positions[${index}].tags`,
}

/**
 * Correction receipts: one client library names the operation types `CORRECTION_INFLOW` and
 * `CORRECTION_OUTFLOW` [C], but no source shows where the correction data (tags 1173/1178/1179)
 * goes, and a correction without it is not one. None is sent until Dreamkas confirms the
 * fields (docs/vendors/dreamkas.md, "Corrections").
 */
export const DREAMKAS_CORRECTIONS: CorrectionCapabilities = {
  ...NO_CORRECTIONS,
}

const CORRECTION_CONTEXT: CorrectionContext = {
  provider: "dreamkas",
  operation: "register",
  vendor: "Dreamkas (Кабинет API)",
  field: "type",
}

const PAYMENT_TYPE: Record<FiscalPaymentType, DreamkasPaymentType> = {
  cash: "CASH",
  cashless: "CASHLESS",
  prepayment: "PREPAID",
}

/** Payment objects a kassa prints as a service rather than goods. */
const SERVICE_OBJECTS = new Set<PaymentObject>(["service", "job"])

/** What the mapper needs besides the document. */
export type DreamkasMappingInput = {
  externalId: string
  deviceId: number
  document: FiscalDocument
  company: FiscalCompany
  /** `timeout` of the receipt, minutes. */
  timeoutMin: number
  vat22Names: Vat22Names
}

function invalid(message: string, fields: string[]): ValidationError {
  return new ValidationError({
    provider: "dreamkas",
    operation: "register",
    message: `Dreamkas register failed: ${message}`,
    fields,
  })
}

/** Cuts to {@link DREAMKAS_MAX_NAME_LENGTH} UTF-16 units without leaving half of a surrogate pair. */
export function truncateName(name: string): string {
  return truncateUtf16(name, DREAMKAS_MAX_NAME_LENGTH)
}

function positionType(line: FiscalLine): DreamkasPositionType {
  if (!Number.isInteger(line.quantity)) {
    return "SCALABLE"
  }
  return SERVICE_OBJECTS.has(line.payment_object) ? "SERVICE" : "COUNTABLE"
}

function toPosition(
  line: FiscalLine,
  index: number,
  vat22Names: Vat22Names
): DreamkasPosition {
  const type = positionType(line)
  const quantity =
    type === "SCALABLE"
      ? Math.round(line.quantity * SCALABLE_QUANTITY_SCALE)
      : line.quantity
  if (!Number.isSafeInteger(quantity) || quantity <= 0) {
    throw invalid(
      `quantity ${line.quantity} of position ${index + 1} is not positive`,
      [`positions[${index}].quantity`]
    )
  }
  checkLineMarking(line, index, MARKING_CONTEXT)
  const tags: DreamkasTag[] = [
    {
      tag: TAGS.PAYMENT_METHOD,
      value: PAYMENT_METHOD_CODES[line.payment_method],
    },
    {
      tag: TAGS.PAYMENT_OBJECT,
      value: PAYMENT_OBJECT_CODES[line.payment_object],
    },
    { tag: TAGS.MEASURE, value: line.measure },
  ]
  if (line.mark_code) {
    // No marking field is documented; the code travels as a ФФД tag like the others
    // (docs/vendors/dreamkas.md, "Marked goods").
    tags.push({ tag: TAGS.MARK_CODE, value: line.mark_code })
  }
  return {
    name: truncateName(line.name),
    type,
    quantity,
    price: line.price,
    priceSum: line.sum,
    tax: dreamkasTaxName(line.vat, vat22Names),
    taxSum: vatInsideKopecks(line.sum, line.vat),
    tags,
  }
}

function toPayments(document: FiscalDocument): DreamkasPayment[] {
  return document.payments.map((payment) => ({
    sum: payment.sum,
    type: PAYMENT_TYPE[payment.type],
  }))
}

/**
 * The body of `POST /api/receipts` (docs/vendors/dreamkas.md, "Registration request"). Money
 * is already integer kopecks, as Dreamkas wants it. Throws a {@link ValidationError} for a
 * document Dreamkas could not take.
 */
export function toDreamkasReceipt(
  input: DreamkasMappingInput
): DreamkasReceiptRequest {
  const { document } = input
  refuseUnsupportedCorrection(
    document,
    DREAMKAS_CORRECTIONS,
    CORRECTION_CONTEXT
  )
  if (document.type !== "sell" && document.type !== "sell_refund") {
    throw invalid(`Dreamkas cannot send a ${document.type} document`, ["type"])
  }
  if (
    document.lines.length === 0 ||
    document.lines.length > DREAMKAS_MAX_POSITIONS
  ) {
    throw invalid(
      `a receipt takes 1..${DREAMKAS_MAX_POSITIONS} positions, got ${document.lines.length}`,
      ["positions"]
    )
  }
  refuseUnsupportedMarking(document, DREAMKAS_MARKING, MARKING_CONTEXT)
  const attributes: DreamkasReceiptRequest["attributes"] = {}
  if (document.customer.email) {
    attributes.email = document.customer.email
  }
  if (document.customer.phone) {
    attributes.phone = document.customer.phone
  }
  if (!attributes.email && !attributes.phone) {
    throw invalid("the buyer's email or phone is required", ["attributes"])
  }
  const body: DreamkasReceiptRequest = {
    externalId: input.externalId,
    deviceId: input.deviceId,
    type: document.type === "sell_refund" ? "REFUND" : "SALE",
    timeout: input.timeoutMin,
    taxMode: DREAMKAS_TAX_MODES[input.company.sno],
    positions: document.lines.map((line, index) =>
      toPosition(line, index, input.vat22Names)
    ),
    payments: toPayments(document),
    attributes,
    total: { priceSum: document.total },
  }
  if (document.additional_check_props) {
    // Resell: the ФП of the receipt this one re-issues, tag 1192
    // (docs/fiscal-rules.md, "Re-issuing a receipt").
    body.tags = [
      {
        tag: TAGS.ADDITIONAL_CHECK_PROPS,
        value: document.additional_check_props,
      },
    ]
  }
  return body
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") {
    return undefined
  }
  return String(value)
}

function isoDate(value: unknown): string | undefined {
  if (typeof value !== "string") {
    return undefined
  }
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

/**
 * Fiscal data of a registered receipt (`GET /api/receipts/{id}`); undefined while the read
 * model lacks ФД or ФП. Numbers become strings so a 10-digit ФП never loses digits.
 */
export function fromDreamkasReceipt(
  receipt: DreamkasFiscalReceipt
): FiscalData | undefined {
  const documentNumber = text(receipt.fiscalDocumentNumber)
  const attribute = text(receipt.fiscalDocumentSign)
  if (!documentNumber || !attribute) {
    return undefined
  }
  const data: FiscalData = {
    fiscal_document_number: documentNumber,
    fiscal_document_attribute: attribute,
  }
  const url = text(receipt.checkURL)
  const optional: Partial<FiscalData> = {
    fiscal_receipt_number: text(receipt.number),
    shift_number: text(receipt.shiftId),
    fn_number: text(receipt.fnNumber),
    ecr_registration_number: text(receipt.registryNumber),
    registered_at: isoDate(receipt.date),
    // `checkURL` is sometimes just "www.nalog.ru"; only a full link identifies the receipt.
    ofd_receipt_url: url && /^https?:\/\//i.test(url) ? url : undefined,
    total: Number.isSafeInteger(receipt.amount) ? receipt.amount : undefined,
  }
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) {
      ;(data as Record<string, unknown>)[key] = value
    }
  }
  return data
}
