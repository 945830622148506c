import { isDay, moscowDay } from "../../moscow-day"
import { orderDetails, orderLabel } from "../describe"
import { ReceiptError } from "../errors"
import type { ReceiptOrder } from "../order-input"
import type { ReceiptSettingsInput } from "../settings"
import type {
  CorrectionInfo,
  CorrectionRequest,
  FiscalDocument,
} from "../types"
import { buildCaptureDocument, isCollectedOnHandover } from "./capture-document"
import { isIncoming } from "./ledger"
import { buildRefundReceipt } from "./refund-document"

/**
 * Why the shop corrects (tag 1173), by order of the tax office its number (1179), and the
 * settlement date (1178) when it is not the movement's own.
 */
export type CorrectionBasis = CorrectionRequest

/** Options of {@link buildCorrectionDocument}. */
export type BuildCorrectionOptions = {
  /** The order's receipts registered before this one, oldest first (frozen documents). */
  prior: ReadonlyArray<FiscalDocument>
  correction: CorrectionBasis
}

/** The correction data of a document settled at `settledAt`, checked. */
function correctionInfo(
  order: ReceiptOrder,
  basis: CorrectionBasis,
  settledAt: string | undefined
): CorrectionInfo {
  const number = basis.base_number?.trim()
  if (basis.type === "instruction" && !number) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `A correction of ${orderLabel(order)} by order of the tax office needs the order's ` +
        `number (tag 1179). Enter the number of the tax office's order.`,
      orderDetails(order)
    )
  }
  const given = basis.base_date?.trim()
  if (given && !isDay(given)) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `The settlement date of a correction of ${orderLabel(order)} must be a date ` +
        `written YYYY-MM-DD; "${given}" is not.`,
      orderDetails(order)
    )
  }
  if (!given && !settledAt) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `The settlement a correction of ${orderLabel(order)} stands for has no date, and ` +
        `tag 1178 needs it.`,
      orderDetails(order)
    )
  }
  return {
    type: basis.type,
    base_date: given || moscowDay(settledAt as string),
    ...(basis.type === "instruction" ? { base_number: number } : {}),
  }
}

/**
 * A correction receipt for a money movement of the order that has no receipt
 * (docs/fiscal-rules.md, "Corrections"): a capture missed becomes `sell_correction`, a
 * refund missed `sell_refund_correction`, each with the lines, VAT and payments the
 * normal receipt would have had on the day of the movement (read against the order's
 * registered receipts as that receipt would be), and tags 1173/1178/1179. A capture whose
 * money a settlement receipt already registered needs none.
 */
export function buildCorrectionDocument(
  order: ReceiptOrder,
  movement: { kind: "capture" | "refund"; id: string },
  settingsInput: ReceiptSettingsInput,
  options: BuildCorrectionOptions
): FiscalDocument {
  const document =
    movement.kind === "capture"
      ? buildCaptureDocument(order, movement.id, settingsInput, {
          prior: options.prior,
        })
      : buildRefundReceipt(order, movement.id, settingsInput, {
          prior: options.prior,
        })
  if (isCollectedOnHandover(document)) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `Capture ${movement.id} of ${orderLabel(order)} is registered on the settlement ` +
        `receipt of its handover: there is nothing to correct.`,
      { ...orderDetails(order), capture_id: movement.id }
    )
  }
  return {
    ...document,
    type: isIncoming(document.type)
      ? "sell_correction"
      : "sell_refund_correction",
    correction: correctionInfo(order, options.correction, document.settled_at),
  }
}

/**
 * A correction that takes a registered sale receipt back whole: a `sell_refund_correction`
 * with its lines, payments and settlement date, for a duplicate or for a wrong receipt a
 * correct one then replaces (docs/fiscal-rules.md, "Corrections"). Replayed, it comes off
 * the order's ledger like a refund of those lines.
 */
export function buildReversalCorrection(
  order: ReceiptOrder,
  registered: FiscalDocument,
  correction: CorrectionBasis
): FiscalDocument {
  if (!isIncoming(registered.type)) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `Only a registered sale receipt of ${orderLabel(order)} can be taken back by a ` +
        `correction; this one is a ${registered.type}.`,
      orderDetails(order)
    )
  }
  return {
    type: "sell_refund_correction",
    lines: registered.lines.map((line) => ({
      ...line,
      source: { ...line.source },
    })),
    payments: registered.payments.map((payment) => ({ ...payment })),
    total: registered.total,
    customer: { ...registered.customer },
    settled_at: registered.settled_at,
    ...(registered.basis ? { basis: { ...registered.basis } } : {}),
    correction: correctionInfo(order, correction, registered.settled_at),
  }
}
