import { checkedDocument } from "../check-document"
import { readSaleOrder } from "../read-order"
import { orderDetails, orderLabel } from "../describe"
import { ReceiptError } from "../errors"
import { listOf } from "../input-shape"
import { toMilliQuantity } from "../money"
import type { ReceiptFulfillment, ReceiptOrder } from "../order-input"
import { linesForPosition } from "../position-lines"
import { collectPositions, type Position } from "../positions"
import type { ReceiptSettingsInput } from "../settings"
import { parseSettlementDate } from "../settlement-date"
import type { FiscalDocument, FiscalPayment } from "../types"
import { handoverMomentOf } from "./handover-moment"
import {
  type OrderLedger,
  proportion,
  replayLedger,
  freeMarkCodes,
  prepaidOf,
  sourceKey,
  takePrepaid,
  usedMarkCodes,
} from "./ledger"
import {
  keptValueOf,
  liveReturns,
  receivedMilli,
  returnedMilli,
} from "./returns"

/** Options of {@link buildHandoverDocument}. */
export type BuildHandoverOptions = {
  /** The order's receipts registered before this one, oldest first (frozen documents). */
  prior: ReadonlyArray<FiscalDocument>
  /** Settlement date. Default: the moment of the shop's `handover` setting. */
  date?: Date | string
}

/** The order's fulfillment with this id. */
export function findFulfillment(
  order: ReceiptOrder,
  fulfillmentId: string
): ReceiptFulfillment {
  const found = listOf(order, order.fulfillments, "fulfillments").find(
    (entry) => entry?.id === fulfillmentId
  )
  if (found) {
    return found
  }
  throw new ReceiptError(
    "INVALID_INPUT",
    `Fulfillment ${fulfillmentId} is not among the fulfillments of ${orderLabel(order)}, ` +
      `so its settlement receipt cannot be built. Check that it still belongs to the order.`,
    { ...orderDetails(order), fulfillment_id: fulfillmentId }
  )
}

/** Units (thousandths) of each order item the fulfillment hands over, by item id. */
function fulfilledMilli(
  order: ReceiptOrder,
  fulfillment: ReceiptFulfillment
): Map<string, number> {
  const milli = new Map<string, number>()
  for (const item of listOf(order, fulfillment.items, "fulfillments.items")) {
    if (!item?.line_item_id) {
      continue
    }
    const quantity = toMilliQuantity(item.quantity)
    if (!quantity.ok) {
      throw new ReceiptError(
        "INVALID_INPUT",
        `Fulfillment ${fulfillment.id} of ${orderLabel(order)} has an unreadable quantity ` +
          `for item ${item.line_item_id} (${JSON.stringify(item.quantity ?? null)}). ` +
          `Fetch the order with RECEIPT_ORDER_FIELDS.`,
        { ...orderDetails(order), fulfillment_id: fulfillment.id }
      )
    }
    const id = item.line_item_id
    milli.set(id, (milli.get(id) ?? 0) + quantity.milli)
  }
  return milli
}

/** Units handed over (settled with `full_payment`) and their kopecks, per `kind:id`. */
function handedOver(ledger: OrderLedger): {
  milli: Map<string, number>
  sum: Map<string, number>
} {
  const milli = new Map<string, number>()
  const sum = new Map<string, number>()
  for (const { line } of ledger.settled) {
    if (line.payment_method !== "full_payment") {
      continue
    }
    const key = sourceKey(line.source)
    milli.set(key, (milli.get(key) ?? 0) + Math.round(line.quantity * 1000))
    sum.set(key, (sum.get(key) ?? 0) + line.sum)
  }
  return { milli, sum }
}

/**
 * The settlement receipt of one fulfillment in prepayment mode ("Полный расчёт",
 * docs/fiscal-rules.md, "Prepayment and the settlement at handover"): the units it hands
 * over, `full_payment`, at what they were prepaid for (units prepaid in full) or at
 * Medusa's price (units carrying a partial advance or nothing), paid by offsetting the
 * prepayment (payment type `prepayment`) and, for what the prepayment did not cover, by
 * money taken at the handover. The order's shipping is handed over with its first
 * fulfillment. Units already handed over or returned are not settled again.
 */
