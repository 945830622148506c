import {
  markedPaymentObject,
  parseMarkCodes,
  parseMeasure,
  parsePaymentObject,
} from "./classification"
import { orderDetails, orderLabel, orderTitle } from "./describe"
import { ReceiptError, type ReceiptErrorDetails } from "./errors"
import { listOf } from "./input-shape"
import { FISCAL_METADATA_KEYS } from "./metadata-keys"
import {
  formatQuantity,
  formatRubles,
  toKopecks,
  toMilliQuantity,
} from "./money"
import { cleanName, composeItemName, cutName } from "./names"
import type {
  Metadata,
  ReceiptOrder,
  ReceiptOrderItem,
  ReceiptShippingMethod,
} from "./order-input"
import type { ReceiptSettings } from "./settings"
import type { PaymentObject, VatCode } from "./types"
import { parseVatSetting, resolveVat } from "./vat"

/** Largest quantity tag 1023 holds: 5 integer and 3 fractional digits, in thousandths. */
export const MAX_QUANTITY_MILLI = 99_999_999

/**
 * One order line (item or shipping method) ready to be priced: Medusa's total in kopecks,
 * the quantity in thousandths, and its resolved classification.
 */
export type Position = {
  kind: "item" | "shipping"
  id: string
  name: string
  /** Quantity in thousandths (1000 = one piece). */
  milli: number
  /** Medusa's `total` of the line in kopecks. */
  total: number
  /** Rate of a full settlement on the settlement date (prepayment maps it later). */
  vat: VatCode
  payment_object: PaymentObject
  measure: number
  /** Marking codes, one per unit; null when the line is not marked. */
  mark_codes: string[] | null
}

type MetadataSource = { where: string; metadata: Metadata }

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== ""
}

/** The first source (most specific first) that sets `key`. */
function lookup(
  sources: MetadataSource[],
  key: string
): { value: unknown; where: string } | null {
  for (const source of sources) {
    const value = source.metadata?.[key]
    if (isSet(value)) {
      return { value, where: source.where }
    }
  }
  return null
}

type LineContext = {
  order: ReceiptOrder
  kind: "item" | "shipping"
  id: string
  /** The title as the admin sees it; "" when there is none. */
  title: string
  /** How messages name the line: `Item "Чашка"`. */
  label: string
}

function lineContext(
  order: ReceiptOrder,
  kind: "item" | "shipping",
  id: string,
  rawTitle: unknown
): LineContext {
  const title = cleanName(rawTitle)
  const noun = kind === "item" ? "Item" : "Shipping"
  return { order, kind, id, title, label: `${noun} "${title || id}"` }
}

function lineDetails(context: LineContext): ReceiptErrorDetails {
  const { kind, id, title } = context
  return {
    ...orderDetails(context.order),
    line: { kind, id, ...(title ? { name: title } : {}) },
  }
}

function invalidMetadata(
  context: LineContext,
  key: string,
  found: { value: unknown; where: string },
  expected: string
): never {
  throw new ReceiptError(
    "INVALID_METADATA",
    `${context.label} in ${orderLabel(context.order)}: metadata "${key}" on the ${found.where} ` +
      `is ${JSON.stringify(found.value)}, which is not ${expected}. Correct or remove it, ` +
      `then retry the receipt.`,
    { ...lineDetails(context), key, where: found.where, value: found.value }
  )
}

function readAmount(context: LineContext, value: unknown): number {
  const total = toKopecks(value)
  if (total === null) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `${context.label} in ${orderLabel(context.order)} has no readable total ` +
        `(${JSON.stringify(value ?? null)}). Fetch the order with RECEIPT_ORDER_FIELDS.`,
      { ...lineDetails(context), total: value ?? null }
    )
  }
  if (total < 0) {
    throw new ReceiptError(
      "AMOUNT_OUT_OF_RANGE",
      `${context.label} in ${orderLabel(context.order)} has a negative total. A receipt ` +
        `line cannot be negative; check the line's discounts.`,
      { ...lineDetails(context), total }
    )
  }
  return total
}

