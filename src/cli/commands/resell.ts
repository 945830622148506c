import type { AdminFiscalReceiptResponse } from "../../types/http/receipts"
import { isSettled, type ReceiptView } from "../receipts-view"
import { watchOrder } from "../watch"
import { actedResult } from "./acted"
import type { CommandSpec } from "./types"
import { WAIT_OPTION, idArgument, waitSeconds } from "./values"

/** The steps of a resell of `original`: its refund, then (once that is registered) its new sale. */
function resellSteps(original: string) {
  return (rows: ReceiptView[]) => {
    const steps = rows.filter(
      (r) =>
        r.parent_id === original &&
        (r.reason === "resell_refund" || r.reason === "resell_sell")
    )
    const refund = steps.find((r) => r.reason === "resell_refund")
    const sale = steps.find((r) => r.reason === "resell_sell")
    const settled =
      !!refund &&
      isSettled(refund) &&
      (refund.status !== "done" || (!!sale && isSettled(sale)))
    return { receipts: [refund, sale].filter((r) => !!r), settled }
  }
}

/** `resell <order|receipt>`: re-issues a registered sale receipt. */
export const resell: CommandSpec = {
  name: "resell",
  args: "<order|receipt>",
  summary:
    "Re-issue a registered sale receipt: a refund of it, then a new sale",
  details:
    "With an order id: re-issues the order's latest registered sale receipt; with a receipt\n" +
    "id (frc_…): that one. The shop registers a refund of the receipt and, once it is\n" +
    "registered, the same sale again; both carry the original's ФП. Every step is a new\n" +
    "receipt with its own external id, so the cash register never takes it for the old one:\n" +
    'there is no "--new-id" to ask for (the Magento module\'s --force) — new ids are how a\n' +
    "resell always works.",
  options: { wait: WAIT_OPTION },
  refused: {
    "new-id":
      "a resell always registers its refund and its new sale as new receipts with their own external ids; there is no old id to keep, so run it without --new-id.",
  },
  async run(ctx) {
    const id = idArgument(ctx.positionals, "an order or receipt id", [
      "order_",
      "frc_",
    ])
    const seconds = waitSeconds(ctx.values.wait)
    const { receipt } = await ctx.client().json<AdminFiscalReceiptResponse>({
      method: "POST",
      path: id.startsWith("frc_")
        ? `/admin/fiscal/receipts/${id}/resell`
        : `/admin/fiscal/orders/${id}/resell`,
    })
    const original = receipt.parent_id ?? id
    const watched = await watchOrder(
      ctx,
      receipt.order_id,
      seconds,
      resellSteps(original)
    )
    return actedResult(
      `Receipt ${original} of order ${receipt.order_id} is being re-issued: refund, then a new sale.`,
      receipt.order_id,
      watched.receipts.length ? watched.receipts : [receipt],
      watched.settled
    )
  },
}
