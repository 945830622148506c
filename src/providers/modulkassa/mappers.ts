import { FFD105_PAYMENT_OBJECT_NAMES } from "../../lib/receipt/ffd105"
import { truncateUtf16 } from "../_shared/names"
import type {
  FiscalDocument,
  FiscalLine,
  FiscalPaymentType,
  VatCode,
} from "../../lib/receipt/types"
import { ConfigError, ValidationError } from "../../modules/fiscal/errors"
import type {
  FiscalCompany,
  FiscalData,
  MarkingCapabilities,
  TaxationSystem,
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
  type SettlementDocumentType,
} from "../_shared/corrections"
import type { CorrectionCapabilities } from "../../modules/fiscal/types/provider"
import { toNomenclatureCode } from "./marking"
import type {
  ModulDocType,
  ModulDocument,
  ModulFiscalInfo,
  ModulInventPosition,
  ModulMoneyPosition,
  ModulPaymentType,
  ModulTaxMode,
} from "./types"
import {
  formatModulDateTime,
  kopecksToRubles,
  parseModulDateTime,
  rublesToKopecks,
  toModulQuantity,
} from "./wire-format"

/**
 * Longest position name sent (tag 1030 allows 128). МодульКасса's kassa is an Android app,
 * whose strings count UTF-16 units, so an emoji takes two of the 128.
 */
export const MODULKASSA_MAX_NAME_LENGTH = 128

/** Most positions per document. The doc gives no limit; this is the common cloud-KKT one [I]. */
export const MODULKASSA_MAX_POSITIONS = 100

/**
 * What of marked goods the API carries: the code as ФФД 1.05 tag 1162 (`nomenclatureCode`);
 * it has no field for the sold part of a package (1293/1294) or industry requisites (1260)
 * (docs/vendors/modulkassa.md, "Marked goods").
 */
export const MODULKASSA_MARKING: MarkingCapabilities = {
  codes: true,
  fractional: false,
  industryRequisites: false,
}

const MARKING_CONTEXT: MarkingContext = {
  provider: "modulkassa",
  operation: "send",
  vendor: "МодульКасса (API фискализации документов v2.0, ФФД 1.05)",
  field: (index, what) =>
    what === "code"
      ? `inventPositions[${index}].nomenclatureCode`
      : `inventPositions[${index}]`,
}

/**
 * Correction receipts: the API's `docType` has no correction value and the document has no
 * field for tags 1173/1178/1179; only the status answer names `SALE_CORRECTION` and
 * `RETURN_CORRECTION` (`fiscalInfo.checkType`), for corrections made at the kassa itself.
 * None is sent (docs/vendors/modulkassa.md, "Corrections").
 */
export const MODULKASSA_CORRECTIONS: CorrectionCapabilities = {
  ...NO_CORRECTIONS,
}

const CORRECTION_CONTEXT: CorrectionContext = {
  provider: "modulkassa",
  operation: "send",
  vendor: "МодульКасса (API фискализации документов v2.0)",
  field: "docType",
}

const DOC_TYPE: Record<SettlementDocumentType, ModulDocType> = {
  sell: "SALE",
  sell_refund: "RETURN",
}

/**
 * Taxation systems in МодульКасса's names
 * (docs/vendors/modulkassa.md, "Enumerations and mapping").
 */
const TAX_MODE: Record<TaxationSystem, ModulTaxMode> = {
  osn: "COMMON",
  usn_income: "SIMPLIFIED",
  usn_income_outcome: "SIMPLIFIED_WITH_EXPENSE",
  envd: "ENVD",
  esn: "COMMON_AGRICULTURAL",
  patent: "PATENT",
}

const PAYMENT_TYPE: Record<FiscalPaymentType, ModulPaymentType> = {
  cashless: "CARD",
  cash: "CASH",
  prepayment: "PREPAID",
}

/**
 * `paymentObject` strings of the doc are the ФФД 1.05 names; the ФФД 1.2-only objects
 * (award, deposit, expense) cannot be sent.
 */