function readQuantity(context: LineContext, value: unknown): number {
  const quantity = toMilliQuantity(value)
  if (!quantity.ok && quantity.reason === "not_a_number") {
    throw new ReceiptError(
      "INVALID_INPUT",
      `${context.label} in ${orderLabel(context.order)} has no readable quantity ` +
        `(${JSON.stringify(value ?? null)}). Fetch the order with RECEIPT_ORDER_FIELDS.`,
      { ...lineDetails(context), quantity: value ?? null }
    )
  }
  if (
    !quantity.ok ||
    quantity.milli < 0 ||
    quantity.milli > MAX_QUANTITY_MILLI
  ) {
    throw new ReceiptError(
      "INVALID_QUANTITY",
      `${context.label} in ${orderLabel(context.order)} has quantity ${String(value)}; a ` +
        `receipt accepts 0.001 to 99999.999 with at most 3 decimals. Correct the order line.`,
      { ...lineDetails(context), quantity: String(value) }
    )
  }
  return quantity.milli
}

function resolveClassification(
  context: LineContext,
  sources: MetadataSource[],
  defaults: {
    vat: ReceiptSettings["goodsVat"]
    object: PaymentObject
    measure: number
  },
  date: Date
): Pick<Position, "vat" | "payment_object" | "measure"> {
  const vatFound = lookup(sources, FISCAL_METADATA_KEYS.vat)
  let vatSetting = defaults.vat
  if (vatFound) {
    const parsed = parseVatSetting(vatFound.value)
    if (!parsed) {
      invalidMetadata(
        context,
        FISCAL_METADATA_KEYS.vat,
        vatFound,
        'a VAT rate ("vat22", "vat10", "vat5", "vat7", "vat0", "none" or "standard")'
      )
    }
    vatSetting = parsed
  }

  const objectFound = lookup(sources, FISCAL_METADATA_KEYS.paymentObject)
  let object = defaults.object
  if (objectFound) {
    const parsed = parsePaymentObject(objectFound.value)
    if (!parsed) {
      invalidMetadata(
        context,
        FISCAL_METADATA_KEYS.paymentObject,
        objectFound,
        'a payment object ("commodity", "service", "excise", "job"… or its code)'
      )
    }
    object = parsed
  }

  const measureFound = lookup(sources, FISCAL_METADATA_KEYS.measure)
  let measure = defaults.measure
  if (measureFound) {
    const parsed = parseMeasure(measureFound.value)
    if (parsed === null) {
      invalidMetadata(
        context,
        FISCAL_METADATA_KEYS.measure,
        measureFound,
        'a measure code (0 pieces, 11 kg, 41 l…) or "pcs", "kg", "g", "l"'
      )
    }
    measure = parsed
  }

  return { vat: resolveVat(vatSetting, date), payment_object: object, measure }
}

/** Measure code (tag 2108) of goods sold by the piece. */
const PIECES = 0

function readMarkCodes(
  context: LineContext,
  metadata: Metadata,
  milli: number,
  measure: number
): string[] | null {
  const key = FISCAL_METADATA_KEYS.markCodes
  const raw = metadata?.[key]
  if (!isSet(raw)) {
    return null
  }
  const found = { value: raw, where: "order line" }
  const codes = parseMarkCodes(raw)
  if (codes === null) {
    invalidMetadata(context, key, found, "a list of marking codes")
  }
  if (codes.length === 0) {
    return null
  }
  // A marking code identifies one unit, and ФФД 1.2 wants quantity 1 on its line. Part of
  // a marked unit sold by the piece (a pack opened) needs the fractional quantity of tag
  // 1291, which the engine does not send: refuse rather than register 1.5 units on 1 code.
  if (measure === PIECES && milli % 1000 !== 0) {
    throw new ReceiptError(
      "INVALID_METADATA",
      `${context.label} in ${orderLabel(context.order)} has marking codes (Честный знак) and ` +
        `quantity ${formatQuantity(milli)} pieces. A marked item is sold in whole units with ` +
        `one code each; a fraction of a marked unit (ФФД 1.2 tag 1291) is not supported. Set ` +
        `a whole quantity with one code per unit in metadata "${key}", or, for goods sold ` +
        `by weight or volume, set "${FISCAL_METADATA_KEYS.measure}" (e.g. "kg") on the ` +
        `product, then retry the receipt.`,
      {
        ...lineDetails(context),
        key,
        quantity: milli / 1000,
        measure,
        found: codes.length,
      }
    )
  }
  // One code per unit sold; a weighed marked package carries one code for its weight.
  const expected = milli % 1000 === 0 ? milli / 1000 : 1
  if (codes.length !== expected) {
    throw new ReceiptError(
      "INVALID_METADATA",
      `${context.label} in ${orderLabel(context.order)}: quantity ${formatQuantity(milli)} ` +
        `needs ${expected} marking code(s) in metadata "${key}", found ${codes.length}. ` +
        `Scan one code per unit, then retry the receipt.`,
      { ...lineDetails(context), key, expected, found: codes.length }
    )
  }
  return codes
}

