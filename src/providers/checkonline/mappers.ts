import {
  PAYMENT_OBJECT_CODES,
  type FiscalDocument,
  type FiscalLine,
  type VatCode,
} from "../../lib/receipt/types"
import { ValidationError } from "../../modules/fiscal/errors"
import type {
  FiscalCompany,
  FiscalData,
  MarkingCapabilities,
} from "../../modules/fiscal/types/provider"
import {
  checkLineMarking,
  refuseUnsupportedMarking,
  type MarkingContext,
} from "../_shared/marking"
import {
  NO_CORRECTIONS,
  refuseUnsupportedCorrection,
  type CorrectionContext,
} from "../_shared/corrections"
import type { CorrectionCapabilities } from "../../modules/fiscal/types/provider"
import { toCgnFloat } from "./marking"
import type { ComplexLine, ComplexRequest, ComplexResponse } from "./types"
import {
  DEFAULT_TAX_IDS,
  DOCUMENT_TYPE,
  PAY_ATTRIBUTE,
  TAX_MODE,
  lineTotalKopecks,
  registeredAt,
  toThousandths,
} from "./wire-format"

/** Longest position name (tag 1030), in characters. */
export const CHECKONLINE_MAX_NAME_LENGTH = 128

/** Most positions per receipt: not published [?]; the cap the other services use. */
export const CHECKONLINE_MAX_LINES = 100

/**
 * What of marked goods Complex carries: the code as tag 1162 in `CGNFloat` [C: MKKM]; no
 * published field for the sold part of a package (1293/1294) or industry requisites (1260)
 * (docs/vendors/checkonline.md, "Marked goods").
 */
export const CHECKONLINE_MARKING: MarkingCapabilities = {
  codes: true,
  fractional: false,
  industryRequisites: false,
}

const MARKING_CONTEXT: MarkingContext = {
  provider: "checkonline",
  operation: "register",
  vendor: "Checkonline (Complex protocol)",
  field: (index, what) =>
    what === "code" ? `Lines[${index}].CGNFloat` : `Lines[${index}]`,
}

/**
 * Correction receipts: Complex has no published `DocumentType` for a correction nor any
 * field for tags 1173/1178/1179, so none is sent (docs/vendors/checkonline.md, "Corrections").
 */
export const CHECKONLINE_CORRECTIONS: CorrectionCapabilities = {
  ...NO_CORRECTIONS,
}

const CORRECTION_CONTEXT: CorrectionContext = {
  provider: "checkonline",
  operation: "register",
  vendor: "Checkonline (Complex protocol)",
  field: "DocumentType",
}

/** Longest tag 1192 value. */
const MAX_ADDITIONAL_PROPS = 16

/** Longest place of settlement (tag 1187). */
const MAX_PLACE = 256

/** The cash register's operator password; mygento always sends 1 [V: MKKM Request.php]. */
const OPERATOR_PASSWORD = 1

/** What the mapper needs besides the document. */
export type CheckonlineMappingInput = {
  externalId: string
  document: FiscalDocument
  company: FiscalCompany
  device: string
  group?: string
  clientId?: string
  /** Per-shop `TaxId` overrides. */
  taxIds?: Partial<Record<VatCode, number>>
}

function invalid(message: string, fields: string[]): ValidationError {
  return new ValidationError({
    provider: "checkonline",
    operation: "register",
    message,
    fields,
  })
}

/** Cuts to {@link CHECKONLINE_MAX_NAME_LENGTH} characters (code points, never half an emoji). */
function truncateName(name: string): string {
  const characters = Array.from(name)
  return characters.length <= CHECKONLINE_MAX_NAME_LENGTH
    ? name
    : characters.slice(0, CHECKONLINE_MAX_NAME_LENGTH).join("")
}

function toLine(
  line: FiscalLine,
  index: number,
  taxIds: Record<VatCode, number>
): ComplexLine {
  const at = (field: string) => `Lines[${index}].${field}`
  const qty = toThousandths(line.quantity)
  if (qty === undefined) {
    throw invalid(
      `Quantity ${line.quantity} of line ${index + 1} must be positive with at most 3 decimals`,
      [at("Qty")]
    )
  }
  if (!Number.isSafeInteger(line.price) || line.price < 0) {
    throw invalid(`Price of line ${index + 1} must be whole kopecks`, [
      at("Price"),
    ])
  }
  // Complex has no line sum: the cash register computes Price × Qty, so it must equal ours.
  if (lineTotalKopecks(line.price, qty) !== line.sum) {
    throw invalid(
      `Line ${index + 1}: ${line.price} kopecks × ${line.quantity} is not its sum ${line.sum}; Checkonline cannot carry a line sum`,
      [at("Price"), at("Qty")]
    )
  }
  const result: ComplexLine = {
    Description: truncateName(line.name),
    Qty: qty,
    Price: line.price,
    TaxId: taxIds[line.vat],
    PayAttribute: PAY_ATTRIBUTE[line.payment_method],
    LineAttribute: PAYMENT_OBJECT_CODES[line.payment_object],
  }
  if (line.measure !== 0) {
    result.Measure = line.measure
  }
  checkLineMarking(line, index, MARKING_CONTEXT)
  if (line.mark_code) {
    const cgn = toCgnFloat(line.mark_code)
    if (!cgn) {
      throw invalid(
        `Marking code of line ${index + 1} is not a GS1 DataMatrix with GTIN (01) and serial (21)`,
        [at("CGNFloat")]
      )
    }
    result.CGNFloat = cgn
  }
  return result
}

