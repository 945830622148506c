import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  RECEIPT_ORDER_FIELDS,
  ReceiptError,
  buildCaptureDocument,
  buildCorrectionDocument,
  buildReversalCorrection,
  buildExchangeReturnDocument,
  buildExchangeSaleDocument,
  buildHandoverDocument,
  buildRefundReceipt,
  exchangeCreditForCapture,
  buildSaleDocument,
  type FiscalDocument,
  type ReceiptOrder,
  type ReceiptSettingsInput,
} from "../lib/receipt"
import { findPaymentEntry } from "../lib/receipt/input-shape"
import { REVERSAL } from "../lib/reconciliation/classify"
import type FiscalModuleService from "../modules/fiscal/service"
import type { ProviderCapabilities } from "../modules/fiscal/types/provider"
import type { FiscalReceiptDTO } from "../modules/fiscal/types/receipt"
import {
  EXCHANGE_RETURN,
  EXCHANGE_SALE,
  comesBefore,
  isResell,
} from "./order-sequence"

/**
 * Loads an order in the shape the receipt engine reads, with the marking codes the staff
 * entered for its items (`fiscal_mark_codes`, from the fiscal module: never from the
 * order's own data, which a storefront can write).
 */
export async function loadReceiptOrder(
  container: MedusaContainer,
  orderId: string
): Promise<ReceiptOrder> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const fiscal = container.resolve<FiscalModuleService>("fiscal")
  const [{ data }, markCodes] = await Promise.all([
    query.graph({
      entity: "order",
      fields: [...RECEIPT_ORDER_FIELDS],
      filters: { id: orderId },
    }),
    fiscal.markCodesByItem(orderId),
  ])
  if (!data.length) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `Order ${orderId} no longer exists, so its receipt cannot be built.`,
      { order_id: orderId }
    )
  }
  return {
    ...(data[0] as unknown as ReceiptOrder),
    fiscal_mark_codes: markCodes,
  }
}

/** A copy of a registered receipt for a resell step, pointing at the original (tag 1192). */
function resellCopy(
  parent: FiscalReceiptDTO,
  type: FiscalDocument["type"]
): FiscalDocument {
  if (!parent.document || !parent.fiscal_document_attribute) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `Receipt ${parent.id} has no registered document to re-issue.`,
      { order_id: parent.order_id }
    )
  }
  const original = parent.document as unknown as FiscalDocument
  return {
    ...original,
    type,
    settled_at: new Date().toISOString(),
    // ФНС letter ЕД-4-20/15240 of 06.08.2018: both re-issue receipts carry the ФП of the
    // receipt they correct in tag 1192
    additional_check_props: parent.fiscal_document_attribute,
  }
}

/**
 * The receipt a receipt stands for, built from the order as it is now and the documents its
 * earlier receipts registered. Called once per receipt: the result is frozen in the row
 * before the first send. A surcharge capture of an exchange answers `exchangeReturnFirst`:
 * the returned goods' credit must be registered before it (docs/fiscal-rules.md,
 * "Exchanges").
 */
export async function buildDocumentFor(
  container: MedusaContainer,
  receipt: FiscalReceiptDTO,
  receiptSettings: Record<string, unknown>,
  capabilities: ProviderCapabilities,
  sellTrigger: "payment_captured" | "order_placed"
): Promise<FiscalDocument | { exchangeReturnFirst: true }> {
  const fiscal = container.resolve<FiscalModuleService>("fiscal")
  const settings = {
    ...receiptSettings,
    maxLines: capabilities.maxLines,
    maxNameLength: capabilities.maxNameLength,
  } as ReceiptSettingsInput

  if (receipt.reason === "resell_refund" || receipt.reason === "resell_sell") {
    const parent = await fiscal.getReceipt(receipt.parent_id as string)
    return resellCopy(
      parent,
      receipt.type === "sell_refund" ? "sell_refund" : "sell"
    )
  }

  const order = await loadReceiptOrder(container, receipt.order_id)
  const prior = await priorDocuments(fiscal, receipt)
  if (
    receipt.type === "sell_correction" ||
    receipt.type === "sell_refund_correction"
  ) {
    return correctionDocument(fiscal, order, receipt, settings, prior)
  }
  if (receipt.source_key.startsWith(EXCHANGE_RETURN)) {
    const captureId = receipt.capture_id as string
    return buildExchangeReturnDocument(order, settings, {
      prior,
      movementId: captureId,
      date: movementDate(order, "captures", captureId) ?? receipt.created_at,
    })
  }
  if (receipt.source_key.startsWith(EXCHANGE_SALE)) {
    const refundId = receipt.refund_id as string
    return buildExchangeSaleDocument(order, settings, {
      prior,
      movementId: refundId,
      date: movementDate(order, "refunds", refundId) ?? receipt.created_at,
    })
  }
  if (receipt.type === "sell" && receipt.fulfillment_id) {
    return buildHandoverDocument(order, receipt.fulfillment_id, settings, {
      prior,
    })
  }
  if (receipt.type === "sell" && receipt.capture_id) {
    const options = { prior }
    if (
      exchangeCreditForCapture(order, receipt.capture_id, settings, options)
    ) {
      return { exchangeReturnFirst: true }
    }
    return buildCaptureDocument(order, receipt.capture_id, settings, options)
  }
  if (receipt.type === "sell") {
    return wholeOrderDocument(order, receipt, settings, sellTrigger)
  }
  if (!receipt.refund_id) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `Refund receipt ${receipt.id} names no refund, so it cannot be built.`,
      { order_id: receipt.order_id }
    )
  }
  return buildRefundReceipt(order, receipt.refund_id, settings, { prior })
}