function itemPosition(
  order: ReceiptOrder,
  item: ReceiptOrderItem,
  settings: ReceiptSettings,
  date: Date
): Position | null {
  const context = lineContext(order, "item", item.id, item.title)
  const total = readAmount(context, item.total)
  const milli = readQuantity(context, item.quantity)
  if (milli === 0) {
    if (total === 0) {
      // A line whose quantity was edited down to zero sold nothing.
      return null
    }
    throw new ReceiptError(
      "INVALID_QUANTITY",
      `${context.label} in ${orderLabel(order)} has quantity 0 but costs ` +
        `${formatRubles(total)}. Correct the order line.`,
      { ...lineDetails(context), quantity: 0, total }
    )
  }

  const sources: MetadataSource[] = [
    { where: "variant", metadata: item.variant?.metadata },
    { where: "product", metadata: item.product?.metadata },
  ]
  const classification = resolveClassification(
    context,
    sources,
    {
      vat: settings.goodsVat,
      object: settings.goodsPaymentObject,
      measure: settings.goodsMeasure,
    },
    date
  )
  const markCodes = readMarkCodes(
    context,
    item.metadata,
    milli,
    classification.measure
  )
  const override = lookup(sources, FISCAL_METADATA_KEYS.name)
  const name =
    cleanName(override?.value) ||
    composeItemName({
      title: item.title,
      productTitle: item.product_title,
      variantTitle: item.variant_title,
      includeVariantTitle: settings.includeVariantTitle,
    }) ||
    cleanName(settings.itemNameFallback)

  return {
    kind: "item",
    id: item.id,
    name: cutName(name, settings.maxNameLength),
    milli,
    total,
    ...classification,
    payment_object: markCodes
      ? markedPaymentObject(classification.payment_object)
      : classification.payment_object,
    mark_codes: markCodes,
  }
}

function shippingPosition(
  order: ReceiptOrder,
  method: ReceiptShippingMethod,
  settings: ReceiptSettings,
  date: Date
): Position {
  const context = lineContext(order, "shipping", method.id, method.name)
  const sources: MetadataSource[] = [
    { where: "shipping method", metadata: method.metadata },
  ]
  const override = lookup(sources, FISCAL_METADATA_KEYS.name)
  const name =
    cleanName(override?.value) ||
    cleanName(method.name) ||
    cleanName(settings.shippingName)
  return {
    kind: "shipping",
    id: method.id,
    name: cutName(name, settings.maxNameLength),
    milli: 1000,
    total: readAmount(context, method.total),
    ...resolveClassification(
      context,
      sources,
      {
        vat: settings.shippingVat,
        object: settings.shippingPaymentObject,
        measure: settings.shippingMeasure,
      },
      date
    ),
    mark_codes: null,
  }
}

function requireId(
  order: ReceiptOrder,
  entry: { id?: unknown },
  what: string
): void {
  if (typeof entry.id !== "string" || entry.id === "") {
    throw new ReceiptError(
      "INVALID_INPUT",
      `${/^[aeiou]/.test(what) ? "An" : "A"} ${what} of ${orderLabel(order)} has no id. ` +
        `Fetch the order with RECEIPT_ORDER_FIELDS.`,
      { ...orderDetails(order), field: `${what}.id` }
    )
  }
}

/**
 * The order's lines in receipt order: items as listed, then shipping methods. Items with
 * quantity 0 and total 0 (removed by an order edit) are skipped.
 */
export function collectPositions(
  order: ReceiptOrder,
  settings: ReceiptSettings,
  date: Date
): Position[] {
  if (!Array.isArray(order.items)) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `${orderTitle(order)} was loaded without its items. Fetch it with RECEIPT_ORDER_FIELDS.`,
      { ...orderDetails(order), field: "items" }
    )
  }
  const positions: Position[] = []
  for (const item of order.items) {
    if (!item) {
      continue
    }
    requireId(order, item, "item")
    const position = itemPosition(order, item, settings, date)
    if (position) {
      positions.push(position)
    }
  }
  const methods = listOf(order, order.shipping_methods, "shipping_methods")
  for (const method of methods) {
    if (!method) {
      continue
    }
    requireId(order, method, "shipping method")
    positions.push(shippingPosition(order, method, settings, date))
  }
  return positions
}
