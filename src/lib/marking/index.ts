/**
 * Marking codes (Честный знак) entered by the shop's staff: reading a scanned or typed
 * code, checking a list of codes for one order line. Pure code: no database.
 */
export { GS, normalizeSeparators } from "./separators"
export {
  barcodeGtin,
  gtinCheckDigit,
  hasValidCheckDigit,
  variantGtins,
  type VariantBarcodes,
} from "./gtin"
export {
  MAX_CODE_LENGTH,
  codeLabel,
  parseMarkCode,
  type MarkCodeElement,
  type MarkCodeParse,
  type ParsedMarkCode,
} from "./parse"
export { MARK_CODE_REASONS, type MarkCodeReason } from "./reasons"
export {
  validateCodeBatch,
  type CodeBatchResult,
  type CodeIssue,
  type MarkedItemTarget,
  type TakenCode,
} from "./batch"
