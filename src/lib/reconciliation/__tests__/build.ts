import type { ReceiptBasis } from "../../receipt/types"
import type { MoneyMovement, ReceiptRow } from "../types"

/** Test builders: movements and receipt rows with sensible defaults. */

export const movement = (
  id: string,
  order_id: string,
  amount: number,
  created_at: string
): MoneyMovement => ({ id, order_id, amount, created_at })

/** A `capture:<id>` row, done, with its basis. */
export function captureRow(
  capture: MoneyMovement,
  patch: Partial<ReceiptRow> = {},
  basis: Partial<ReceiptBasis> = {}
): ReceiptRow {
  return {
    id: `frc_${capture.id}`,
    order_id: capture.order_id,
    source_key: `capture:${capture.id}`,
    type: "sell",
    reason: "payment",
    status: "done",
    total: capture.amount,
    capture_id: capture.id,
    refund_id: null,
    fulfillment_id: null,
    registered_at: capture.created_at,
    created_at: capture.created_at,
    needs_attention: false,
    basis: {
      kind: "capture",
      id: capture.id,
      amount: capture.amount,
      ...basis,
    },
    ...patch,
  }
}

/** A `refund:<id>` row, done, with its basis. */
export function refundRow(
  refund: MoneyMovement,
  patch: Partial<ReceiptRow> = {}
): ReceiptRow {
  return {
    ...captureRow(refund),
    id: `frc_${refund.id}`,
    source_key: `refund:${refund.id}`,
    type: "sell_refund",
    reason: "refund",
    capture_id: null,
    refund_id: refund.id,
    basis: { kind: "refund", id: refund.id, amount: refund.amount },
    ...patch,
  }
}

/** A `handover:<fulfillment>` settlement row, done. */
export function settlementRow(
  order_id: string,
  fulfillment_id: string,
  total: number,
  collected: number,
  at: string,
  patch: Partial<ReceiptRow> = {}
): ReceiptRow {
  return {
    id: `frc_${fulfillment_id}`,
    order_id,
    source_key: `handover:${fulfillment_id}`,
    type: "sell",
    reason: "settlement",
    status: "done",
    total,
    capture_id: null,
    refund_id: null,
    fulfillment_id,
    registered_at: at,
    created_at: at,
    needs_attention: false,
    basis: { kind: "handover", id: fulfillment_id, amount: collected },
    ...patch,
  }
}
