import {
  isMarkedPaymentObject,
  markedPaymentObject,
  parseFlag,
  parseIndustryRequisites,
  parseMarkFraction,
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
import type { IndustryRequisite, PaymentObject, VatCode } from "./types"
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
  /** Marked goods (Честный знак): a settlement needs a marking code per unit. */
  marked: boolean
  /**
   * The codes the staff entered for the line, in entry order; possibly fewer than its
   * units, possibly none. Null when the line is not marked.
   */
  mark_codes: string[] | null
  /**
   * The part of one marked package a unit of the line is (`fiscal_mark_fraction`): the
   * line sells `units × numerator / denominator` of the package under one code.
   */
  mark_fraction?: { numerator: number; denominator: number }
  /** Industry requisites of the goods (tag 1260, `fiscal_industry_requisite`). */
  industry_requisites?: IndustryRequisite[]
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

/** What the shop's setting `markedProductTag` is compared with: trimmed, any case. */
function tagKey(value: unknown): string {
  return typeof value === "string" ? value.trim().toLocaleLowerCase("ru") : ""
}

/** The product carries the shop's tag of marked goods. */
function hasMarkedTag(
  item: Pick<ReceiptOrderItem, "product">,
  settings: Pick<ReceiptSettings, "markedProductTag">
): boolean {
  const wanted = tagKey(settings.markedProductTag)
  const tags = item.product?.tags
  return (
    wanted !== "" &&
    Array.isArray(tags) &&
    tags.some((tag) => tag && tagKey(tag.value) === wanted)
  )
}

function itemSources(
  item: Pick<ReceiptOrderItem, "variant" | "product">
): MetadataSource[] {
  return [
    { where: "variant", metadata: item.variant?.metadata },
    { where: "product", metadata: item.product?.metadata },
  ]
}

function readMarkedFlag(
  context: LineContext,
  sources: MetadataSource[]
): boolean {
  const key = FISCAL_METADATA_KEYS.marked
  let marked = false
  for (const source of sources) {
    const value = source.metadata?.[key]
    if (!isSet(value)) {
      continue
    }
    const flag = parseFlag(value)
    if (flag === null) {
      invalidMetadata(
        context,
        key,
        { value, where: source.where },
        'true or false ("true", "1", "false", "0")'
      )
    }
    marked = marked || flag
  }
  return marked
}

/**
 * Whether an order line is marked goods (Честный знак): its variant's or product's
 * metadata `fiscal_marked` is true, its payment object is one of marked goods (30 to 33),
 * or its product has the shop's tag of marked goods (`markedProductTag`).
 */
function isMarkedItem(
  context: LineContext,
  item: ReceiptOrderItem,
  sources: MetadataSource[],
  object: PaymentObject,
  settings: ReceiptSettings
): boolean {
  const flagged = readMarkedFlag(context, sources)
  return (
    flagged || isMarkedPaymentObject(object) || hasMarkedTag(item, settings)
  )
}

/**
 * Units of a marked line that need a code each: one per piece; a weighed package (a
 * fractional quantity of goods not sold by the piece) or part of a package
 * (`fiscal_mark_fraction`) carries one code.
 */
export function markCodesNeeded(
  milli: number,
  fraction: Position["mark_fraction"]
): number {
  if (fraction || milli % 1000 !== 0) {
    return milli > 0 ? 1 : 0
  }
  return milli / 1000
}

/** The codes the pipeline loaded for the line (`ReceiptOrder.fiscal_mark_codes`). */
function storedCodes(context: LineContext, order: ReceiptOrder): string[] {
  const all = order.fiscal_mark_codes
  const codes = all ? all[context.id] : undefined
  if (codes === undefined || codes === null) {
    return []
  }
  if (!Array.isArray(codes) || codes.some((code) => typeof code !== "string")) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `${context.label} in ${orderLabel(order)}: the marking codes passed in ` +
        `"fiscal_mark_codes" are not a list of strings.`,
      { ...lineDetails(context), field: "fiscal_mark_codes" }
    )
  }
  return codes
}