const PAYMENT_OBJECT = FFD105_PAYMENT_OBJECT_NAMES

const PHONE = /^\+7\d{10}$/

/** What the mapper needs besides the document. */
export type ModulMappingInput = {
  /** The document `id` at МодульКасса. */
  documentId: string
  /** Our external id, sent as `docNum` so the document is findable in the МодульКасса cabinet. */
  externalId: string
  document: FiscalDocument
  company: FiscalCompany
  /** `vatTag` per VAT code. */
  vatTags: Partial<Record<VatCode, number>>
  printReceipt: boolean
  responseUrl?: string
  cashier?: { name?: string; inn?: string; position?: string }
  now: Date
}

function invalid(message: string, fields: string[]): ValidationError {
  return new ValidationError({
    provider: "modulkassa",
    operation: "send",
    message,
    fields,
  })
}

/** Cuts to {@link MODULKASSA_MAX_NAME_LENGTH} UTF-16 units without splitting a surrogate pair. */
function truncateName(name: string): string {
  return truncateUtf16(name, MODULKASSA_MAX_NAME_LENGTH)
}

/**
 * The buyer's contact: `email` holds an email or a `+7XXXXXXXXXX` phone
 * (docs/vendors/modulkassa.md, "Registration request").
 */
function buyerContact(document: FiscalDocument): string {
  const email = document.customer.email?.trim()
  if (email) {
    return email
  }
  const phone = document.customer.phone?.trim()
  if (phone && PHONE.test(phone)) {
    return phone
  }
  throw invalid(
    phone
      ? `МодульКасса takes a buyer phone only as +7 and 10 digits, got "${phone}"`
      : "МодульКасса needs the buyer's email or phone for the electronic receipt",
    ["email"]
  )
}

function vatTagOf(
  line: FiscalLine,
  index: number,
  vatTags: Partial<Record<VatCode, number>>
): number {
  const tag = vatTags[line.vat]
  if (tag === undefined) {
    // A settings gap, not bad data: the row waits until the shop maps the rate.
    throw new ConfigError({
      provider: "modulkassa",
      operation: "send",
      code: "VAT_TAG_UNKNOWN",
      message:
        `МодульКасса has no published vatTag for VAT "${line.vat}" (position ${index + 1}). ` +
        `Ask МодульКасса support for the code and set it in the connection's vat_tags, e.g. {"${line.vat}": <code>}.`,
    })
  }
  return tag
}

function toPosition(
  line: FiscalLine,
  index: number,
  vatTags: Partial<Record<VatCode, number>>
): ModulInventPosition {
  const field = (name: string) => `inventPositions[${index}].${name}`
  const paymentObject = PAYMENT_OBJECT[line.payment_object]
  if (paymentObject === null) {
    throw invalid(
      `МодульКасса (ФФД 1.05) has no payment object "${line.payment_object}" (position ${index + 1})`,
      [field("paymentObject")]
    )
  }
  if (!(line.quantity > 0)) {
    throw invalid(`Quantity of position ${index + 1} must be above 0`, [
      field("quantity"),
    ])
  }
  const position: ModulInventPosition = {
    name: truncateName(line.name),
    price: kopecksToRubles(line.price),
    quantity: toModulQuantity(line.quantity),
    vatTag: vatTagOf(line, index, vatTags),
    paymentObject,
    paymentMethod: line.payment_method,
  }
  checkLineMarking(line, index, MARKING_CONTEXT)
  if (line.mark_code) {
    const nomenclatureCode = toNomenclatureCode(line.mark_code)
    if (!nomenclatureCode) {
      throw invalid(
        `The marking code of position ${index + 1} is not a GS1 DataMatrix code (01 GTIN 21 serial) ` +
          "that fits ФФД 1.05 tag 1162",
        [field("nomenclatureCode")]
      )
    }
    position.nomenclatureCode = nomenclatureCode
  }
  return position
}

function toMoneyPositions(document: FiscalDocument): ModulMoneyPosition[] {
  return document.payments.map((payment) => ({
    paymentType: PAYMENT_TYPE[payment.type],
    sum: kopecksToRubles(payment.sum),
  }))
}

