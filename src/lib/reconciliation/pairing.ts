import {
  counts,
  moneyOf,
  movementIdOf,
  roleOf,
  takenBack,
  type RowRole,
} from "./classify"
import { instantOf, moscowDay } from "../moscow-day"
import type { MedusaMovements, MoneyMovement, ReceiptRow } from "./types"

/** A Medusa movement with its kind, instant and Moscow day. */
export type Movement = MoneyMovement & {
  kind: "capture" | "refund"
  at: number
  day: string
}

/** A receipt row standing for a movement, with the kopecks of its money that are this movement's. */
export type Standing = { row: ReceiptRow; share: number }

/** Which rows stand for which movements. */
export type Pairing = {
  movements: Movement[]
  /** Rows standing for each movement id (canceled rows and resell steps left out). */
  standing: Map<string, Standing[]>
  /** The movements each row stands for, by row id. */
  coveredBy: Map<string, Movement[]>
  /** Rows that name a capture, refund or order whose money Medusa does not have. */
  orphans: ReceiptRow[]
  /** Each counted row with its role. */
  rows: { row: ReceiptRow; role: RowRole }[]
}

/**
 * A capture's done row with `basis.collected` says a settlement registered that much of
 * the capture's money. Per order, the settlements' money (what they took at the handover)
 * must cover those claims, earliest capture first; what it does not cover is taken off the
 * capture's share, so the capture's receipt shows as registered for less than it moved.
 */
function uncollected(
  rows: { row: ReceiptRow; role: RowRole }[],
  standing: Map<string, Standing[]>
): void {
  const settled = new Map<string, number>()
  for (const { row, role } of rows) {
    if (role === "settlement" && row.status === "done") {
      settled.set(
        row.order_id,
        (settled.get(row.order_id) ?? 0) + (moneyOf(row) ?? 0)
      )
    }
  }
  const claims = [...standing.values()]
    .flat()
    .filter(
      (s) =>
        s.row.status === "done" &&
        (s.row.basis?.collected ?? 0) > 0 &&
        roleOf(s.row) === "capture"
    )
    .sort(
      (a, b) =>
        instantOf(a.row.created_at) - instantOf(b.row.created_at) ||
        (a.row.id < b.row.id ? -1 : 1)
    )
  for (const claim of claims) {
    const collected = claim.row.basis!.collected!
    const available = settled.get(claim.row.order_id) ?? 0
    const covered = Math.min(collected, available)
    settled.set(claim.row.order_id, available - covered)
    claim.share -= collected - covered
  }
}

const byTime = (a: Movement, b: Movement) =>
  a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * Pairs rows with movements by id, never by day: a capture's row is the one naming it;
 * the order-level row `sell:<order>` stands for the order's captures made up to its
 * creation (the pipeline records no capture row for those), or, when there are none, for
 * the captures after it that have no row of their own (a shop fiscalizing at placement).
 * Its money is spread over them, earliest first.
 */
export function pair(
  movements: MedusaMovements,
  receipts: ReadonlyArray<ReceiptRow>
): Pairing {
  const all: Movement[] = [
    ...movements.captures.map((m) => ({ ...m, kind: "capture" as const })),
    ...movements.refunds.map((m) => ({ ...m, kind: "refund" as const })),
  ].map((m) => {
    const at = instantOf(m.created_at)
    return { ...m, at, day: moscowDay(at) }
  })
  const byId = new Map(all.map((m) => [`${m.kind}:${m.id}`, m]))
  const standing = new Map<string, Standing[]>(all.map((m) => [m.id, []]))
  const coveredBy = new Map<string, Movement[]>()
  const orphans: ReceiptRow[] = []
  const cancelled = takenBack(receipts)
  const rows = receipts
    .filter((row) => counts(row) && !cancelled.has(row.id))
    .map((row) => ({ row, role: roleOf(row) }))
  const stand = (row: ReceiptRow, list: Movement[], share: number[]) => {
    coveredBy.set(row.id, list)
    list.forEach((m, i) => standing.get(m.id)!.push({ row, share: share[i] }))
  }

  for (const { row, role } of rows) {
    if (role !== "capture" && role !== "refund") {
      continue
    }
    const movement = byId.get(`${role}:${movementIdOf(row)}`)
    if (movement && movement.order_id === row.order_id) {
      stand(row, [movement], [moneyOf(row) ?? movement.amount])
    } else {
      orphans.push(row)
    }
  }

  uncollected(rows, standing)

  const capturesOf = new Map<string, Movement[]>()
  for (const m of all.filter((m) => m.kind === "capture").sort(byTime)) {
    capturesOf.set(m.order_id, [...(capturesOf.get(m.order_id) ?? []), m])
  }
  for (const { row, role } of rows) {
    if (role !== "order") {
      continue
    }
    const captures = capturesOf.get(row.order_id) ?? []
    const createdAt = instantOf(row.created_at)
    let covered = captures.filter((m) => m.at <= createdAt)
    if (!covered.length) {
      covered = captures.filter((m) =>
        standing.get(m.id)!.every((s) => s.row.id === row.id)
      )
    }
    if (!covered.length) {
      orphans.push(row)
      continue
    }
    const money = moneyOf(row) ?? covered.reduce((s, m) => s + m.amount, 0)
    let rest = money
    const shares = covered.map((m, i) => {
      const share = i === covered.length - 1 ? rest : Math.min(rest, m.amount)
      rest -= share
      return share
    })
    stand(row, covered, shares)
  }

  return { movements: all.sort(byTime), standing, coveredBy, orphans, rows }
}
