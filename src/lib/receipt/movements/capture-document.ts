import { checkedDocument } from "../check-document"
import { readSaleOrder } from "../read-order"
import { orderDetails, orderLabel } from "../describe"
import { ReceiptError } from "../errors"
import { fitToPaid } from "../fit-to-paid"
import { findPaymentEntry, listOf } from "../input-shape"
import { formatRubles, toKopecks } from "../money"
import type { ReceiptCapture, ReceiptOrder } from "../order-input"
import { linesForPosition } from "../position-lines"
import { collectPositions, type Position } from "../positions"
import type { ReceiptSettings, ReceiptSettingsInput } from "../settings"
import { parseSettlementDate } from "../settlement-date"
import type { FiscalDocument, FiscalPayment, PaymentMethod } from "../types"
import {
  type OrderLedger,
  advanceBySource,
  freeMarkCodes,
  leftOf,
  replayLedger,
  settledBySource,
  sourceKey,
  usedMarkCodes,
} from "./ledger"
import {
  keptValueOf,
  liveReturns,
  receivedMilli,
  returnedMilli,
  returnedShares,
} from "./returns"

/** Options of {@link buildCaptureDocument}. */
export type BuildCaptureOptions = {
  /**
   * The order's receipts registered before this one, oldest first, as their frozen
   * documents: what they settled and prepaid is not sold again.
   */
  prior: ReadonlyArray<FiscalDocument>
  /** Settlement date. Default: the capture's `created_at`. */
  date?: Date | string
}

/** The capture of the order's payments with this id. */
function findCapture(order: ReceiptOrder, captureId: string): ReceiptCapture {
  const capture = findPaymentEntry(order, "captures", captureId)
  if (capture) {
    return capture
  }
  throw new ReceiptError(
    "INVALID_INPUT",
    `Capture ${captureId} is not among the payments of ${orderLabel(order)}, so its ` +
      `receipt cannot be built. Check that the payment still belongs to the order.`,
    { ...orderDetails(order), capture_id: captureId }
  )
}

function captureAmount(order: ReceiptOrder, capture: ReceiptCapture): number {
  const amount = toKopecks(capture.amount)
  if (amount === null || amount <= 0) {
    throw new ReceiptError(
      amount === null ? "INVALID_INPUT" : "AMOUNT_OUT_OF_RANGE",
      `Capture ${capture.id} of ${orderLabel(order)} is for ` +
        `${amount === null ? JSON.stringify(capture.amount ?? null) : formatRubles(amount)}; ` +
        `a receipt is due for money received, which is a positive amount.`,
      { ...orderDetails(order), capture_id: capture.id ?? null }
    )
  }
  return amount
}

function createdAfter(
  value: Date | string | null | undefined,
  at: Date
): boolean {
  const time = value ? new Date(value).getTime() : Number.NaN
  return !Number.isNaN(time) && time > at.getTime()
}

/**
 * The goods of the order nobody has paid for in full yet: each line with the units the
 * buyer keeps (ordered minus returned) that no earlier receipt settled, at Medusa's price
 * for them.
 */
export function openGoods(
  order: ReceiptOrder,
  positions: Position[],
  settled: Map<string, { milli: number; sum: number }>,
  at: Date,
  used: ReadonlySet<string> = new Set()
): Position[] {
  // as the order stood when the money came: a receipt built late must not count items an
  // edit added, or a return made, after the capture
  const returned = returnedMilli(order, liveReturns(order, at))
  const received = receivedMilli(order)
  const later = new Set(
    listOf(order, order.items, "items")
      .filter((entry) => entry && createdAfter(entry.created_at, at))
      .map((entry) => entry!.id)
  )
  const open: Position[] = []
  for (const position of positions) {
    if (position.kind === "item" && later.has(position.id)) {
      continue
    }
    const { kept, value: keptValue } = keptValueOf(position, returned, received)
    const done = settled.get(sourceKey(position)) ?? { milli: 0, sum: 0 }
    const milli = kept - done.milli
    if (milli <= 0) {
      continue
    }
    // what the kept units cost less what was paid for them: units a settlement printed at
    // no price (a line cheaper than a kopeck a unit) are paid for, not open
    const total = Math.max(0, keptValue - done.sum)
    if (total === 0 && !position.marked) {
      continue
    }
    open.push({
      ...position,
      milli,
      total,
      // the units still open go out with the codes no receipt has used yet
      mark_codes: freeMarkCodes(position.mark_codes, used),
    })
  }
  return open
}

/** The open goods at `date` against what the ledger settled, and what they are worth. */
export function openGoodsAt(
  order: ReceiptOrder,
  settings: ReceiptSettings,
  ledger: OrderLedger,
  date: Date
): { open: Position[]; owed: number } {
  const open = openGoods(
    order,
    collectPositions(order, settings, date),
    settledBySource(ledger),
    date,
    usedMarkCodes(ledger)
  )
  return { open, owed: open.reduce((sum, position) => sum + position.total, 0) }
}

/** What a capture is read against: the capture, the ledger, the open goods. */
type CaptureContext = {
  settings: ReceiptSettings
  customer: FiscalDocument["customer"]
  /** The capture's amount. */
  captured: number
  /** Kopecks of it a settlement receipt already registered as taken at the handover. */
  collected: number
  /** What the capture's own receipt is for: `captured − collected`. */
  amount: number
  date: Date
  ledger: ReturnType<typeof replayLedger>
  open: Position[]
  owed: number
  /** Advance and credit the buyer holds, offset by a settlement. */
  advance: number
}

