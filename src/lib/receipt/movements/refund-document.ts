import { allocate } from "../allocate"
import {
  refundAmount,
  refundCustomer,
  refundLines,
} from "../build-refund-document"
import { checkedDocument } from "../check-document"
import { assertRubles } from "../currency"
import { orderDetails, orderLabel } from "../describe"
import { ReceiptError } from "../errors"
import { cleanStep } from "../fit-to-paid"
import { assertOrder, assertRefund, findPaymentEntry } from "../input-shape"
import { formatRubles } from "../money"
import type { ReceiptOrder, ReceiptRefund } from "../order-input"
import { resolveReceiptSettings, type ReceiptSettingsInput } from "../settings"
import { parseSettlementDate } from "../settlement-date"
import type { FiscalDocument } from "../types"
import { isIncoming, leftOf, replayLedger, type LedgerLine } from "./ledger"
import { openGoodsAt } from "./capture-document"
import {
  liveReturns,
  returnNumbers,
  returnedMilli,
  returnedShares,
} from "./returns"

/** Options of {@link buildRefundReceipt}. */
export type BuildRefundReceiptOptions = {
  /** The order's receipts registered before this one, oldest first (frozen documents). */
  prior: ReadonlyArray<FiscalDocument>
  /** Settlement date. Default: the refund's `created_at`. */
  date?: Date | string
}

function findRefund(order: ReceiptOrder, refundId: string): ReceiptRefund {
  const refund = findPaymentEntry(order, "refunds", refundId)
  if (refund) {
    return refund
  }
  throw new ReceiptError(
    "INVALID_INPUT",
    `Refund ${refundId} is not among the payments of ${orderLabel(order)}, so its receipt ` +
      `cannot be built. Check that the refund still exists on the order's payment.`,
    { ...orderDetails(order), refund_id: refundId }
  )
}

/** Share of `amount` per line, in proportion to `weights` and never above them. */
function spread(
  pool: LedgerLine[],
  weights: number[],
  amount: number
): number[] {
  return allocate(
    amount,
    pool.map(({ line }, index) => ({
      weight: weights[index],
      cap: weights[index],
      step: cleanStep(
        Math.round(line.quantity * 1000),
        line.mark_code !== undefined
      ),
      offset: 0,
    }))
  )
}

/**
 * The refund receipt of one refund, in kopecks (docs/fiscal-rules.md, "Refunds follow
 * returns"), against what the order's earlier receipts registered:
 *
 * - a refund made after returns (plain, claim, exchange) that no refund receipt covered
 *   yet lists exactly the returned units at the prices they were sold for, with their VAT,
 *   payment method, payment object and marking codes; a refund for less spreads over those
 *   units; a refund for more adds the shipping when the excess is exactly the shipping
 *   left to refund, else spreads the excess over the other lines in proportion;
 * - a refund with no return behind it is spread over everything registered and not yet
 *   refunded, in proportion; after a partial prepayment that is the prepayment itself;
 * - more than is left to refund: `AMOUNT_OUT_OF_RANGE`, nothing is sent.
 */
export function buildRefundReceipt(
  order: ReceiptOrder,
  refundId: string,
  settingsInput: ReceiptSettingsInput,
  options: BuildRefundReceiptOptions
): FiscalDocument {
  assertOrder(order)
  const settings = resolveReceiptSettings(settingsInput)
  assertRubles(order)
  const refund = findRefund(order, refundId)
  assertRefund(order, refund)
  const amount = refundAmount(order, refund)
  const date = parseSettlementDate(options.date ?? refund.created_at, {
    ...orderDetails(order),
    refund_id: refundId,
  })
  const ledger = replayLedger(options.prior)
  if (ledger.unmatched > 0) {
    throw new ReceiptError(
      "INCONSISTENT_TOTALS",
      `Earlier refund receipts of ${orderLabel(order)} return more than its sale receipts ` +
        `hold. Check the order's receipts before registering more.`,
      { ...orderDetails(order), refund_id: refundId, excess: ledger.unmatched }
    )
  }
  const pool = [...ledger.settled, ...ledger.advance]
  const refundable = leftOf(pool)
  if (amount > refundable) {
    throw new ReceiptError(
      "AMOUNT_OUT_OF_RANGE",
      `Refund ${refundId} of ${formatRubles(amount)} for ${orderLabel(order)} is more than ` +
        `its registered sale receipts leave to refund (${formatRubles(refundable)}). ` +
        `Check that every capture of the order has its receipt registered first ` +
        `("Send to KKM" on the order creates a missing one).`,
      { ...orderDetails(order), refund_id: refundId, amount, refundable }
    )
  }

  const returns = liveReturns(order, date).filter(
    (entry) => !ledger.returns.has(entry.id)
  )
  const forReturns = returnedShares(pool, returnedMilli(order, returns))
  const returnedValue = forReturns.reduce((sum, share) => sum + share, 0)
  // an exchange with money back: the returned goods pay for the new ones, the rest comes
  // back in money (docs/fiscal-rules.md, "Exchanges")
  const newGoods =
    returnedValue > amount ? openGoodsAt(order, settings, ledger, date).owed : 0
  const credit =
    newGoods > 0 && amount + newGoods === returnedValue ? newGoods : 0
  let shares: number[]
  if (returnedValue === 0) {
    shares = spread(
      pool,
      pool.map((entry) => entry.left),
      amount
    )
  } else if (credit > 0) {
    shares = forReturns
  } else if (amount <= returnedValue) {
    shares = spread(pool, forReturns, amount)
  } else {
    const others = pool.map((entry, index) => entry.left - forReturns[index])
    const shipping = pool.map((entry, index) =>
      entry.line.source.kind === "shipping" ? others[index] : 0
    )
    const excess = amount - returnedValue
    // the returned items and the shipping paid for them, when that is what was refunded;
    // otherwise the rest goes over all other lines in proportion
    const rest =
      excess === shipping.reduce((sum, value) => sum + value, 0)
        ? shipping
        : spread(pool, others, excess)
    shares = forReturns.map((share, index) => share + rest[index])
  }
  const sale = options.prior.find((document) => isIncoming(document.type))
  const document: FiscalDocument = {
    type: "sell_refund",
    lines: pool.flatMap((entry, index) =>
      refundLines(entry.line, shares[index])
    ),
    payments: [
      {
        type:
          sale?.payments.find((payment) => payment.type !== "prepayment")
            ?.type ?? settings.paymentType,
        sum: amount,
      },
      ...(credit > 0 ? [{ type: "prepayment" as const, sum: credit }] : []),
    ],
    total: amount + credit,
    customer: refundCustomer(
      order,
      sale ?? ({ customer: {} } as FiscalDocument)
    ),
    settled_at: date.toISOString(),
    basis: {
      kind: "refund",
      id: refundId,
      amount,
      ...(returnedValue > 0
        ? {
            return_ids: returns.map((entry) => entry.id),
            ...returnNumbers(returns),
          }
        : {}),
      ...(credit > 0 ? { credit } : {}),
    },
  }
  return checkedDocument(order, document, settings)
}
