/**
 * Wire types of Checkonline's "Complex" protocol, as sent and received
 * (docs/vendors/checkonline.md, "Registration request", "Answers"). Money is in kopecks and
 * quantities in thousandths here, as everywhere inside the plugin.
 */

/** One position of `Lines`. */
export type ComplexLine = {
  /** Position name (tag 1030). */
  Description: string
  /** Quantity in thousandths: 1 piece = 1000, 0.7 kg = 700. */
  Qty: number
  /** Unit price in kopecks. */
  Price: number
  /** Number of the cash register's tax rate, not tag 1199 (see wire-format). */
  TaxId: number
  /** Tag 1214 payment method. */
  PayAttribute: number
  /** Tag 1212 payment object. */
  LineAttribute: number
  /** Tag 2108 measure code, sent for non-piece units only [?: field name not published]. */
  Measure?: number
  /** Marking code (tag 1162): base64 of 0x444D + GTIN + serial [C: MKKM]. */
  CGNFloat?: string
}

/** Body of `POST /fr/api/v2/Complex`. */
export type ComplexRequest = {
  /** `auto` or a cash register's name. */
  Device: string
  /** Operator password of the cash register; mygento sends 1. */
  Password: number
  /** Our external id: the cache key that makes a repeat return the first answer. */
  RequestId: string
  ClientId?: string
  Group?: string
  /** 0 приход (sell), 2 возврат прихода (sell refund). */
  DocumentType: number
  Lines: ComplexLine[]
  /** Cashless payments, kopecks (an array). */
  NonCash: number[]
  /** Cash, kopecks; only when paid in cash. */
  Cash?: number
  /** Prepayment offset, kopecks. */
  AdvancePayment?: number
  /** Taxation system as a bit: 1 ОСН, 2 УСН доход, 4 УСН д−р, 8 ЕНВД, 16 ЕСХН, 32 Патент. */
  TaxMode: number
  /** Buyer's email or phone (tag 1008). */
  PhoneOrEmail?: string
  /** Place of settlement (tag 1187): the shop's site. */
  Place?: string
  /** Tag 1192 [?: field name not published]. */
  AdditionalAttribute?: string
  FullResponse: boolean
}

/** `Date` of an answer; `Year` has two digits [?]. */
export type ComplexDate = {
  Date?: { Day?: number; Month?: number; Year?: number }
  Time?: { Hour?: number; Minute?: number; Second?: number }
}

/** A 200 answer: a registered receipt (`Response.Error` 0) or a device error. */
export type ComplexResponse = {
  RequestId?: string
  ClientId?: string
  Device?: unknown
  DeviceRegistrationNumber?: string | number
  DeviceSerialNumber?: string | number
  FNSerialNumber?: string | number
  DocumentType?: number
  DocNumber?: number
  FiscalDocNumber?: number
  FiscalSign?: number | string
  GrandTotal?: number
  TurnNumber?: number
  Date?: ComplexDate
  QR?: string
  Path?: string
  Response?: { Error?: number; ErrorMessages?: string[] }
  Responses?: unknown[]
  Text?: string
}

/** An HTTP 500 answer of the cloud. */
export type CloudErrorBody = {
  FCEError: number
  ErrorDescription?: string
  Fatal?: boolean
  LogRequestId?: string
  Timestamp?: string
  Device?: unknown
}
