import type { FiscalDocument, FiscalDocumentType, FiscalLine } from "../types"

/** True for a document that takes money in: a sale or the correction of a sale. */
export function isIncoming(type: FiscalDocumentType): boolean {
  return type === "sell" || type === "sell_correction"
}

/**
 * A line the order's earlier receipts sold, with what is left of it after their refunds.
 * `line` is the line as it was registered; `left` is the kopecks of it not refunded yet.
 */
export type LedgerLine = {
  line: FiscalLine
  left: number
  /**
   * Which registered document the line comes from, by its place in the replay: lines of
   * one document are different units of the goods (a line split by price), while the
   * partial advances of different documents each name the same open units.
   */
  from?: number
}

/**
 * What the order's registered receipts add up to (docs/fiscal-rules.md, "A receipt per
 * money movement"):
 * - `settled`: goods and shipping sold with a settlement (`full_payment`; in prepayment
 *   mode `full_prepayment`, which pays for them in full);
 * - `advance`: partial prepayments (`prepayment`) not yet offset by a settlement receipt;
 * - `credit`: kopecks the buyer holds from goods returned in an exchange and not paid back
 *   in money (a refund receipt's `prepayment` payment), until a sale receipt offsets them;
 * - `returns`: returns whose items a refund receipt already listed;
 * - `collected`: kopecks settlement receipts registered as taken at the handover, on top of
 *   the prepayment, that no capture's receipt has matched yet (docs/fiscal-rules.md,
 *   "Prepayment and the settlement at handover").
 *
 * In prepayment mode a handover receipt turns prepaid goods into handed-over ones: the
 * `full_prepayment` lines and the advances of its units leave the pools and its
 * `full_payment` lines join `settled`.
 */
