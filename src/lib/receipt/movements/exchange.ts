import { refundCustomer, refundLines } from "../build-refund-document"
import { checkedDocument } from "../check-document"
import { resolveCustomer } from "../contact"
import { assertRubles } from "../currency"
import { orderDetails, orderLabel } from "../describe"
import { ReceiptError } from "../errors"
import { fitToPaid } from "../fit-to-paid"
import { assertOrder } from "../input-shape"
import { formatRubles } from "../money"
import type { ReceiptOrder } from "../order-input"
import { linesForPosition } from "../position-lines"
import { resolveReceiptSettings, type ReceiptSettingsInput } from "../settings"
import { parseSettlementDate } from "../settlement-date"
import type { FiscalDocument } from "../types"
import { openGoodsAt } from "./capture-document"
import { isIncoming, leftOf, replayLedger } from "./ledger"
import {
  liveReturns,
  returnNumbers,
  returnedMilli,
  returnedShares,
} from "./returns"

/** Options of the exchange documents: the movement they belong to and when it happened. */
export type ExchangeDocumentOptions = {
  /** The order's receipts registered before this one, oldest first. */
  prior: ReadonlyArray<FiscalDocument>
  /** The capture (surcharge) or refund (money back) the exchange is settled with. */
  movementId: string
  /** When that money moved: returns and added items up to then count. */
  date: Date | string
}

/** What both exchange documents start from: the settings, the date, the ledger. */
function exchangeContext(
  order: ReceiptOrder,
  settingsInput: ReceiptSettingsInput,
  options: ExchangeDocumentOptions
) {
  assertOrder(order)
  const settings = resolveReceiptSettings(settingsInput)
  assertRubles(order)
  return {
    settings,
    date: parseSettlementDate(options.date, orderDetails(order)),
    ledger: replayLedger(options.prior),
  }
}

/**
 * The refund receipt of the goods returned in an exchange before its surcharge is
 * registered (docs/fiscal-rules.md, "Exchanges"): the returned units at the prices they
 * were sold for, given back as credit (payment type `prepayment`), not money. The sale
 * receipt of the surcharge then offsets that credit.
 */
export function buildExchangeReturnDocument(
  order: ReceiptOrder,
  settingsInput: ReceiptSettingsInput,
  options: ExchangeDocumentOptions
): FiscalDocument {
  const { settings, date, ledger } = exchangeContext(
    order,
    settingsInput,
    options
  )
  const returns = liveReturns(order, date).filter(
    (entry) => !ledger.returns.has(entry.id)
  )
  const pool = [...ledger.settled, ...ledger.advance]
  const shares = returnedShares(pool, returnedMilli(order, returns))
  const value = shares.reduce((sum, share) => sum + share, 0)
  if (value === 0) {
    throw new ReceiptError(
      "INVALID_INPUT",
      `${orderLabel(order)} has no returned goods left to credit against the exchange ` +
        `paid with ${options.movementId}. Check the order's returns.`,
      { ...orderDetails(order), movement_id: options.movementId }
    )
  }
  const sale = options.prior.find((document) => isIncoming(document.type))
  const document: FiscalDocument = {
    type: "sell_refund",
    lines: pool.flatMap((entry, index) =>
      refundLines(entry.line, shares[index])
    ),
    payments: [{ type: "prepayment", sum: value }],
    total: value,
    customer: refundCustomer(
      order,
      sale ?? ({ customer: {} } as FiscalDocument)
    ),
    settled_at: date.toISOString(),
    basis: {
      kind: "exchange_return",
      id: options.movementId,
      amount: 0,
      return_ids: returns.map((entry) => entry.id),
      ...returnNumbers(returns),
      credit: value,
    },
  }
  return checkedDocument(order, document, settings)
}

/**
 * The sale receipt of the goods an exchange sent out when the difference went back to the
 * buyer in money (docs/fiscal-rules.md, "Exchanges"): the new goods at their real prices,
 * `full_payment`, paid entirely by the credit the refund receipt left (payment type
 * `prepayment`).
 */
export function buildExchangeSaleDocument(
  order: ReceiptOrder,
  settingsInput: ReceiptSettingsInput,
  options: ExchangeDocumentOptions
): FiscalDocument {
  const { settings, date, ledger } = exchangeContext(
    order,
    settingsInput,
    options
  )
  const customer = resolveCustomer(order)
  const { open, owed } = openGoodsAt(order, settings, ledger, date)
  const credit = ledger.credit + leftOf(ledger.advance)
  if (owed === 0 || credit < owed) {
    throw new ReceiptError(
      "INCONSISTENT_TOTALS",
      `The exchange of ${orderLabel(order)} settled with ${options.movementId} leaves ` +
        `${formatRubles(credit)} of credit for ${formatRubles(owed)} of new goods. Check the ` +
        `exchange's items and refund.`,
      { ...orderDetails(order), credit, owed }
    )
  }
  const sums = fitToPaid(order, open, owed)
  const document: FiscalDocument = {
    type: "sell",
    lines: open.flatMap((position, index) =>
      linesForPosition(order, position, sums[index], "full_payment", settings)
    ),
    payments: [{ type: "prepayment", sum: owed }],
    total: owed,
    customer,
    settled_at: date.toISOString(),
    basis: { kind: "exchange_sale", id: options.movementId, amount: 0 },
  }
  return checkedDocument(order, document, settings)
}
