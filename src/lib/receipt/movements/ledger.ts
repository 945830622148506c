import type { FiscalDocument, FiscalLine } from "../types"

/**
 * A line the order's earlier receipts sold, with what is left of it after their refunds.
 * `line` is the line as it was registered; `left` is the kopecks of it not refunded yet.
 */
export type LedgerLine = { line: FiscalLine; left: number }

/**
 * What the order's registered receipts add up to (docs/fiscal-rules.md, "A receipt per
 * money movement"):
 * - `settled`: goods and shipping sold with a settlement (`full_payment`; in prepayment
 *   mode `full_prepayment`, which pays for them in full);
 * - `advance`: partial prepayments (`prepayment`) not yet offset by a settlement receipt;
 * - `credit`: kopecks the buyer holds from goods returned in an exchange and not paid back
 *   in money (a refund receipt's `prepayment` payment), until a sale receipt offsets them;
 * - `returns`: returns whose items a refund receipt already listed.
 */
export type OrderLedger = {
  settled: LedgerLine[]
  advance: LedgerLine[]
  credit: number
  returns: Set<string>
}

const ADVANCE_METHODS = new Set(["prepayment", "advance"])

/** A line that pays only part of its goods in advance (not a settlement, not 100 %). */
export function isAdvanceLine(line: FiscalLine): boolean {
  return ADVANCE_METHODS.has(line.payment_method)
}

function sameGoods(a: FiscalLine, b: FiscalLine): boolean {
  return (
    a.source.kind === b.source.kind &&
    a.source.id === b.source.id &&
    (b.mark_code === undefined || a.mark_code === b.mark_code)
  )
}

/**
 * Takes a refund line off the pool lines of the same goods, first line first. Returns the
 * kopecks that found no line (a refund of more than was sold; the caller reports it).
 */
function takeOff(pool: LedgerLine[], refunded: FiscalLine): number {
  let rest = refunded.sum
  for (const entry of pool) {
    if (rest === 0) {
      break
    }
    if (sameGoods(entry.line, refunded)) {
      const taken = Math.min(rest, entry.left)
      entry.left -= taken
      rest -= taken
    }
  }
  return rest
}

/** Σ `left` of the lines. */
export function leftOf(lines: ReadonlyArray<LedgerLine>): number {
  return lines.reduce((sum, entry) => sum + entry.left, 0)
}

/**
 * Replays the order's earlier receipts, oldest first. A sale receipt paid partly by an
 * offset (payment type `prepayment`) settles the goods it lists and uses the advance and
 * the credit up; a refund receipt comes off the lines of the same goods — off the advance
 * when it refunds a prepayment, off the settled goods otherwise — and what it gives back as
 * credit rather than money (payment type `prepayment`) becomes the buyer's credit.
 */
export function replayLedger(
  documents: ReadonlyArray<FiscalDocument>
): OrderLedger & { unmatched: number } {
  const ledger: OrderLedger = {
    settled: [],
    advance: [],
    credit: 0,
    returns: new Set(),
  }
  let unmatched = 0
  for (const document of documents) {
    for (const id of document.basis?.return_ids ?? []) {
      ledger.returns.add(id)
    }
    if (document.type === "sell") {
      const offsets = document.payments.some((p) => p.type === "prepayment")
      if (offsets) {
        ledger.advance = []
        ledger.credit = 0
      }
      for (const line of document.lines) {
        const pool = isAdvanceLine(line) ? ledger.advance : ledger.settled
        pool.push({ line, left: line.sum })
      }
      continue
    }
    for (const line of document.lines) {
      const pool = isAdvanceLine(line) ? ledger.advance : ledger.settled
      unmatched += takeOff(pool, line)
    }
    ledger.credit += document.payments
      .filter((p) => p.type === "prepayment")
      .reduce((sum, p) => sum + p.sum, 0)
  }
  ledger.settled = ledger.settled.filter((entry) => entry.line.sum > 0)
  return { ...ledger, unmatched }
}

/** Units (in thousandths) and kopecks of the goods the settled lines sold, per `kind:id`. */
export function settledBySource(
  ledger: OrderLedger
): Map<string, { milli: number; sum: number }> {
  const settled = new Map<string, { milli: number; sum: number }>()
  for (const { line } of ledger.settled) {
    const key = sourceKey(line.source)
    const entry = settled.get(key) ?? { milli: 0, sum: 0 }
    entry.milli += Math.round(line.quantity * 1000)
    entry.sum += line.sum
    settled.set(key, entry)
  }
  return settled
}

/** Kopecks of advance left per `kind:id`. */
export function advanceBySource(ledger: OrderLedger): Map<string, number> {
  const sums = new Map<string, number>()
  for (const { line, left } of ledger.advance) {
    const key = sourceKey(line.source)
    sums.set(key, (sums.get(key) ?? 0) + left)
  }
  return sums
}

/** The key a ledger groups lines by: `item:<id>` or `shipping:<id>`. */
export function sourceKey(source: { kind: string; id: string }): string {
  return `${source.kind}:${source.id}`
}