function captureContext(
  order: ReceiptOrder,
  captureId: string,
  settingsInput: ReceiptSettingsInput,
  options: BuildCaptureOptions
): CaptureContext {
  const { settings, customer } = readSaleOrder(order, settingsInput)
  const capture = findCapture(order, captureId)
  const captured = captureAmount(order, capture)
  const date = parseSettlementDate(options.date ?? capture.created_at, {
    ...orderDetails(order),
    capture_id: captureId,
  })
  const ledger = replayLedger(options.prior)
  // money a settlement receipt took at the handover before Medusa recorded it: this
  // capture is that money, registered already
  const collected = Math.min(captured, ledger.collected)
  const amount = captured - collected
  const { open, owed } = openGoodsAt(order, settings, ledger, date)
  const advance = leftOf(ledger.advance) + ledger.credit
  return {
    settings,
    customer,
    captured,
    collected,
    amount,
    date,
    ledger,
    open,
    owed,
    advance,
  }
}

/**
 * True for the record of a capture whose whole amount a settlement receipt already
 * registered as taken at the handover: no receipt is sent for it.
 */
export function isCollectedOnHandover(document: FiscalDocument): boolean {
  return (
    document.basis?.kind === "capture" &&
    document.lines.length === 0 &&
    (document.basis.collected ?? 0) > 0 &&
    document.basis.collected === document.basis.amount
  )
}

/**
 * Returned goods of an exchange that the capture's surcharge pays the difference for: the
 * returns made up to the capture that no refund receipt listed yet, when the capture, the
 * advance and their value together pay for the open goods (docs/fiscal-rules.md,
 * "Exchanges"). Their refund receipt, giving their value as credit, must be registered
 * before the capture's; null when there is none to give.
 */
export function exchangeCreditForCapture(
  order: ReceiptOrder,
  captureId: string,
  settingsInput: ReceiptSettingsInput,
  options: BuildCaptureOptions
): { return_ids: string[]; value: number } | null {
  const context = captureContext(order, captureId, settingsInput, options)
  const { amount, advance, owed, ledger, date } = context
  if (amount === 0 || amount + advance >= owed) {
    return null
  }
  const returns = liveReturns(order, date).filter(
    (entry) => !ledger.returns.has(entry.id)
  )
  const pool = [...ledger.settled, ...ledger.advance]
  const value = returnedShares(pool, returnedMilli(order, returns)).reduce(
    (sum, share) => sum + share,
    0
  )
  if (value === 0 || amount + advance + value < owed) {
    return null
  }
  return { return_ids: returns.map((entry) => entry.id), value }
}

/**
 * The sale receipt of one capture, in kopecks (docs/fiscal-rules.md, "A receipt per money
 * movement"). What the capture pays for is read against what the order's earlier receipts
 * already registered:
 *
 * - it pays for everything still open (the whole order, the rest of it after a partial
 *   capture, the items an order edit added): those goods at their real prices,
 *   `full_payment`, paid by the capture and by offsetting any advance received before
 *   (payment type `prepayment`); in prepayment mode a `full_prepayment`, or a `prepayment`
 *   of what the advance left open;
 * - it pays for less: a partial prepayment (`prepayment`, calculated VAT rates) naming the
 *   open goods, each with its share of the capture — never goods at cut prices sold as a
 *   full settlement;
 * - it pays for more than is open: `INCONSISTENT_TOTALS`, nothing is sent.
 */
export function buildCaptureDocument(
  order: ReceiptOrder,
  captureId: string,
  settingsInput: ReceiptSettingsInput,
  options: BuildCaptureOptions
): FiscalDocument {
  const context = captureContext(order, captureId, settingsInput, options)
  const { settings, customer, amount, date, ledger, open, owed, advance } =
    context
  const basis = {
    kind: "capture" as const,
    id: captureId,
    amount: context.captured,
    ...(context.collected > 0 ? { collected: context.collected } : {}),
  }
  if (amount === 0) {
    // the record that the money is registered: what later receipts read it against
    return {
      type: "sell",
      lines: [],
      payments: [],
      total: 0,
      customer,
      settled_at: date.toISOString(),
      basis,
    }
  }
  if (owed === 0) {
    throw new ReceiptError(
      "INCONSISTENT_TOTALS",
      `Capture ${captureId} of ${orderLabel(order)} took ${formatRubles(amount)}, but every ` +
        `item and shipping line of the order already has its receipt. Refund the ` +
        `overpayment (its refund receipt follows), or add what it pays for to the order ` +
        `and press "Send to KKM".`,
      { ...orderDetails(order), capture_id: captureId, amount }
    )
  }
  const prepaymentMode = settings.paymentMethodMode === "prepayment"
  const settles = amount + advance >= owed

  let goods = open
  let method: PaymentMethod
  let covered = amount
  const payments: FiscalPayment[] = [
    { type: settings.paymentType, sum: amount },
  ]
  if (settles && !prepaymentMode) {
    // 54-ФЗ art. 1.2: the settlement receipt lists the goods in full; an advance received
    // earlier is offset in it (payment type "prepayment", ФФД tag 1215)
    method = "full_payment"
    covered = amount + advance
    if (advance > 0) {
      payments.push({ type: "prepayment", sum: advance })
    }
  } else if (settles && advance === 0) {
    method = "full_prepayment"
  } else {
    // a part of the price: the open goods less what earlier advances paid on each
    const paid = advanceBySource(ledger)
    goods = open.map((position) => ({
      ...position,
      total: Math.max(0, position.total - (paid.get(sourceKey(position)) ?? 0)),
    }))
    method = "prepayment"
  }
  const sums = fitToPaid(order, goods, covered)
  const lines = goods.flatMap((position, index) =>
    linesForPosition(order, position, sums[index], method, settings)
  )
  const document: FiscalDocument = {
    type: "sell",
    lines,
    payments,
    total: covered,
    customer,
    settled_at: date.toISOString(),
    basis,
  }
  return checkedDocument(order, document, settings)
}
