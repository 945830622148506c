import { useQuery } from "@tanstack/react-query"
import {
  isHandedOver,
  settlementMoment,
  type FulfillmentDates,
} from "../../lib/receipt/movements/handover-moment"
import type {
  AdminFiscalReceiptRow,
  AdminFiscalSettingsResponse,
} from "../../types/http"
import { fiscalKeys } from "./query-keys"
import { fiscalFetch } from "./sdk"

/** A capture or refund of the order, amount in rubles as Medusa reports it. */
export type Movement = { id: string; amount: number }

/**
 * The order's money movements, what each receipt stands for: captures, refunds, and in
 * prepayment mode the fulfillments whose goods were handed over (each owes a settlement).
 */
export type OrderMoney = {
  captures: Movement[]
  refunds: Movement[]
  handedOver: string[]
}

type OrderResponse = {
  order: {
    payment_collections?: {
      payments?: {
        captures?: Movement[] | null
        refunds?: Movement[] | null
      }[]
    }[]
    fulfillments?: (FulfillmentDates & { id: string })[] | null
  }
}

const FIELDS = [
  "id",
  "payment_collections.payments.captures.id",
  "payment_collections.payments.captures.amount",
  "payment_collections.payments.refunds.id",
  "payment_collections.payments.refunds.amount",
  "fulfillments.id",
  "fulfillments.created_at",
  "fulfillments.shipped_at",
  "fulfillments.delivered_at",
  "fulfillments.canceled_at",
].join(",")

/** The handover moment settlements follow, or null outside prepayment mode. */
function handoverOf({ settings }: AdminFiscalSettingsResponse) {
  return settlementMoment(
    settings.receipt.payment_method_mode,
    settings.receipt.handover
  )
}

/**
 * Every capture and refund of the order (the order page's own data has no captures), and
 * the fulfillments handed over when the shop issues settlement receipts.
 */
export function useOrderMoney(orderId: string) {
  return useQuery({
    queryKey: [...fiscalKeys.receipts(), "order-money", orderId],
    queryFn: async (): Promise<OrderMoney> => {
      const [{ order }, settings] = await Promise.all([
        fiscalFetch<OrderResponse>(`/admin/orders/${orderId}`, {
          query: { fields: FIELDS },
        }),
        fiscalFetch<AdminFiscalSettingsResponse>("/admin/fiscal/settings"),
      ])
      const payments = (order.payment_collections ?? []).flatMap(
        (pc) => pc.payments ?? []
      )
      const moment = handoverOf(settings)
      return {
        captures: payments.flatMap((p) => p.captures ?? []),
        refunds: payments.flatMap((p) => p.refunds ?? []),
        handedOver: moment
          ? (order.fulfillments ?? [])
              .filter((f) => isHandedOver(f, moment))
              .map((f) => f.id)
          : [],
      }
    },
  })
}

/**
 * What a receipt is for: a capture or refund of the order with its amount (rubles) and
 * returns, or the whole order.
 */
export type Purpose =
  | {
      kind: "capture" | "refund"
      amount: number | null
      returns: (number | string)[]
      /** A capture whose money a settlement receipt registered at the handover. */
      onHandover?: boolean
    }
  | { kind: "order" }
  /** A settlement of prepayment mode; `taken`: rubles taken at the handover, if any. */
  | { kind: "handover"; taken: number }

export function movementOf(
  receipt: Pick<
    AdminFiscalReceiptRow,
    "capture_id" | "refund_id" | "source_key" | "basis"
  >,
  money: OrderMoney | undefined
): Purpose | null {
  const returns = receipt.basis?.return_numbers ?? []
  // a built receipt knows its money (kopecks); one still queued is looked up on the order
  const amountOf = (list: Movement[] | undefined, id: string) => {
    if (receipt.basis?.id === id) {
      return receipt.basis.amount / 100
    }
    const found = list?.find((m) => m.id === id)
    return found ? Number(found.amount) : null
  }
  if (receipt.capture_id) {
    return {
      kind: "capture",
      amount: amountOf(money?.captures, receipt.capture_id),
      returns,
      onHandover: (receipt.basis?.collected ?? 0) > 0,
    }
  }
  if (receipt.source_key.startsWith("handover:")) {
    return {
      kind: "handover",
      taken:
        receipt.basis?.kind === "handover" ? receipt.basis.amount / 100 : 0,
    }
  }
  if (receipt.refund_id) {
    return {
      kind: "refund",
      amount: amountOf(money?.refunds, receipt.refund_id),
      returns,
    }
  }
  return receipt.source_key.startsWith("sell:") ? { kind: "order" } : null
}

/**
 * Captures, refunds and handovers of the order without a receipt: what "Send to KKM"
 * creates. An order fiscalized as a whole (`sell:<order>`) has its earlier captures
 * covered by it.
 */
export function missingMovements(
  money: OrderMoney | undefined,
  receipts: AdminFiscalReceiptRow[]
): number {
  if (!money) {
    return 0
  }
  const captured = new Set(receipts.map((r) => r.capture_id).filter(Boolean))
  const refunded = new Set(receipts.map((r) => r.refund_id).filter(Boolean))
  const whole = receipts.some((r) => r.source_key.startsWith("sell:"))
  const settled = new Set(receipts.map((r) => r.source_key))
  return (
    (whole ? 0 : money.captures.filter((c) => !captured.has(c.id)).length) +
    money.refunds.filter((r) => !refunded.has(r.id)).length +
    money.handedOver.filter((id) => !settled.has(`handover:${id}`)).length
  )
}
