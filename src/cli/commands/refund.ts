import type {
  AdminFiscalOrderSendResponse,
  AdminFiscalReceiptResponse,
} from "../../types/http/receipts"
import { watchOrder } from "../watch"
import { actedResult, pickIds } from "./acted"
import type { CommandSpec } from "./types"
import { WAIT_OPTION, idArgument, waitSeconds } from "./values"

/** `refund <order|refund>`: "Send to KKM" for refunds only. */
export const refund: CommandSpec = {
  name: "refund",
  args: "<order|refund>",
  summary: "Send the refund receipts of an order, or of one refund",
  details:
    "With an order id (order_…): records a receipt for every refund of the order that has\n" +
    "none; when none is missing, sends its failed and postponed refund receipts again. Sales\n" +
    "are left alone (use sell for those). With a refund id (ref_…, Medusa's refund): that\n" +
    "refund's receipt, recorded or sent again. A refund receipt is registered after the\n" +
    "order's sale receipts, so it may wait for them.",
  options: { wait: WAIT_OPTION },
  async run(ctx) {
    const id = idArgument(ctx.positionals, "an order or refund id", [
      "order_",
      "ref_",
    ])
    const seconds = waitSeconds(ctx.values.wait)
    const client = ctx.client()
    const receipts = id.startsWith("ref_")
      ? [
          (
            await client.json<AdminFiscalReceiptResponse>({
              method: "POST",
              path: `/admin/fiscal/refunds/${id}/send`,
            })
          ).receipt,
        ]
      : (
          await client.json<AdminFiscalOrderSendResponse>({
            method: "POST",
            path: `/admin/fiscal/orders/${id}/refunds/send`,
          })
        ).receipts
    const orderId = receipts[0].order_id
    const ids = receipts.map((r) => r.id)
    const watched = await watchOrder(ctx, orderId, seconds, pickIds(ids))
    return actedResult(
      id.startsWith("ref_")
        ? `Refund ${id} of order ${orderId}: its receipt sent to the cash register.`
        : `Order ${orderId}: ${ids.length} refund receipt(s) sent to the cash register.`,
      orderId,
      watched.receipts.length === ids.length ? watched.receipts : receipts,
      watched.settled
    )
  },
}
