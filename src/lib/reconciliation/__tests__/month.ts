import type { MoneyMovement, ReceiptRow } from "../types"
import { captureRow, refundRow, settlementRow } from "./build"

/**
 * A deterministic month of a shop: orders over 30 Moscow days with captures, partial
 * captures, refunds, settlements at handover (prepaid, and cash on delivery matched by a
 * later capture), order-level receipts, re-issues and exchange companions, every receipt
 * registered as it should be.
 */

/** mulberry32: a small seeded PRNG, the same sequence for the same seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const MONTH = { from: "2026-11-01", to: "2026-11-30" }
const DAY_MS = 86_400_000
const MONTH_START = Date.parse("2026-11-01T00:00:00+03:00")
/** The last moment a generated movement may have: 19:00 MSK on the last day. */
export const LAST_MOVEMENT = Date.parse("2026-11-30T19:00:00+03:00")

export type Scenario =
  | "single"
  | "partial"
  | "refunded"
  | "prepaid_handover"
  | "cash_on_delivery"
  | "order_level"
  | "resold"
  | "exchange"

const SCENARIOS: Scenario[] = [
  "single",
  "single",
  "single",
  "partial",
  "refunded",
  "refunded",
  "prepaid_handover",
  "cash_on_delivery",
  "order_level",
  "resold",
  "exchange",
]

/** One generated order with its movements and rows. */
export type GeneratedOrder = {
  id: string
  display_id: number
  scenario: Scenario
  captures: MoneyMovement[]
  refunds: MoneyMovement[]
  rows: ReceiptRow[]
}

const iso = (at: number) => new Date(at).toISOString()

/** Generates `count` orders; the same seed gives the same month. */
export function generateMonth(count: number, seed: number): GeneratedOrder[] {
  const random = prng(seed)
  const int = (min: number, max: number) =>
    min + Math.floor(random() * (max - min + 1))
  const orders: GeneratedOrder[] = []
  for (let n = 1; n <= count; n++) {
    const id = `order_${String(n).padStart(5, "0")}`
    const scenario = SCENARIOS[int(0, SCENARIOS.length - 1)]
    // a quarter of the orders are paid late in the evening, near Moscow midnight
    const minute =
      random() < 0.25 ? int(23 * 60, 23 * 60 + 59) : int(0, 22 * 60)
    let at = Math.min(
      MONTH_START + int(0, 29) * DAY_MS + minute * 60_000,
      LAST_MOVEMENT - 6 * 3_600_000
    )
    const order: GeneratedOrder = {
      id,
      display_id: n,
      scenario,
      captures: [],
      refunds: [],
      rows: [],
    }
    const total = int(10, 5_000) * 100 + int(0, 99)
    const later = (minutes: number) =>
      (at = Math.min(at + minutes * 60_000, LAST_MOVEMENT))
    const capture = (amount: number): MoneyMovement => {
      const c = {
        id: `cap_${n}_${order.captures.length + 1}`,
        order_id: id,
        order_display_id: n,
        amount,
        created_at: iso(at),
      }
      order.captures.push(c)
      return c
    }
    const refund = (amount: number): MoneyMovement => {
      const r = {
        id: `ref_${n}_${order.refunds.length + 1}`,
        order_id: id,
        order_display_id: n,
        amount,
        created_at: iso(at),
      }
      order.refunds.push(r)
      return r
    }
    // receipts are registered 1 to 50 minutes after their movement, across midnight too
    const registered = (m: MoneyMovement) => ({
      created_at: iso(Date.parse(m.created_at as string) + 2_000),
      registered_at: iso(
        Date.parse(m.created_at as string) + int(1, 50) * 60_000
      ),
    })
    if (scenario === "single" || scenario === "refunded") {
      const c = capture(total)
      order.rows.push(captureRow(c, registered(c)))
      if (scenario === "refunded") {
        const times = int(1, 2)
        for (let i = 0; i < times; i++) {
          later(int(60, 3 * 24 * 60))
          const r = refund(Math.floor(total / 3))
          order.rows.push(refundRow(r, registered(r)))
        }
      }
    } else if (scenario === "partial") {
      const first = Math.floor(total * (0.2 + random() * 0.6))
      const c1 = capture(first)
      order.rows.push(captureRow(c1, registered(c1)))
      later(int(10, 2 * 24 * 60))
      const c2 = capture(total - first)
      order.rows.push(captureRow(c2, { ...registered(c2), total }))
    } else if (scenario === "prepaid_handover") {
      const c = capture(total)
      order.rows.push(captureRow(c, registered(c)))
      later(int(60, 2 * 24 * 60))
      order.rows.push(
        settlementRow(id, `ful_${n}`, total, 0, iso(at), {
          registered_at: iso(at + 60_000),
        })
      )
    } else if (scenario === "cash_on_delivery") {
      const prepaid = Math.floor(total / 2)
      const c1 = capture(prepaid)
      order.rows.push(captureRow(c1, registered(c1)))
      later(int(60, 2 * 24 * 60))
      order.rows.push(
        settlementRow(id, `ful_${n}`, total, total - prepaid, iso(at), {
          registered_at: iso(at + 60_000),
        })
      )
      later(int(5, 24 * 60))
      const c2 = capture(total - prepaid)
      order.rows.push(
        captureRow(
          c2,
          { ...registered(c2), total: 0 },
          { collected: total - prepaid }
        )
      )
    } else if (scenario === "order_level") {
      const c = capture(total)
      order.rows.push({
        ...captureRow(c, registered(c)),
        id: `frc_sell_${n}`,
        source_key: `sell:${id}`,
        capture_id: null,
        basis: { kind: "order", id, amount: total },
      })
    } else if (scenario === "resold") {
      const c = capture(total)
      const original = captureRow(c, registered(c))
      later(int(60, 24 * 60))
      const step = (reason: "resell_refund" | "resell_sell"): ReceiptRow => ({
        ...original,
        id: `frc_${reason}_${n}`,
        source_key: `${reason}:${original.id}`,
        type: reason === "resell_refund" ? "sell_refund" : "sell",
        reason,
        created_at: iso(at),
        registered_at: iso(at + 60_000),
      })
      order.rows.push(original, step("resell_refund"), step("resell_sell"))
    } else {
      // an exchange with a surcharge: the credit refund of the returned goods, then the capture
      const c1 = capture(total)
      order.rows.push(captureRow(c1, registered(c1)))
      later(int(60, 3 * 24 * 60))
      const surcharge = int(1, 50) * 100
      const c2 = capture(surcharge)
      order.rows.push(
        {
          ...refundRow(c2, registered(c2)),
          id: `frc_exchange_${n}`,
          source_key: `exchange-return:${c2.id}`,
          reason: "exchange",
          capture_id: c2.id,
          refund_id: null,
          total,
          basis: {
            kind: "exchange_return",
            id: c2.id,
            amount: 0,
            credit: total,
          },
        },
        captureRow(c2, { ...registered(c2), total: total + surcharge })
      )
      // a canceled duplicate attempt of the handover that was replaced
      order.rows.push(
        settlementRow(id, `ful_${n}_canceled`, total, 0, iso(at), {
          status: "canceled",
          registered_at: null,
        })
      )
    }
    orders.push(order)
  }
  return orders
}
