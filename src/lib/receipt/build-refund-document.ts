import { allocate } from "./allocate"
import { buildSaleDocument, type SaleStage } from "./build-sale-document"
import { checkedDocument } from "./check-document"
import { resolveCustomer } from "./contact"
import { assertRubles } from "./currency"
import { orderDetails, orderLabel } from "./describe"
import { ReceiptError, isReceiptError } from "./errors"
import { cleanStep } from "./fit-to-paid"
import { assertOrder, assertRefund, listOf, paymentsOf } from "./input-shape"
import { formatRubles, toKopecks } from "./money"
import type { MedusaAmount, ReceiptOrder, ReceiptRefund } from "./order-input"
import { latestCaptureDate } from "./paid-amount"
import { resolveReceiptSettings, type ReceiptSettingsInput } from "./settings"
import { parseSettlementDate } from "./settlement-date"
import { priceParts } from "./split-line"
import type { FiscalCustomer, FiscalDocument, FiscalLine } from "./types"

/**
 * An earlier refund of the same sale: a Medusa refund (its allocation is replayed) or the
 * refund receipt that was sent for it (its lines are subtracted as they are).
 */
export type PreviousRefund = ReceiptRefund | FiscalDocument

/** Options of {@link buildRefundDocument}. */
export type BuildRefundOptions = {
  /** Date of the refund settlement. Default: the refund's `created_at`. */
  date?: Date | string
  /**
   * The sale receipt being refunded, exactly as it was sent (the frozen `document` of its
   * receipt). Best source: the refund then mirrors it line by line. When
   * absent, the sale receipt is rebuilt from the order.
   */
  saleDocument?: FiscalDocument
  /**
   * When rebuilding the sale: its settlement date, which picked its VAT rates. Default:
   * the latest capture of the order, else `date`.
   */
  saleDate?: Date | string
  /** When rebuilding the sale: the amount paid, as for `buildSaleDocument`. */
  paidAmount?: MedusaAmount
  /** When rebuilding the sale: which sale receipt is refunded. Default `payment`. */
  stage?: SaleStage
  /**
   * Earlier refunds of this sale, so that all refund receipts together never exceed any
   * sale line. Default: the order's refunds created before this one
   * (`payment_collections.payments.refunds`), replayed in date order.
   */
  previousRefunds?: ReadonlyArray<PreviousRefund>
}

function isDocument(entry: PreviousRefund): entry is FiscalDocument {
  return Array.isArray((entry as FiscalDocument).lines)
}

function refundTime(value: Date | string | null | undefined): number {
  const time = value ? new Date(value).getTime() : Number.NaN
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time
}

function entryTime(entry: PreviousRefund): number {
  return isDocument(entry)
    ? refundTime(entry.settled_at)
    : refundTime(entry.created_at)
}

function entryId(entry: PreviousRefund): string {
  return isDocument(entry) ? "" : entry.id
}

/** Chronological, ties by id, undated last; a stable order makes replays reproducible. */
function chronological(
  entries: ReadonlyArray<PreviousRefund>
): PreviousRefund[] {
  return [...entries].sort((a, b) => {
    const byTime = entryTime(a) - entryTime(b)
    if (byTime !== 0 && !Number.isNaN(byTime)) {
      return byTime
    }
    return entryId(a) < entryId(b) ? -1 : entryId(a) > entryId(b) ? 1 : 0
  })
}

/** Refunds of the order recorded before `refund`. */
function earlierRefundsOf(
  order: ReceiptOrder,
  refund: ReceiptRefund
): ReceiptRefund[] {
  const own = [refundTime(refund.created_at), refund.id] as const
  const earlier: ReceiptRefund[] = []
  for (const payment of paymentsOf(order)) {
    const refunds = listOf(
      order,
      payment.refunds,
      "payment_collections.payments.refunds"
    )
    for (const other of refunds) {
      if (!other || other.id === refund.id) {
        continue
      }
      const time = refundTime(other.created_at)
      if (time < own[0] || (time === own[0] && other.id < own[1])) {
        earlier.push(other)
      }
    }
  }
  return earlier
}

/**
 * A refund's amount in kopecks; refused unless positive. `earlier` marks a refund replayed
 * before the one being registered, so the message points at the right refund.
 */
