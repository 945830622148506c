/**
 * The receipt engine: a Medusa order (or one of its refunds) in, a vendor-neutral
 * `FiscalDocument` in integer kopecks out. Pure code: no database, no HTTP, no container.
 *
 * ```ts
 * import { buildSaleDocument, RECEIPT_ORDER_FIELDS } from "medusa-fiscal/receipt"
 *
 * const { data: [order] } = await query.graph({
 *   entity: "order",
 *   fields: [...RECEIPT_ORDER_FIELDS],
 *   filters: { id: orderId },
 * })
 * const document = buildSaleDocument(order, { goodsVat: "standard", shippingVat: "standard" }, {
 *   date: capture.created_at,
 * })
 * ```
 */
export { buildSaleDocument } from "./build-sale-document"
export type { BuildSaleOptions, SaleStage } from "./build-sale-document"
export { buildRefundDocument } from "./build-refund-document"
export type {
  BuildRefundOptions,
  PreviousRefund,
} from "./build-refund-document"
export {
  buildCaptureDocument,
  buildCorrectionDocument,
  buildExchangeReturnDocument,
  buildExchangeSaleDocument,
  buildHandoverDocument,
  buildRefundReceipt,
  buildReversalCorrection,
  exchangeCreditForCapture,
  findFulfillment,
  handoverMomentOf,
  isCollectedOnHandover,
  isHandedOver,
  replayLedger,
} from "./movements"
export type {
  BuildCaptureOptions,
  BuildCorrectionOptions,
  BuildHandoverOptions,
  CorrectionBasis,
  BuildRefundReceiptOptions,
  ExchangeDocumentOptions,
  LedgerLine,
  OrderLedger,
} from "./movements"
export { ReceiptError, RECEIPT_ERROR_CODES, isReceiptError } from "./errors"
export type { ReceiptErrorCode, ReceiptErrorDetails } from "./errors"
export { RECEIPT_ORDER_FIELDS } from "./order-fields"
export type { ReceiptOrderField } from "./order-fields"
export type {
  MedusaAmount,
  Metadata,
  ReceiptAddress,
  ReceiptCapture,
  ReceiptOrder,
  ReceiptOrderItem,
  ReceiptPayment,
  ReceiptPaymentCollection,
  ReceiptRefund,
  ReceiptReturn,
  ReceiptReturnItem,
  ReceiptShippingMethod,
} from "./order-input"
export { DEFAULT_RECEIPT_SETTINGS, resolveReceiptSettings } from "./settings"
export type {
  PaymentMethodMode,
  ReceiptSettings,
  ReceiptSettingsInput,
  ZeroTotalLines,
} from "./settings"
export { FISCAL_METADATA_KEYS } from "./metadata-keys"
export type { FiscalMetadataKey } from "./metadata-keys"
export { STANDARD_RATE_SWITCH_AT, standardRateOn } from "./vat"
export type { VatSetting } from "./vat"
export { MEASURE_CODES } from "./classification"
export { normalizePhone } from "./contact"
export { toKopecks } from "./money"
export * from "./types"