/**
 * The body of `POST /fr/api/v2/Complex`. Throws a {@link ValidationError} for a document
 * Checkonline could not take in any form
 * (docs/vendors/checkonline.md, "Registration request";
 * docs/fiscal-rules.md, "Sums to the kopeck").
 */
export function toComplexRequest(
  input: CheckonlineMappingInput
): ComplexRequest {
  const { document, company } = input
  refuseUnsupportedCorrection(
    document,
    CHECKONLINE_CORRECTIONS,
    CORRECTION_CONTEXT
  )
  const type = document.type
  if (type !== "sell" && type !== "sell_refund") {
    throw invalid(`Checkonline cannot send a ${type} document`, [
      "DocumentType",
    ])
  }
  if (
    document.lines.length === 0 ||
    document.lines.length > CHECKONLINE_MAX_LINES
  ) {
    throw invalid(
      `Checkonline takes 1..${CHECKONLINE_MAX_LINES} positions, got ${document.lines.length}`,
      ["Lines"]
    )
  }
  refuseUnsupportedMarking(document, CHECKONLINE_MARKING, MARKING_CONTEXT)
  const taxIds = { ...DEFAULT_TAX_IDS, ...input.taxIds }
  const lines = document.lines.map((line, index) => toLine(line, index, taxIds))
  const linesTotal = document.lines.reduce((sum, line) => sum + line.sum, 0)
  const paid = (type: string) =>
    document.payments
      .filter((p) => p.type === type)
      .reduce((sum, p) => sum + p.sum, 0)
  const cashless = paid("cashless")
  const cash = paid("cash")
  const prepayment = paid("prepayment")
  if (
    linesTotal !== document.total ||
    cashless + cash + prepayment !== document.total
  ) {
    throw invalid(
      `Sums do not add up: lines ${linesTotal}, total ${document.total}, payments ${cashless + cash + prepayment} kopecks`,
      ["NonCash", "Lines"]
    )
  }
  const request: ComplexRequest = {
    Device: input.device,
    Password: OPERATOR_PASSWORD,
    RequestId: input.externalId,
    DocumentType: DOCUMENT_TYPE[type],
    Lines: lines,
    NonCash: [cashless],
    TaxMode: TAX_MODE[company.sno],
    FullResponse: false,
  }
  if (input.clientId) request.ClientId = input.clientId
  if (input.group) request.Group = input.group
  if (cash > 0) request.Cash = cash
  if (prepayment > 0) request.AdvancePayment = prepayment
  // One contact string (tag 1008): the email, else the phone [V: MKKM sends phone ?: email].
  const contact = document.customer.email ?? document.customer.phone
  if (contact) request.PhoneOrEmail = contact
  if (company.payment_address)
    request.Place = Array.from(company.payment_address)
      .slice(0, MAX_PLACE)
      .join("")
  if (document.additional_check_props) {
    if (document.additional_check_props.length > MAX_ADDITIONAL_PROPS) {
      throw invalid(
        `Tag 1192 holds at most ${MAX_ADDITIONAL_PROPS} characters`,
        ["AdditionalAttribute"]
      )
    }
    request.AdditionalAttribute = document.additional_check_props
  }
  return request
}

function text(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value)
  if (typeof value === "string" && value.trim() !== "") return value.trim()
  return undefined
}

/** The document's id at Checkonline: fiscal storage serial and ФД number, which identify it. */
export function vendorDocumentIdOf(
  response: ComplexResponse
): string | undefined {
  const fn = text(response.FNSerialNumber)
  const fd = text(response.FiscalDocNumber)
  return fn && fd ? `${fn}-${fd}` : undefined
}

/**
 * Fiscal data of a registered receipt; undefined when the answer lacks the ФД or ФП. Numbers
 * become strings so a 10-digit ФП never loses digits.
 */
export function fromComplexResponse(
  response: ComplexResponse
): FiscalData | undefined {
  const fd = text(response.FiscalDocNumber)
  const fp = text(response.FiscalSign)
  if (!fd || !fp) {
    return undefined
  }
  const data: FiscalData = {
    fiscal_document_number: fd,
    fiscal_document_attribute: fp,
  }
  const optional: Partial<FiscalData> = {
    fiscal_receipt_number: text(response.DocNumber),
    shift_number: text(response.TurnNumber),
    fn_number: text(response.FNSerialNumber),
    ecr_registration_number: text(response.DeviceRegistrationNumber),
    registered_at: registeredAt(response.Date, response.QR),
    total:
      typeof response.GrandTotal === "number" &&
      Number.isSafeInteger(response.GrandTotal)
        ? response.GrandTotal
        : undefined,
  }
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) {
      ;(data as Record<string, unknown>)[key] = value
    }
  }
  return data
}
