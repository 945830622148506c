/**
 * Wire types of МодульКасса's "API фискализации документов" v2.0, as sent and received
 * (docs/vendors/modulkassa.md, "Registration request", "Document status"). Money is in
 * rubles with at most 2 decimals here and nowhere else.
 */

/**
 * `Document.docType`: the operation. Sent as `docType`, although the doc's model says
 * `documentType` (docs/vendors/modulkassa.md, "Registration request").
 */
export type ModulDocType = "SALE" | "RETURN" | "BUY" | "BUY_RETURN"

/** `Document.taxMode` (tag 1055). */
export type ModulTaxMode =
  | "COMMON"
  | "SIMPLIFIED"
  | "SIMPLIFIED_WITH_EXPENSE"
  | "ENVD"
  | "COMMON_AGRICULTURAL"
  | "PATENT"

/** `MoneyPosition.paymentType`. */
export type ModulPaymentType = "CARD" | "CASH" | "PREPAID" | "POSTPAY" | "OTHER"

/** One position of a document. */
export type ModulInventPosition = {
  name: string
  /** Rubles per unit, ≥ 0. */
  price: number
  /** > 0, at most 3 decimals. */
  quantity: number
  vatTag: number
  paymentObject: string
  paymentMethod: string
  /** Tag 1162 of ФФД 1.05: hex bytes separated by spaces, at most 32 bytes. */
  nomenclatureCode?: string
}

/** One payment of a document. */
export type ModulMoneyPosition = { paymentType: ModulPaymentType; sum: number }

/** Body of `POST /v2/doc` (and `/v1/doc`). */
export type ModulDocument = {
  id: string
  docNum: string
  docType: ModulDocType
  checkoutDateTime: string
  /** Email or phone `+7XXXXXXXXXX` of the buyer, despite the name. */
  email: string
  taxMode: ModulTaxMode
  printReceipt: boolean
  responseURL?: string
  cashierName?: string
  cashierInn?: string
  cashierPosition?: string
  inventPositions: ModulInventPosition[]
  moneyPositions: ModulMoneyPosition[]
}

/** `RetailPointAssociation`, the answer of `POST /v1/associate/{retailPointId}`. */
export type ModulRetailPointAssociation = {
  userName?: string
  password?: string
  name?: string
  address?: string
}

/** State of the kassa's fiscal storage link (`FNStatus.status`, `DocumentStatus.fnState`). */
export type ModulFnState = "ASSOCIATED" | "READY" | "DISABLED" | "FAILED"

/** `FNStatus`, the answer of `GET /v1/status`. */
export type ModulFnStatus = { status?: string; dateTime?: string }

/** `DocumentStatus.status`. */
export type ModulDocumentState =
  | "QUEUED"
  | "PENDING"
  | "PRINTED"
  | "WAIT_FOR_CALLBACK"
  | "COMPLETED"
  | "FAILED"
  | "REQUEUED"

/** `FiscalInfo` of a fiscalized document. */
export type ModulFiscalInfo = {
  shiftNumber?: number
  checkNumber?: number
  kktNumber?: string
  fnNumber?: string
  fnDocNumber?: number
  /** ФПД, int64 (10 digits in practice). */
  fnDocMark?: number | string
  date?: string
  /** Typed as a number; the doc's own example sends the string `"57.00"`. */
  sum?: number | string
  checkType?: string
  qr?: string
  ecrRegistrationNumber?: string
}

/** `FailureInfo.type`. */
export type ModulFailureType =
  "FN_MEMORY_OVERFLOW" | "FN_EXPIRED" | "FN_GENERIC_FAILURE" | "NON_FN_FAILURE"

/** `FailureInfo` of a failed document. */
export type ModulFailureInfo = { type?: string; message?: string }

/** `DocumentStatus`: the answer of send, status and re-queue. */
export type ModulDocumentStatus = {
  status?: string
  fnState?: string | null
  fiscalInfo?: ModulFiscalInfo | null
  failureInfo?: ModulFailureInfo | null
  message?: string | null
  timeStatusChanged?: string | null
}