export function buildHandoverDocument(
  order: ReceiptOrder,
  fulfillmentId: string,
  settingsInput: ReceiptSettingsInput,
  options: BuildHandoverOptions
): FiscalDocument {
  const { settings, customer } = readSaleOrder(order, settingsInput)
  const fulfillment = findFulfillment(order, fulfillmentId)
  const details = { ...orderDetails(order), fulfillment_id: fulfillmentId }
  if (fulfillment.canceled_at) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `Fulfillment ${fulfillmentId} of ${orderLabel(order)} was canceled, so its goods were ` +
        `not handed over and no settlement receipt is due for it. The settlement follows ` +
        `the fulfillment that replaces it.`,
      details
    )
  }
  const date = parseSettlementDate(
    options.date ??
      handoverMomentOf(fulfillment, settings.handover) ??
      fulfillment.created_at,
    details
  )
  const ledger = replayLedger(options.prior)
  const handed = handedOver(ledger)
  const used = usedMarkCodes(ledger)
  const wanted = fulfilledMilli(order, fulfillment)
  const returned = returnedMilli(order, liveReturns(order, date))
  const received = receivedMilli(order)

  const goods: Position[] = []
  let offset = 0
  for (const position of collectPositions(order, settings, date)) {
    const key = sourceKey(position)
    const {
      kept,
      priced,
      value: keptValue,
    } = keptValueOf(position, returned, received)
    const open = kept - (handed.milli.get(key) ?? 0)
    // the delivery is rendered with the first goods handed over
    const milli =
      position.kind === "item"
        ? Math.min(wanted.get(position.id) ?? 0, open)
        : open
    if (milli <= 0) {
      continue
    }
    // goods whose partial advances add up to their price are worth what was prepaid for
    // them, to the kopeck; otherwise units not prepaid in full are worth Medusa's price,
    // never less than their advance, and the last of a line get what its earlier
    // settlements left, so the parts add up
    const prepaid = prepaidOf(ledger, position)
    const fullyPrepaid =
      prepaid.advance >= keptValue - (handed.sum.get(key) ?? 0) - prepaid.full
    const taken = takePrepaid(ledger, position, milli)
    const rest = milli - taken.fullMilli
    const restValue =
      rest <= 0 || priced <= 0
        ? 0
        : milli === open
          ? Math.max(0, keptValue - (handed.sum.get(key) ?? 0) - taken.fullSum)
          : proportion(position.total, rest, priced)
    const value =
      taken.full +
      (rest <= 0
        ? 0
        : fullyPrepaid
          ? taken.advance
          : Math.max(restValue, taken.advance))
    offset += taken.full + taken.advance
    goods.push({
      ...position,
      milli,
      total: value,
      // the units handed over now go out with the codes no receipt has used yet
      mark_codes: freeMarkCodes(position.mark_codes, used),
    })
  }
  const lines = goods.flatMap((position) =>
    linesForPosition(order, position, position.total, "full_payment", settings)
  )
  const total = lines.reduce((sum, line) => sum + line.sum, 0)
  if (lines.length === 0 || total === 0) {
    throw new ReceiptError(
      "AMOUNT_OUT_OF_RANGE",
      `Fulfillment ${fulfillmentId} of ${orderLabel(order)} hands over nothing that is not ` +
        `settled yet: its items already have their settlement receipts, were returned, or ` +
        `cost nothing. No settlement receipt is due for it.`,
      details
    )
  }
  const taken = total - offset
  const payments: FiscalPayment[] = []
  if (taken > 0) {
    payments.push({ type: settings.paymentType, sum: taken })
  }
  if (offset > 0) {
    payments.push({ type: "prepayment", sum: offset })
  }
  const document: FiscalDocument = {
    type: "sell",
    lines,
    payments,
    total,
    customer,
    settled_at: date.toISOString(),
    basis: { kind: "handover", id: fulfillmentId, amount: taken },
  }
  return checkedDocument(order, document, settings)
}
