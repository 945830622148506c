/**
 * Why a marking code was refused. The first group is about the code itself
 * (`parseMarkCode`), the second about the code in its place (`validateCodeBatch`).
 */
export const MARK_CODE_REASONS = [
  /** Nothing was scanned. */
  "empty",
  /** Not a GS1 code: it does not start with (01) and a 14-digit GTIN. */
  "not_gs1",
  /** The GTIN's check digit is wrong: a misread or mistyped code. */
  "bad_gtin",
  /** The serial number (21) is shorter than 6 or longer than 20 characters. */
  "bad_serial",
  /** The code ends before its crypto tail: (93), or (91) with (92). */
  "too_short",
  /** The parts after the serial number are not the elements of a marking code. */
  "malformed",
  /** The scanner typed in the Russian keyboard layout: Cyrillic letters in the code. */
  "keyboard_layout",
  /** A form of code the plugin does not send: the 29-character tobacco pack code. */
  "unsupported_format",
  /**
   * The code's GTIN is not the item's: its variant has a GTIN (`ean`, `upc` or `barcode`)
   * and the code is of another product.
   */
  "wrong_product",
  /** The code is entered on an order of the shop already (a code is used once). */
  "duplicate_in_shop",
  /** The same code twice in one request. */
  "duplicate_in_request",
  /** More codes than units of the item left without a code. */
  "too_many",
  /** The item is not marked: it takes no codes. */
  "not_marked",
  /** The item is not on the order. */
  "unknown_item",
] as const

/** See {@link MARK_CODE_REASONS}. */
export type MarkCodeReason = (typeof MARK_CODE_REASONS)[number]
