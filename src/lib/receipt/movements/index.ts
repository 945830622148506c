export { buildCaptureDocument } from "./capture-document"
export type { BuildCaptureOptions } from "./capture-document"
export { buildRefundReceipt } from "./refund-document"
export type { BuildRefundReceiptOptions } from "./refund-document"
export { replayLedger } from "./ledger"
export type { LedgerLine, OrderLedger } from "./ledger"
export { exchangeCreditForCapture } from "./capture-document"
export {
  buildExchangeReturnDocument,
  buildExchangeSaleDocument,
} from "./exchange"
export type { ExchangeDocumentOptions } from "./exchange"
export { buildHandoverDocument, findFulfillment } from "./handover-document"
export { handoverMomentOf, isHandedOver } from "./handover-moment"
export type { BuildHandoverOptions } from "./handover-document"
export { isCollectedOnHandover } from "./capture-document"
export { buildCorrectionDocument, buildReversalCorrection } from "./correction"
export type { BuildCorrectionOptions, CorrectionBasis } from "./correction"
export { isIncoming } from "./ledger"
