import { isCorrection, moneyOf, type RowRole } from "./classify"
import { instantOf, moscowDay } from "../moscow-day"
import type { Movement, Pairing, Standing } from "./pairing"
import type { Finding, ReceiptRow } from "./types"

/** What the checks need besides the pairing. */
export type CheckContext = {
  /** Is the Moscow day within the period? */
  inPeriod: (day: string) => boolean
  /** Today's Moscow day. */
  today: string
  now: number
  stuckAfterMs: number
  graceMs: number
}

const MINUTE_MS = 60_000

/** Minutes as milliseconds. */
export const minutes = (n: number) => n * MINUTE_MS

const registeredAt = (row: ReceiptRow) =>
  instantOf(row.registered_at ?? row.created_at)

const firstRegistered = (a: Standing, b: Standing) =>
  registeredAt(a.row) - registeredAt(b.row) ||
  instantOf(a.row.created_at) - instantOf(b.row.created_at) ||
  (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0)

const movementRef = (m: Movement) => ({ kind: m.kind, id: m.id })

const orderOf = (m: {
  order_id: string
  order_display_id?: number | string
}) =>
  m.order_display_id === undefined
    ? { order_id: m.order_id }
    : { order_id: m.order_id, order_display_id: m.order_display_id }

/**
 * Money without a receipt, and duplicates: per movement of the period, no row stands for
 * it, or more than one registered sale or refund receipt does (the first registered
 * stands; the later ones are duplicates). A correction covers a movement without being a
 * second receipt of it.
 */
export function movementFindings(p: Pairing, c: CheckContext): Finding[] {
  const out: Finding[] = []
  for (const m of p.movements) {
    if (!c.inPeriod(m.day)) {
      continue
    }
    const rows = p.standing.get(m.id) ?? []
    if (!rows.length) {
      if (c.now - m.at >= c.graceMs) {
        out.push({
          kind: "money_without_receipt",
          day: m.day,
          ...orderOf(m),
          movement: movementRef(m),
          receipt_ids: [],
          amount: m.amount,
          remedy: m.day === c.today ? "issue_receipt" : "issue_correction",
        })
      }
      continue
    }
    const done = rows
      .filter((s) => s.row.status === "done" && !isCorrection(s.row))
      .sort(firstRegistered)
    for (const dup of done.slice(1)) {
      out.push({
        kind: "receipt_without_money",
        day: m.day,
        ...orderOf(m),
        movement: movementRef(m),
        receipt_ids: [dup.row.id],
        amount: dup.share,
        remedy: "refund_duplicate",
      })
    }
  }
  return out
}

/**
 * Registered receipts naming a capture, refund or order Medusa has no money for.
 * The day is the receipt's (registered, else created).
 */
export function orphanFindings(p: Pairing, c: CheckContext): Finding[] {
  return p.orphans
    .filter((row) => row.status === "done")
    .map((row): Finding => {
      const day = moscowDay(registeredAt(row))
      return {
        kind: "receipt_without_money",
        day,
        order_id: row.order_id,
        receipt_ids: [row.id],
        amount: moneyOf(row) ?? 0,
        remedy: "refund_duplicate",
      }
    })
    .filter((f) => c.inPeriod(f.day))
}

/**
 * Registered receipts whose money differs from their movement's: a capture or refund
 * receipt against its movement, the order-level receipt against the captures it stands
 * for. Duplicates are left to {@link movementFindings}.
 */
export function amountFindings(p: Pairing, c: CheckContext): Finding[] {
  const out: Finding[] = []
  for (const { row, role } of p.rows) {
    if (
      row.status !== "done" ||
      isCorrection(row) ||
      (role !== "capture" && role !== "refund" && role !== "order")
    ) {
      continue
    }
    const covered = p.coveredBy.get(row.id)
    if (!covered?.length || moneyOf(row) === null) {
      continue
    }
    // the row's shares: its money, less what a settlement was said to take and did not
    const money = covered.reduce(
      (sum, m) =>
        sum + p.standing.get(m.id)!.find((s) => s.row.id === row.id)!.share,
      0
    )
    const first = covered.map((m) => p.standing.get(m.id)!)
    const isDuplicate = first.every(
      (list) =>
        list
          .filter((s) => s.row.status === "done" && !isCorrection(s.row))
          .sort(firstRegistered)[0]?.row.id !== row.id
    )
    const expected = covered.reduce((sum, m) => sum + m.amount, 0)
    const last = covered[covered.length - 1]
    if (isDuplicate || money === expected || !c.inPeriod(last.day)) {
      continue
    }
    out.push({
      kind: "amount_differs",
      day: last.day,
      ...orderOf(last),
      movement: movementRef(last),
      receipt_ids: [row.id],
      amount: Math.abs(money - expected),
      remedy: "issue_correction",
    })
  }
  return out
}

const BROKEN = new Set(["failed", "invalid", "unknown"])

/** Whether a row not `done` needs a person now, rather than being on its way. */
function stuckNow(row: ReceiptRow, since: number, c: CheckContext): boolean {
  if (row.status === "done") {
    return false
  }
  return (
    BROKEN.has(row.status) ||
    row.needs_attention ||
    c.now - since >= c.stuckAfterMs
  )
}

/** The kopecks at stake when a row is not registered. */
function atStake(row: ReceiptRow, role: RowRole, covered: Movement[]): number {
  if (covered.length) {
    return covered.reduce((sum, m) => sum + m.amount, 0)
  }
  if (role === "settlement") {
    return row.total ?? moneyOf(row) ?? 0
  }
  return moneyOf(row) ?? row.total ?? 0
}

/**
 * Receipts failed, invalid or unknown, flagged for a person, or not `done` the configured
 * time after their movement (their creation, when they stand for none). The day is their
 * first movement's, else the row's creation day.
 */
export function stuckFindings(p: Pairing, c: CheckContext): Finding[] {
  const out: Finding[] = []
  for (const { row, role } of p.rows) {
    const covered = p.coveredBy.get(row.id) ?? []
    const first = covered[0]
    const since = first ? first.at : instantOf(row.created_at)
    const day = first ? first.day : moscowDay(since)
    if (!c.inPeriod(day) || !stuckNow(row, since, c)) {
      continue
    }
    out.push({
      kind: "stuck_or_failed",
      day,
      ...(first ? orderOf(first) : { order_id: row.order_id }),
      ...(first ? { movement: movementRef(first) } : {}),
      receipt_ids: [row.id],
      amount: atStake(row, role, covered),
      remedy: "fix_and_send",
    })
  }
  return out
}
