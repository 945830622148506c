/**
 * Wire types of ATOL Online v4 (ФФД 1.05) and v5 (ФФД 1.2), as sent and received.
 * Money is in rubles with at most 2 decimals here and nowhere else
 * (docs/vendors/atol.md, "Registration request").
 */

/**
 * ATOL API version: v4 serves ФФД 1.05 kassas, v5 serves ФФД 1.2 kassas
 * (docs/vendors/atol.md, "Hosts and versions").
 */
export type AtolApiVersion = 4 | 5

/**
 * Registration operations this provider sends (docs/vendors/atol.md, "Registration request"
 * and "Corrections"); v4 has no `sell_refund_correction`.
 */
export type AtolOperation =
  "sell" | "sell_refund" | "sell_correction" | "sell_refund_correction"

/** `POST getToken` body (docs/vendors/atol.md, "Authentication"). */
export type AtolTokenRequest = {
  login: string
  pass: string
  source?: string
}

/**
 * ATOL's error object. KKT failures in reports carry no `error_id`
 * (docs/vendors/atol.md, "Status and report answers").
 */
export type AtolError = {
  error_id?: string
  code: number
  text: string
  type: "system" | "unknown" | "driver" | "timeout" | "agent" | "none" | string
}

/** `POST getToken` answer. */
export type AtolTokenResponse = {
  token?: string | null
  error?: AtolError | null
  timestamp?: string
}

/**
 * `payments[]` entry: 0 cash, 1 cashless, 2 prepayment offset
 * (docs/vendors/atol.md, "Enumerations and mapping").
 */
export type AtolPayment = { type: number; sum: number }

/** `vats[]` entry and `items[].vat`. */
export type AtolVat = { type: string; sum?: number }

/** Fields shared by v4 and v5 positions. */
type AtolItemBase = {
  name: string
  price: number
  quantity: number
  sum: number
  payment_method: string
  vat: AtolVat
}

/** v4 position: string payment object, free-text unit, GS1 code in `nomenclature_code`. */
export type AtolItemV4 = AtolItemBase & {
  payment_object: string
  measurement_unit?: string
  nomenclature_code?: string
}

/**
 * v5 position: integer payment object and measure, marking in `mark_code`
 * (docs/vendors/atol.md, "Version 5 differences").
 */
export type AtolItemV5 = AtolItemBase & {
  payment_object: number
  measure: number
  mark_code?: { gs1m: string }
  /** How the code is processed: always "0" (docs/vendors/atol.md, "Marked goods"). */
  mark_processing_mode?: string
  /** Tags 1293/1294: the part of the marked package sold, numerator < denominator. */
  mark_quantity?: { numerator: number; denominator: number }
  /** Tag 1260: industry requisites of the position. */
  sectoral_item_props?: AtolSectoralItemProp[]
}

/** One industry requisite (tag 1260: 1262 federal body, 1263 date, 1264 number, 1265 value). */
export type AtolSectoralItemProp = {
  federal_id: string
  /** DD.MM.YYYY. */
  date: string
  number: string
  value: string
}

export type AtolClient = { email?: string; phone?: string }

export type AtolCompany = {
  email: string
  sno: string
  inn: string
  payment_address: string
  location?: string
}

/** The `receipt` object of a sale or refund. */
export type AtolReceipt<TItem> = {
  client: AtolClient
  company: AtolCompany
  items: TItem[]
  payments: AtolPayment[]
  vats?: AtolVat[]
  total: number
  additional_check_props?: string
  /** v5 only: settlement over the internet (tag 1125). */
  internet?: boolean
}

/** Body of `POST {group}/{operation}`. */
export type AtolRegistrationRequest<TItem = AtolItemV4 | AtolItemV5> = {
  external_id: string
  timestamp: string
  service?: { callback_url: string }
  receipt: AtolReceipt<TItem>
}

/**
 * `correction_info` of a correction (tags 1173/1178/1179; v4 also 1177): `base_date` is
 * `dd.mm.yyyy` (docs/vendors/atol.md, "Corrections").
 */
export type AtolCorrectionInfo = {
  type: "self" | "instruction"
  base_date: string
  base_number?: string
  /** v4 only: description of the correction (tag 1177). */
  base_name?: string
}

/** v4 `correction`: payments and receipt-level VAT totals, no positions. */
export type AtolCorrectionV4 = {
  company: Omit<AtolCompany, "email">
  correction_info: AtolCorrectionInfo
  payments: AtolPayment[]
  vats: AtolVat[]
}

/** v5 `correction`: a receipt plus `correction_info`. */
export type AtolCorrectionV5 = {
  client?: AtolClient
  company: AtolCompany
  correction_info: AtolCorrectionInfo
  items: AtolItemV5[]
  payments: AtolPayment[]
  vats?: AtolVat[]
  total: number
}

/** Body of `POST {group}/{sell_correction|sell_refund_correction}`. */
export type AtolCorrectionRequest = {
  external_id: string
  timestamp: string
  service?: { callback_url: string }
  correction: AtolCorrectionV4 | AtolCorrectionV5
}

/**
 * Answer of `POST {group}/{operation}`; `uuid` also comes with error 33
 * (docs/vendors/atol.md, "Idempotency").
 */
export type AtolRegistrationResponse = {
  uuid?: string | null
  status?: "wait" | "fail" | string | null
  error?: AtolError | null
  timestamp?: string
}

/** Fiscal data of a `done` document (docs/vendors/atol.md, "Status and report answers"). */
export type AtolReportPayload = {
  total: number
  fns_site?: string
  fn_number?: string
  shift_number?: number
  receipt_datetime?: string
  fiscal_receipt_number?: number
  fiscal_document_number: number
  ecr_registration_number?: string
  fiscal_document_attribute: number
  ofd_inn?: string
  ofd_receipt_url?: string
}

/** `GET {group}/report/{uuid}` answer, and the body ATOL posts to `callback_url`. */
export type AtolReport = {
  uuid?: string
  status?: "wait" | "done" | "fail" | string | null
  error?: AtolError | null
  payload?: AtolReportPayload | null
  timestamp?: string
  group_code?: string
  daemon_code?: string
  device_code?: string
  external_id?: string
  callback_url?: string
  warnings?: Record<string, unknown> | null
}