export function refundAmount(
  order: ReceiptOrder,
  refund: ReceiptRefund,
  earlier = false
): number {
  const amount = toKopecks(refund.amount)
  if (amount === null) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `Cannot read the amount of refund ${refund.id} of ${orderLabel(order)} ` +
        `(${JSON.stringify(refund.amount ?? null)}).`,
      {
        ...orderDetails(order),
        refund_id: refund.id,
        amount: refund.amount ?? null,
      }
    )
  }
  if (amount <= 0) {
    // A refund receipt returns money to the buyer; a negative one would add to the sale.
    const fix = earlier
      ? "Correct or remove that refund in the order's payments, then retry the receipt."
      : "Nothing to register."
    throw new ReceiptError(
      "AMOUNT_OUT_OF_RANGE",
      `${earlier ? "Earlier refund" : "Refund"} ${refund.id} of ${orderLabel(order)} is for ` +
        `${formatRubles(amount)}; a refund needs a positive amount. ${fix}`,
      { ...orderDetails(order), refund_id: refund.id, amount }
    )
  }
  return amount
}

/**
 * Each sale line's share of a refund, in proportion to what is left to refund on it and
 * never more. Shares that divide by the line's quantity are preferred, so a refunded line
 * keeps one price.
 */
function refundShares(
  sale: FiscalDocument,
  remaining: number[],
  amount: number
): number[] {
  return allocate(
    amount,
    sale.lines.map((line, index) => ({
      weight: remaining[index],
      cap: remaining[index],
      step: cleanStep(
        Math.round(line.quantity * 1000),
        line.mark_code !== undefined
      ),
      offset: 0,
    }))
  )
}

function copyLine(line: FiscalLine): FiscalLine {
  return { ...line, source: { ...line.source } }
}

/**
 * The refund lines of one sale line for `share` kopecks. Same name, VAT, payment method,
 * payment object, measure and marking code as the sale line:
 * - the whole line: the sale line itself;
 * - whole units at the sale price when the share is a multiple of it (2 of 3 cups);
 * - otherwise the sale quantity at a lower price, split in two prices one kopeck apart
 *   when needed; a part that comes to zero is left out.
 */
export function refundLines(line: FiscalLine, share: number): FiscalLine[] {
  if (share === 0) {
    return []
  }
  if (share === line.sum) {
    return [copyLine(line)]
  }
  const milli = Math.round(line.quantity * 1000)
  if (milli % 1000 === 0 && line.price > 0 && share % line.price === 0) {
    return [{ ...copyLine(line), quantity: share / line.price, sum: share }]
  }
  return priceParts(share, milli)
    .filter((part) => part.sum > 0)
    .map((part) => ({
      ...copyLine(line),
      price: part.price,
      quantity: part.milli / 1000,
      sum: part.sum,
    }))
}

/** Takes a sent refund receipt off what is left to refund, line by line of the same source. */
function subtractDocument(
  order: ReceiptOrder,
  sale: FiscalDocument,
  remaining: number[],
  document: FiscalDocument
): void {
  if (document.type !== "sell_refund") {
    throw new ReceiptError(
      "INVALID_INPUT",
      `previousRefunds of ${orderLabel(order)} contains a "${document.type}" document; only ` +
        `refund receipts ("sell_refund") belong there.`,
      { ...orderDetails(order), type: document.type }
    )
  }
  for (const line of document.lines) {
    let left = line.sum
    sale.lines.forEach((saleLine, index) => {
      const sameSource =
        saleLine.source.kind === line.source.kind &&
        saleLine.source.id === line.source.id
      const sameCode =
        line.mark_code === undefined || line.mark_code === saleLine.mark_code
      if (left > 0 && sameSource && sameCode) {
        const taken = Math.min(left, remaining[index])
        remaining[index] -= taken
        left -= taken
      }
    })
    if (left > 0) {
      throw new ReceiptError(
        "INCONSISTENT_TOTALS",
        `Earlier refund receipts of ${orderLabel(order)} return more for "${line.name}" than ` +
          `its sale receipt holds. Check the order's refund receipts before registering more.`,
        {
          ...orderDetails(order),
          line: { ...line.source, name: line.name },
          excess: left,
        }
      )
    }
  }
}

export function refundCustomer(
  order: ReceiptOrder,
  sale: FiscalDocument
): FiscalCustomer {
  try {
    return resolveCustomer(order)
  } catch (error) {
    const { email, phone } = sale.customer ?? {}
    const noContact = isReceiptError(error) && error.code === "NO_CONTACT"
    if (noContact && (email || phone)) {
      return email ? { email } : { phone }
    }
    throw error
  }
}

