import { MEASURE_CODES, parsePaymentObject } from "./classification"
import { ReceiptError } from "./errors"
import { cleanName } from "./names"
import {
  HANDOVER_MOMENTS,
  type FiscalPaymentType,
  type HandoverMoment,
  type PaymentObject,
} from "./types"
import { parseVatSetting, type VatSetting } from "./vat"

/**
 * How the shop fiscalizes a sale (tag 1214):
 * - `full_payment`: one receipt at payment, goods count as handed over (полный расчёт);
 * - `prepayment`: the receipt at payment is a 100 % prepayment (`full_prepayment`, calculated
 *   VAT rates) and the shop issues a second receipt when the goods are handed over
 *   (build it with `stage: "settlement"`).
 */
export type PaymentMethodMode = "full_payment" | "prepayment"

/**
 * What to do with a line whose amount is zero (free shipping, a 100 % discounted item):
 * - `omit`: leave it out. A receipt records settlements; nothing was paid for the line.
 *   Lines with marking codes are kept anyway, because a marked unit leaves circulation
 *   (Честный знак) only through a receipt.
 * - `keep`: print it with price 0.
 */
export type ZeroTotalLines = "omit" | "keep"

/** Everything the engine needs to know about the shop. */
export type ReceiptSettings = {
  /** VAT of goods when neither the variant nor the product metadata sets `fiscal_vat`. */
  goodsVat: VatSetting
  /** VAT of shipping when the shipping method metadata does not set `fiscal_vat`. */
  shippingVat: VatSetting
  /** One receipt at payment, or prepayment + settlement receipts. Default `full_payment`. */
  paymentMethodMode: PaymentMethodMode
  /** When the settlement receipt of prepayment mode is due. Default `shipped`. */
  handover: HandoverMoment
  /** Payment object of goods (tag 1212) unless metadata says otherwise. Default `commodity`. */
  goodsPaymentObject: PaymentObject
  /** Payment object of shipping. Default `service`. */
  shippingPaymentObject: PaymentObject
  /** Measure code of goods (tag 2108) unless metadata says otherwise. Default 0 (pieces). */
  goodsMeasure: number
  /** Measure code of shipping. Default 0. */
  shippingMeasure: number
  /** How the buyer pays money in (`cashless` online, `cash` on delivery). Default `cashless`. */
  paymentType: Exclude<FiscalPaymentType, "prepayment">
  /** Name of a shipping line whose method has no name. Default "Доставка". */
  shippingName: string
  /** Name of an item line without a title. Default "Товар". */
  itemNameFallback: string
  /** Append the variant title: "Футболка (L / чёрная)". Default true. */
  includeVariantTitle: boolean
  /** Longest name the vendor accepts, in characters (tag 1030; ATOL: 128). */
  maxNameLength: number
  /** Most lines the vendor accepts in one receipt (ATOL: 100). */
  maxLines: number
  /** Largest price or line sum in kopecks the vendor accepts (ATOL: 42 949 672.95 ₽). */
  maxLineAmount: number
  /** Zero-amount lines: see {@link ZeroTotalLines}. Default `omit`. */
  zeroTotalLines: ZeroTotalLines
  /**
   * A product tagged with this value (any case, spaces around ignored) is marked goods
   * (Честный знак): its settlement needs a marking code per unit. Default "Честный знак".
   */
  markedProductTag: string
}

/**
 * Settings as callers pass them: the two VAT defaults are required (a tax rate is never
 * guessed), everything else falls back to {@link DEFAULT_RECEIPT_SETTINGS}.
 */
export type ReceiptSettingsInput = Pick<
  ReceiptSettings,
  "goodsVat" | "shippingVat"
> &
  Partial<Omit<ReceiptSettings, "goodsVat" | "shippingVat">>

/** Defaults of every setting but the VAT rates. */
export const DEFAULT_RECEIPT_SETTINGS: Readonly<
  Omit<ReceiptSettings, "goodsVat" | "shippingVat">
> = Object.freeze({
  paymentMethodMode: "full_payment",
  handover: "shipped",
  goodsPaymentObject: "commodity",
  shippingPaymentObject: "service",
  goodsMeasure: 0,
  shippingMeasure: 0,
  paymentType: "cashless",
  shippingName: "Доставка",
  itemNameFallback: "Товар",
  includeVariantTitle: true,
  maxNameLength: 128,
  maxLines: 100,
  maxLineAmount: 4_294_967_295,
  zeroTotalLines: "omit",
  markedProductTag: "Честный знак",
})

function invalid(setting: string, value: unknown, expected: string): never {
  throw new ReceiptError(
    "INVALID_SETTINGS",
    `Fiscal settings: "${setting}" is ${JSON.stringify(value)}, expected ${expected}. ` +
      `Fix it in Settings → Fiscalization.`,
    { setting, value }
  )
}

function positiveInteger(setting: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    invalid(setting, value, "a positive whole number")
  }
  return value
}

/** Merges defaults and validates; throws `INVALID_SETTINGS` with the setting at fault. */
export function resolveReceiptSettings(
  input: ReceiptSettingsInput
): ReceiptSettings {
  const merged: ReceiptSettings = {
    ...DEFAULT_RECEIPT_SETTINGS,
    ...dropUndefined(input),
  }
  for (const key of ["goodsVat", "shippingVat"] as const) {
    const vat = parseVatSetting(merged[key])
    if (!vat) {
      invalid(
        key,
        merged[key],
        'a VAT code such as "vat22", "vat10", "none" or "standard"'
      )
    }
    merged[key] = vat
  }
  for (const key of ["goodsPaymentObject", "shippingPaymentObject"] as const) {
    const object = parsePaymentObject(merged[key])
    if (!object) {
      invalid(
        key,
        merged[key],
        'a payment object such as "commodity" or "service"'
      )
    }
    merged[key] = object
  }
  for (const key of ["goodsMeasure", "shippingMeasure"] as const) {
    if (!MEASURE_CODES.includes(merged[key])) {
      invalid(key, merged[key], `a measure code (${MEASURE_CODES.join(", ")})`)
    }
  }
  const mode = merged.paymentMethodMode
  if (mode !== "full_payment" && mode !== "prepayment") {
    invalid("paymentMethodMode", mode, '"full_payment" or "prepayment"')
  }
  if (!HANDOVER_MOMENTS.includes(merged.handover)) {
    invalid(
      "handover",
      merged.handover,
      `one of ${HANDOVER_MOMENTS.join(", ")}`
    )
  }
  if (merged.paymentType !== "cashless" && merged.paymentType !== "cash") {
    invalid("paymentType", merged.paymentType, '"cashless" or "cash"')
  }
  if (merged.zeroTotalLines !== "omit" && merged.zeroTotalLines !== "keep") {
    invalid("zeroTotalLines", merged.zeroTotalLines, '"omit" or "keep"')
  }
  if (
    typeof merged.markedProductTag !== "string" ||
    merged.markedProductTag.trim() === "" ||
    merged.markedProductTag.length > 255
  ) {
    invalid(
      "markedProductTag",
      merged.markedProductTag,
      "a tag value of 1 to 255 characters"
    )
  }
  positiveInteger("maxNameLength", merged.maxNameLength)
  positiveInteger("maxLines", merged.maxLines)
  positiveInteger("maxLineAmount", merged.maxLineAmount)
  // The last resort when a line's own names are blank: it must itself print something.
  for (const key of ["shippingName", "itemNameFallback"] as const) {
    if (cleanName(merged[key]) === "") {
      invalid(key, merged[key], "a name with visible characters")
    }
  }
  return merged
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined)
  ) as T
}