/**
 * A correction receipt (docs/fiscal-rules.md, "Corrections"): the take-back of a
 * registered sale receipt (`reversal:<receipt id>`), or the receipt its capture or refund
 * would have had, read against the receipts registered before it.
 */
async function correctionDocument(
  fiscal: FiscalModuleService,
  order: ReceiptOrder,
  receipt: FiscalReceiptDTO,
  settings: ReceiptSettingsInput,
  prior: FiscalDocument[]
): Promise<FiscalDocument> {
  // rows made a correction before the basis was stored are corrections of the shop's own
  const basis = receipt.correction ?? { type: "self" as const }
  if (receipt.source_key.startsWith(REVERSAL)) {
    const parent = await fiscal.getReceipt(receipt.parent_id as string)
    if (parent.status !== "done" || !parent.document) {
      throw new ReceiptError(
        "INVALID_INPUT",
        `Receipt ${parent.id} is not registered, so there is nothing to take back.`,
        { order_id: receipt.order_id }
      )
    }
    return buildReversalCorrection(
      order,
      parent.document as unknown as FiscalDocument,
      basis
    )
  }
  const movement = receipt.capture_id
    ? { kind: "capture" as const, id: receipt.capture_id }
    : receipt.refund_id
      ? { kind: "refund" as const, id: receipt.refund_id }
      : null
  if (!movement) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `Correction ${receipt.id} names neither a capture nor a refund, so it cannot be built.`,
      { order_id: receipt.order_id }
    )
  }
  return buildCorrectionDocument(order, movement, settings, {
    prior,
    correction: basis,
  })
}

/**
 * The documents the order's earlier receipts registered, oldest first: what a new receipt
 * of the order is read against. Resell steps are left out (a re-issue and its refund
 * cancel out, and the original stays registered).
 */
async function priorDocuments(
  fiscal: FiscalModuleService,
  receipt: FiscalReceiptDTO
): Promise<FiscalDocument[]> {
  const rows = (await fiscal.listFiscalReceipts(
    { order_id: receipt.order_id },
    { order: { created_at: "ASC" }, take: null }
  )) as unknown as FiscalReceiptDTO[]
  const byId = new Map(rows.map((row) => [row.id, row]))
  return rows
    .filter(
      (row) =>
        row.id !== receipt.id &&
        row.status === "done" &&
        row.document &&
        !isResell(row) &&
        comesBefore(row, receipt, byId)
    )
    .sort((a, b) => (comesBefore(a, b, byId) ? -1 : 1))
    .map((row) => row.document as unknown as FiscalDocument)
}

/** When the order's capture or refund with this id happened. */
function movementDate(
  order: ReceiptOrder,
  list: "captures" | "refunds",
  id: string
): Date | null {
  const at = findPaymentEntry(order, list, id)?.created_at
  return at ? new Date(at) : null
}

/**
 * The order-level sale receipt (`sell:<order>`), for the order total or the sum of its
 * captures: what a shop fiscalizing at placement gets, and what orders recorded before
 * receipts followed each capture keep.
 */
function wholeOrderDocument(
  order: ReceiptOrder,
  receipt: FiscalReceiptDTO,
  settings: ReceiptSettingsInput,
  sellTrigger: "payment_captured" | "order_placed"
): FiscalDocument {
  const captures = (order.payment_collections ?? [])
    .flatMap((pc) => pc?.payments ?? [])
    .flatMap((p) => p?.captures ?? [])
  const latest = captures
    .map((c) => (c?.created_at ? new Date(c.created_at) : null))
    .filter((d): d is Date => !!d)
    .sort((a, b) => b.getTime() - a.getTime())[0]
  // a shop that fiscalizes at placement is paid at placement: without a capture on
  // record yet, the order total is what was paid
  const paidAmount =
    !captures.length && sellTrigger === "order_placed"
      ? (order.total ?? undefined)
      : undefined
  const document = buildSaleDocument(order, settings, {
    date: latest ?? receipt.created_at,
    paidAmount,
  })
  return {
    ...document,
    basis: { kind: "order", id: order.id, amount: document.total },
  }
}