/**
 * The refund receipt (`sell_refund`) for one Medusa refund of an order, in kopecks.
 *
 * A refund of everything that is left mirrors the sale lines. A partial refund is spread
 * over the sale lines in proportion to what is left to refund on each (largest remainder,
 * stable order), never more than any line, keeping each line's VAT (the sale's rate, even
 * if the refund happens after a rate change), payment method, payment object, measure and
 * marking code. Earlier refunds (`previousRefunds`, or the order's own refunds) are taken
 * off first. Throws {@link ReceiptError}, e.g. `AMOUNT_OUT_OF_RANGE` when the refund
 * exceeds what is left.
 */
export function buildRefundDocument(
  order: ReceiptOrder,
  refund: ReceiptRefund,
  settingsInput: ReceiptSettingsInput,
  options: BuildRefundOptions = {}
): FiscalDocument {
  assertOrder(order)
  assertRefund(order, refund)
  const settings = resolveReceiptSettings(settingsInput)
  assertRubles(order)
  const date = parseSettlementDate(options.date ?? refund.created_at, {
    ...orderDetails(order),
    refund_id: refund.id,
  })
  const sale =
    options.saleDocument ??
    buildSaleDocument(order, settingsInput, {
      date: options.saleDate ?? latestCaptureDate(order) ?? date,
      paidAmount: options.paidAmount,
      stage: options.stage,
    })
  if (sale.type !== "sell") {
    throw new ReceiptError(
      "INVALID_INPUT",
      `The sale document given for refund ${refund.id} of ${orderLabel(order)} is a ` +
        `"${sale.type}"; pass the "sell" receipt being refunded.`,
      { ...orderDetails(order), refund_id: refund.id, type: sale.type }
    )
  }
  const customer = refundCustomer(order, sale)
  const amount = refundAmount(order, refund)

  const remaining = sale.lines.map((line) => line.sum)
  const previous = options.previousRefunds ?? earlierRefundsOf(order, refund)
  const unreadable = !Array.isArray(previous)
    ? "is not a list"
    : previous.some((entry) => !entry || typeof entry !== "object")
      ? "contains an empty entry"
      : null
  if (unreadable) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `previousRefunds of ${orderLabel(order)} ${unreadable}; pass each earlier refund or ` +
        `its refund receipt.`,
      { ...orderDetails(order), field: "previousRefunds" }
    )
  }
  for (const entry of chronological(previous)) {
    if (isDocument(entry)) {
      subtractDocument(order, sale, remaining, entry)
      continue
    }
    if (entry.id === refund.id) {
      continue
    }
    const earlier = refundAmount(order, entry, true)
    const left = remaining.reduce((sum, value) => sum + value, 0)
    if (earlier > left) {
      throw new ReceiptError(
        "INCONSISTENT_TOTALS",
        `Earlier refunds of ${orderLabel(order)} add up to more than its sale receipt ` +
          `(${formatRubles(sale.total)}). Check the order's refunds before registering more.`,
        { ...orderDetails(order), refund_id: entry.id, sale_total: sale.total }
      )
    }
    refundShares(sale, remaining, earlier).forEach((share, index) => {
      remaining[index] -= share
    })
  }

  const refundable = remaining.reduce((sum, value) => sum + value, 0)
  if (amount > refundable) {
    throw new ReceiptError(
      "AMOUNT_OUT_OF_RANGE",
      `Refund ${refund.id} of ${formatRubles(amount)} for ${orderLabel(order)} is more than ` +
        `is left to refund on its sale receipt (${formatRubles(refundable)} of ` +
        `${formatRubles(sale.total)}). Check that the refund is not registered twice and ` +
        `that the sale receipt covers it.`,
      {
        ...orderDetails(order),
        refund_id: refund.id,
        amount,
        refundable,
        sale_total: sale.total,
      }
    )
  }

  const shares = refundShares(sale, remaining, amount)
  const lines = sale.lines.flatMap((line, index) =>
    refundLines(line, shares[index])
  )
  const paymentType =
    sale.payments.find((payment) => payment.type !== "prepayment")?.type ??
    settings.paymentType
  const document: FiscalDocument = {
    type: "sell_refund",
    lines,
    payments: [{ type: paymentType, sum: amount }],
    total: amount,
    customer,
    settled_at: date.toISOString(),
  }
  return checkedDocument(order, document, settings)
}