export type OrderLedger = {
  settled: LedgerLine[]
  advance: LedgerLine[]
  credit: number
  returns: Set<string>
  collected: number
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
 * A correction that takes a registered sale receipt back whole (`buildReversalCorrection`):
 * a `sell_refund_correction` carrying the sale's basis, not a refund's. Replayed, its goods
 * are no longer sold, so a correct receipt can sell them again (docs/fiscal-rules.md,
 * "Corrections").
 */
export function isTakeBack(document: FiscalDocument): boolean {
  return (
    document.type === "sell_refund_correction" &&
    document.basis?.kind !== "refund"
  )
}

/**
 * Removes the registered line a take-back repeats from the pool (the latest line of the same
 * goods, units and sum); a line it does not find is taken off like a refund.
 */
function unsell(pool: LedgerLine[], line: FiscalLine): number {
  for (let i = pool.length - 1; i >= 0; i--) {
    const entry = pool[i].line
    if (
      sameGoods(entry, line) &&
      entry.quantity === line.quantity &&
      entry.sum === line.sum &&
      pool[i].left === entry.sum
    ) {
      pool.splice(i, 1)
      return 0
    }
  }
  return takeOff(pool, line)
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

/** `total × part / whole`, rounded half up, exact for any kopeck amount. */
export function proportion(total: number, part: number, whole: number): number {
  return Number(
    (BigInt(total) * BigInt(part) * 2n + BigInt(whole)) / (2n * BigInt(whole))
  )
}

const milliOf = (line: FiscalLine) => Math.round(line.quantity * 1000)

/** What a handover takes off the prepaid pools for some units of one line of the order. */
export type TakenPrepayment = {
  /** Units (thousandths) that were prepaid in full (`full_prepayment`). */
  fullMilli: number
  /** Kopecks left of those units' prepayment: they are worth that much now. */
  full: number
  /** Kopecks those units were prepaid for, before any refund. */
  fullSum: number
  /** Kopecks of partial advances (`prepayment`) the other units carry. */
  advance: number
}

/**
 * Takes `milli` units of the goods `source` off the prepaid pools: first off the lines
 * prepaid in full (disjoint units, line by line), then, for the units those did not
 * cover, their share of every partial advance of the goods: each advance receipt names
 * all the open units, so each gives its part for them, taken line by line within the
 * receipt. The lines shrink by what is taken; emptied lines leave the pools.
 */
export function takePrepaid(
  ledger: OrderLedger,
  source: { kind: string; id: string },
  milli: number
): TakenPrepayment {
  const key = sourceKey(source)
  const taken: TakenPrepayment = {
    fullMilli: 0,
    full: 0,
    fullSum: 0,
    advance: 0,
  }
  const shrink = (entry: LedgerLine, units: number): number => {
    const whole = milliOf(entry.line)
    const left =
      units === whole ? entry.left : proportion(entry.left, units, whole)
    const sum =
      units === whole
        ? entry.line.sum
        : proportion(entry.line.sum, units, whole)
    entry.line = {
      ...entry.line,
      quantity: (whole - units) / 1000,
      sum: entry.line.sum - sum,
    }
    entry.left -= left
    return left
  }
  for (const entry of ledger.settled) {
    if (
      taken.fullMilli === milli ||
      entry.line.payment_method !== "full_prepayment" ||
      sourceKey(entry.line.source) !== key
    ) {
      continue
    }
    const units = Math.min(milli - taken.fullMilli, milliOf(entry.line))
    const sum = entry.line.sum
    taken.full += shrink(entry, units)
    taken.fullSum += sum - entry.line.sum
    taken.fullMilli += units
  }
  const rest = milli - taken.fullMilli
  const need = new Map<number | undefined, number>()
  for (const entry of ledger.advance) {
    const wanted = need.get(entry.from) ?? rest
    if (
      wanted === 0 ||
      sourceKey(entry.line.source) !== key ||
      milliOf(entry.line) === 0
    ) {
      continue
    }
    const units = Math.min(wanted, milliOf(entry.line))
    taken.advance += shrink(entry, units)
    need.set(entry.from, wanted - units)
  }
  ledger.settled = ledger.settled.filter((entry) => milliOf(entry.line) > 0)
  ledger.advance = ledger.advance.filter((entry) => milliOf(entry.line) > 0)
  return taken
}

/**
 * What the goods `source` carry in prepayments not handed over yet: kopecks left of their
 * partial advances, and the kopecks of their lines prepaid in full.
 */
export function prepaidOf(
  ledger: OrderLedger,
  source: { kind: string; id: string }
): { advance: number; full: number } {
  const key = sourceKey(source)
  const mine = (entry: LedgerLine) => sourceKey(entry.line.source) === key
  return {
    advance: leftOf(ledger.advance.filter(mine)),
    full: ledger.settled
      .filter(
        (entry) =>
          mine(entry) && entry.line.payment_method === "full_prepayment"
      )
      .reduce((sum, entry) => sum + entry.line.sum, 0),
  }
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
    collected: 0,
  }
  let unmatched = 0
  for (const [from, document] of documents.entries()) {
    for (const id of document.basis?.return_ids ?? []) {
      ledger.returns.add(id)
    }
    if (isIncoming(document.type) && document.basis?.kind === "handover") {
      for (const line of document.lines) {
        takePrepaid(ledger, line.source, milliOf(line))
        ledger.settled.push({ line, left: line.sum, from })
      }
      ledger.collected += document.payments
        .filter((p) => p.type !== "prepayment")
        .reduce((sum, p) => sum + p.sum, 0)
      continue
    }
    if (isIncoming(document.type)) {
      ledger.collected -= Math.min(
        ledger.collected,
        document.basis?.collected ?? 0
      )
      const offsets = document.payments.some((p) => p.type === "prepayment")
      if (offsets) {
        ledger.advance = []
        ledger.credit = 0
      }
      for (const line of document.lines) {
        const pool = isAdvanceLine(line) ? ledger.advance : ledger.settled
        pool.push({ line, left: line.sum, from })
      }
      continue
    }
    if (isTakeBack(document)) {
      for (const line of document.lines) {
        const pool = isAdvanceLine(line) ? ledger.advance : ledger.settled
        unmatched += unsell(pool, line)
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

/** Marking codes the settled goods went out with: a code leaves circulation once. */
export function usedMarkCodes(ledger: OrderLedger): Set<string> {
  const codes = new Set<string>()
  for (const { line } of ledger.settled) {
    if (
      line.mark_code !== undefined &&
      line.payment_method === "full_payment"
    ) {
      codes.add(line.mark_code)
    }
  }
  return codes
}

/** The stored codes of a line no receipt has settled a unit with yet, in entry order. */
export function freeMarkCodes(
  codes: ReadonlyArray<string> | null,
  used: ReadonlySet<string>
): string[] | null {
  return codes ? codes.filter((code) => !used.has(code)) : null
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