/**
 * Appends `external_id=<id>` to the callback URL. The doc does not say what МодульКасса's
 * notice carries (docs/vendors/modulkassa.md, "Callbacks"), so the shop's own URL names the
 * document, as the CMS modules do.
 */
export function responseUrlFor(base: string, externalId: string): string {
  const url = new URL(base)
  url.searchParams.set("external_id", externalId)
  return url.toString()
}

/**
 * The body of `POST /v2/doc`. Throws a {@link ValidationError} for a document МодульКасса
 * cannot take in any form and a {@link ConfigError} for a VAT rate without a `vatTag`.
 */
export function toModulDocument(input: ModulMappingInput): ModulDocument {
  const { document } = input
  refuseUnsupportedCorrection(
    document,
    MODULKASSA_CORRECTIONS,
    CORRECTION_CONTEXT
  )
  const type = document.type
  if (type !== "sell" && type !== "sell_refund") {
    throw invalid(`МодульКасса cannot send a ${type} document`, ["docType"])
  }
  if (
    document.lines.length === 0 ||
    document.lines.length > MODULKASSA_MAX_POSITIONS
  ) {
    throw invalid(
      `МодульКасса takes 1..${MODULKASSA_MAX_POSITIONS} positions per document, got ${document.lines.length}`,
      ["inventPositions"]
    )
  }
  if (document.payments.length === 0) {
    throw invalid("The document has no payments", ["moneyPositions"])
  }
  refuseUnsupportedMarking(document, MODULKASSA_MARKING, MARKING_CONTEXT)
  const body: ModulDocument = {
    id: input.documentId,
    docNum: input.externalId,
    docType: DOC_TYPE[type],
    // The settlement date keeps a resent document identical to the first one.
    checkoutDateTime: formatModulDateTime(
      document.settled_at && !Number.isNaN(Date.parse(document.settled_at))
        ? new Date(document.settled_at)
        : input.now
    ),
    email: buyerContact(document),
    taxMode: TAX_MODE[input.company.sno],
    printReceipt: input.printReceipt,
    inventPositions: document.lines.map((line, index) =>
      toPosition(line, index, input.vatTags)
    ),
    moneyPositions: toMoneyPositions(document),
  }
  if (input.responseUrl) {
    body.responseURL = responseUrlFor(input.responseUrl, input.externalId)
  }
  if (input.cashier?.name) {
    body.cashierName = input.cashier.name
  }
  if (input.cashier?.inn) {
    body.cashierInn = input.cashier.inn
  }
  if (input.cashier?.position) {
    body.cashierPosition = input.cashier.position
  }
  return body
}

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") {
    return undefined
  }
  return String(value)
}

/**
 * Fiscal data of a fiscalized document, or undefined when `FiscalInfo` lacks the ФД or ФПД.
 * Numbers become strings so a 10-digit ФПД never loses digits.
 */
export function fromModulFiscalInfo(
  info: ModulFiscalInfo | null | undefined
): FiscalData | undefined {
  if (!info || typeof info !== "object") {
    return undefined
  }
  const documentNumber = optionalString(info.fnDocNumber)
  const attribute = optionalString(info.fnDocMark)
  if (!documentNumber || !attribute) {
    return undefined
  }
  const data: FiscalData = {
    fiscal_document_number: documentNumber,
    fiscal_document_attribute: attribute,
  }
  const optional: Partial<FiscalData> = {
    fiscal_receipt_number: optionalString(info.checkNumber),
    shift_number: optionalString(info.shiftNumber),
    fn_number: optionalString(info.fnNumber),
    // The doc labels both kktNumber and ecrRegistrationNumber "заводской номер"; the latter
    // is the registration number (tag 1037) by its name, the former the serial.
    ecr_registration_number: optionalString(info.ecrRegistrationNumber),
    registered_at: parseModulDateTime(info.date),
    total: rublesToKopecks(info.sum),
  }
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) {
      ;(data as Record<string, unknown>)[key] = value
    }
  }
  return data
}