function readMarking(
  context: LineContext,
  sources: MetadataSource[],
  milli: number,
  measure: number
): Pick<Position, "mark_fraction"> {
  const key = FISCAL_METADATA_KEYS.markFraction
  const found = lookup(sources, key)
  if (found) {
    const fraction = parseMarkFraction(found.value)
    if (!fraction) {
      invalidMetadata(
        context,
        key,
        found,
        'a part of one package such as "1/10" (numerator smaller than denominator)'
      )
    }
    if (
      milli % 1000 !== 0 ||
      (milli / 1000) * fraction.numerator >= fraction.denominator
    ) {
      throw new ReceiptError(
        "INVALID_QUANTITY",
        `${context.label} in ${orderLabel(context.order)}: ${formatQuantity(milli)} units ` +
          `of ${fraction.numerator}/${fraction.denominator} of a marked package each are ` +
          `not less than one package. Sell whole packages as a variant of their own, ` +
          `then retry the receipt.`,
        { ...lineDetails(context), key, quantity: milli / 1000, ...fraction }
      )
    }
    return { mark_fraction: fraction }
  }
  // A marking code identifies one unit, and ФФД 1.2 wants quantity 1 on its line. Part of
  // a marked unit sold by the piece (a pack opened) is sold through `fiscal_mark_fraction`
  if (measure === PIECES && milli % 1000 !== 0) {
    throw new ReceiptError(
      "INVALID_METADATA",
      `${context.label} in ${orderLabel(context.order)} is marked goods (Честный знак) with ` +
        `quantity ${formatQuantity(milli)} pieces. A marked item is sold in whole units ` +
        `with one code each. To sell parts of a marked package, set "${key}" (e.g. ` +
        `"1/10") on the product; for goods sold by weight or volume, set ` +
        `"${FISCAL_METADATA_KEYS.measure}" (e.g. "kg"). Then retry the receipt.`,
      { ...lineDetails(context), quantity: milli / 1000, measure }
    )
  }
  return {}
}

function readIndustryRequisites(
  context: LineContext,
  sources: MetadataSource[]
): Pick<Position, "industry_requisites"> {
  const key = FISCAL_METADATA_KEYS.industryRequisite
  const found = lookup(sources, key)
  if (!found) {
    return {}
  }
  const requisites = parseIndustryRequisites(found.value)
  if (!requisites) {
    invalidMetadata(
      context,
      key,
      found,
      "an industry requisite (tag 1260) or a list of them: " +
        '{ "federal_id": "030", "date": "21.11.2023", "number": "1944", "value": "…" } ' +
        "with federal_id 001 to 073, the date as DD.MM.YYYY and non-empty number and value"
    )
  }
  return { industry_requisites: requisites }
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

  const sources = itemSources(item)
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
  const marked = isMarkedItem(
    context,
    item,
    sources,
    classification.payment_object,
    settings
  )
  const marking = marked
    ? readMarking(context, sources, milli, classification.measure)
    : {}
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
    payment_object: marked
      ? markedPaymentObject(classification.payment_object)
      : classification.payment_object,
    marked,
    mark_codes: marked ? storedCodes(context, order) : null,
    ...marking,
    ...readIndustryRequisites(context, sources),
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
    marked: false,
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

/**
 * Whether an order line is marked goods and how many marking codes its units need, for
 * the admin's "Marking codes" section: the units ordered less those received back.
 * Unlike the engine it never throws: a metadata value it cannot read counts as unset.
 */
export function itemMarking(
  item: ReceiptOrderItem,
  settings: Pick<ReceiptSettings, "markedProductTag" | "goodsPaymentObject">
): { marked: boolean; codes_needed: number } {
  const sources = itemSources(item)
  const flagged = sources.some(
    (source) =>
      parseFlag(source.metadata?.[FISCAL_METADATA_KEYS.marked]) === true
  )
  const objectFound = lookup(sources, FISCAL_METADATA_KEYS.paymentObject)
  const object =
    (objectFound && parsePaymentObject(objectFound.value)) ||
    parsePaymentObject(settings.goodsPaymentObject)
  const marked =
    flagged ||
    (object !== null && isMarkedPaymentObject(object)) ||
    hasMarkedTag(item, settings)
  if (!marked) {
    return { marked, codes_needed: 0 }
  }
  const ordered = toMilliQuantity(item.quantity)
  const returned = toMilliQuantity(item.detail?.return_received_quantity ?? 0)
  const milli = Math.max(
    0,
    (ordered.ok ? ordered.milli : 0) - (returned.ok ? returned.milli : 0)
  )
  const fractionFound = lookup(sources, FISCAL_METADATA_KEYS.markFraction)
  const fraction = fractionFound ? parseMarkFraction(fractionFound.value) : null
  return { marked, codes_needed: markCodesNeeded(milli, fraction ?? undefined) }
}
