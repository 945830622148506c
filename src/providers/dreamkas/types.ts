/**
 * Wire types of the Кабинет Дримкас API as sent and received
 * (docs/vendors/dreamkas.md, "Registration request", "Operations and status"). Money is in
 * integer kopecks on the wire too, so no unit conversion happens at this boundary.
 */

/** `type` of `POST /api/receipts`; the provider sends SALE and REFUND only. */
export type DreamkasReceiptType = "SALE" | "REFUND"

/** `taxMode`: the taxation system (tag 1055) in Dreamkas' names. */
export type DreamkasTaxMode =
  "DEFAULT" | "SIMPLE" | "SIMPLE_WO" | "ENVD" | "AGRICULT" | "PATENT"

/** `payments[].type`. */
export type DreamkasPaymentType =
  "CASH" | "CASHLESS" | "PREPAID" | "CREDIT" | "CONSIDERATION"

/** `positions[].type`: how the kassa counts the position. */
export type DreamkasPositionType = "COUNTABLE" | "SCALABLE" | "SERVICE"

/**
 * An arbitrary ФФД tag, e.g. `{tag: 1212, value: 1}`
 * (docs/vendors/dreamkas.md, "Registration request").
 */
export type DreamkasTag = { tag: number; value: number | string }

/** One position of `POST /api/receipts`. */
export type DreamkasPosition = {
  name: string
  type: DreamkasPositionType
  /** Units for countable positions; thousandths of the unit for SCALABLE ones. */
  quantity: number
  /** Kopecks per unit (per kilogram, litre, … for SCALABLE). */
  price: number
  /** Kopecks for the position. */
  priceSum: number
  tax: string
  /** VAT inside `priceSum`, kopecks. */
  taxSum: number
  tags?: DreamkasTag[]
}

/** `payments[]` entry, kopecks. */
export type DreamkasPayment = { sum: number; type: DreamkasPaymentType }

/** Body of `POST /api/receipts`. */
export type DreamkasReceiptRequest = {
  externalId: string
  deviceId: number
  type: DreamkasReceiptType
  /** Minutes to wait for fiscalization. */
  timeout: number
  taxMode: DreamkasTaxMode
  positions: DreamkasPosition[]
  payments: DreamkasPayment[]
  attributes: { email?: string; phone?: string }
  total: { priceSum: number }
  tags?: DreamkasTag[]
}

/** Status of an operation (docs/vendors/dreamkas.md, "Operations and status"). */
export type DreamkasOperationStatus =
  "PENDING" | "IN_PROGRESS" | "SUCCESS" | "ERROR"

/** The operation object: the answer of `POST /api/receipts` and `GET /api/operations/{id}`. */
export type DreamkasOperation = {
  id: string
  externalId?: string | null
  type?: string
  status: DreamkasOperationStatus | string
  createdAt?: string
  completedAt?: string | null
  data?: {
    receiptId?: string | number | null
    uuid?: string | null
    error?: { code?: string | number | null; message?: string | null } | null
  } | null
}

/** The API's own error answer: `{status, code, message}`, validation details in `data.errors`. */
export type DreamkasApiError = {
  status?: number
  code?: string
  message?: string
  data?: { errors?: { field?: string; message?: string }[] } | null
}

/**
 * The fiscal receipt read model, `GET /api/receipts/{id}`
 * (docs/vendors/dreamkas.md, "Fiscal receipt read model").
 */
export type DreamkasFiscalReceipt = {
  id: string | number
  type?: string
  amount?: number
  deviceId?: number
  operationId?: string
  shiftId?: number | string
  number?: number | string
  localDate?: string
  date?: string
  checkURL?: string
  fiscalDocumentNumber?: number | string
  fiscalDocumentSign?: number | string
  fnNumber?: string
  registryNumber?: string
}

/** One kassa of `GET /api/devices`. */
export type DreamkasDevice = {
  id: number
  name?: string
  groupId?: number
  sort?: number
  timezoneOffset?: number
}

/** Subscription body of `POST /api/webhooks`; the list answers `{id, url, types}`. */
export type DreamkasWebhook = {
  id?: string
  url: string
  isActive?: boolean
  types: Partial<
    Record<
      | "products"
      | "devices"
      | "encashments"
      | "receipts"
      | "shifts"
      | "operations"
      | "deviceRegistrations",
      boolean
    >
  >
}
