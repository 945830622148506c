/**
 * Correction receipts (ФФД tags 1173/1178/1179) on the wire, for every provider: what a
 * connection can register is its {@link CorrectionCapabilities}; a correction it cannot
 * carry is refused before anything is sent, naming the service and the connection that can
 * register it, so a correction is never sent as a plain sale (docs/vendors/README.md,
 * "Corrections").
 */

import type {
  CorrectionInfo,
  FiscalDocument,
  FiscalDocumentType,
} from "../../lib/receipt/types"
import { ValidationError } from "../../modules/fiscal/errors"
import type { CorrectionCapabilities } from "../../modules/fiscal/types/provider"

/** Error code of a correction the connection cannot register. */
export const CORRECTIONS_NOT_SUPPORTED = "CORRECTIONS_NOT_SUPPORTED"

/** Error code of a correction whose data (tags 1173/1178/1179) no service would take. */
export const CORRECTION_INVALID = "CORRECTION_INVALID"

/** A connection that registers no correction at all. */
export const NO_CORRECTIONS: CorrectionCapabilities = {
  sell: false,
  sellRefund: false,
}

/** The correction operations of {@link FiscalDocumentType}. */
export type CorrectionDocumentType = Extract<
  FiscalDocumentType,
  "sell_correction" | "sell_refund_correction"
>

/** The plain operations of {@link FiscalDocumentType}: a sale and its refund. */
export type SettlementDocumentType = Exclude<
  FiscalDocumentType,
  CorrectionDocumentType
>

/** True for `sell_correction` and `sell_refund_correction`. */
export function isCorrectionType(
  type: FiscalDocumentType
): type is CorrectionDocumentType {
  return type === "sell_correction" || type === "sell_refund_correction"
}

/** Who is checking: the provider id, its operation, and the vendor as the admin knows it. */
export type CorrectionContext = {
  provider: string
  operation: string
  /** The vendor's name for messages, e.g. "Checkonline". */
  vendor: string
  /** The wire field that would carry the operation, for `ValidationError.fields`. */
  field: string
}

const RUSSIAN_NAME: Record<CorrectionDocumentType, string> = {
  sell_correction: "коррекция прихода",
  sell_refund_correction: "коррекция возврата прихода",
}

/** The connections that register each correction (docs/vendors/README.md, "Corrections"). */
const WHERE: Record<CorrectionDocumentType, string> = {
  sell_correction: "ATOL Online v4 (ФФД 1.05) or v5 (ФФД 1.2)",
  sell_refund_correction: "ATOL Online v5 (ФФД 1.2)",
}

/**
 * Throws a {@link ValidationError} ({@link CORRECTIONS_NOT_SUPPORTED}) when the document is
 * a correction the connection cannot register, and ({@link CORRECTION_INVALID}) when a sale or
 * a refund carries correction data; does nothing otherwise.
 */
export function refuseUnsupportedCorrection(
  document: FiscalDocument,
  capabilities: CorrectionCapabilities,
  context: CorrectionContext
): void {
  const type = document.type
  if (!isCorrectionType(type)) {
    if (document.correction) {
      // Correction data on a sale or refund: the document contradicts itself.
      throw new ValidationError({
        provider: context.provider,
        operation: context.operation,
        code: CORRECTION_INVALID,
        message: `A ${type} document carries correction data (tags 1173/1178/1179); only a correction does`,
        fields: [context.field],
      })
    }
    return
  }
  const supported =
    type === "sell_correction" ? capabilities.sell : capabilities.sellRefund
  if (supported) {
    return
  }
  throw new ValidationError({
    provider: context.provider,
    operation: context.operation,
    code: CORRECTIONS_NOT_SUPPORTED,
    message:
      `${context.vendor} cannot register a correction receipt (${type}, ` +
      `${RUSSIAN_NAME[type]}). Register it through ${WHERE[type]}.`,
    fields: [context.field],
  })
}

/** YYYY-MM-DD of a real calendar date. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Longest number of the tax office's order (tag 1179). */
export const MAX_CORRECTION_BASE_NUMBER = 32

/**
 * The correction data of a correction document, checked: present, `type` self|instruction,
 * `base_date` a real YYYY-MM-DD date, `base_number` present for `instruction`. Throws a
 * {@link ValidationError} ({@link CORRECTION_INVALID}) otherwise.
 */
export function requireCorrectionInfo(
  document: FiscalDocument,
  context: Omit<CorrectionContext, "vendor">
): CorrectionInfo {
  const fail = (message: string) =>
    new ValidationError({
      provider: context.provider,
      operation: context.operation,
      code: CORRECTION_INVALID,
      message,
      fields: [context.field],
    })
  const info = document.correction
  if (!info) {
    throw fail(
      `A ${document.type} document needs its correction data (tags 1173/1178/1179)`
    )
  }
  if (info.type !== "self" && info.type !== "instruction") {
    throw fail(
      `Correction type (tag 1173) must be "self" or "instruction", got "${String(info.type)}"`
    )
  }
  const match = ISO_DATE.exec(info.base_date ?? "")
  const [year, month, day] = match ? match.slice(1).map(Number) : [0, 0, 0]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (
    !match ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    throw fail(
      `Correction base date (tag 1178) must be a real YYYY-MM-DD date, got "${String(info.base_date)}"`
    )
  }
  const number = info.base_number?.trim()
  if (info.type === "instruction" && !number) {
    throw fail(
      "A correction by order of the tax office needs the order's number (tag 1179)"
    )
  }
  if (number && number.length > MAX_CORRECTION_BASE_NUMBER) {
    throw fail(
      `Correction base number (tag 1179) is longer than ${MAX_CORRECTION_BASE_NUMBER} characters`
    )
  }
  return number
    ? { type: info.type, base_date: info.base_date, base_number: number }
    : { type: info.type, base_date: info.base_date }
}
