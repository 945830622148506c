import type { AdminFiscalOrderSendResponse } from "../../types/http/receipts"
import { watchOrder } from "../watch"
import { actedResult, pickIds } from "./acted"
import type { CommandSpec } from "./types"
import { WAIT_OPTION, idArgument, waitSeconds } from "./values"

/** `sell <order>`: the admin's "Send to KKM" for an order. */
export const sell: CommandSpec = {
  name: "sell",
  args: "<order>",
  summary: 'Send an order to the cash register ("Send to KKM")',
  details:
    "Records a receipt for every capture, refund and handover of the order that has none;\n" +
    "when none is missing, sends its failed, invalid and postponed receipts again (a failed\n" +
    "one under a new external id, rebuilt from the order as it is now). Then watches them\n" +
    "being registered and prints each with its status.",
  options: { wait: WAIT_OPTION },
  async run(ctx) {
    const orderId = idArgument(ctx.positionals, "an order id", ["order_"])
    const seconds = waitSeconds(ctx.values.wait)
    const { receipts } = await ctx.client().json<AdminFiscalOrderSendResponse>({
      method: "POST",
      path: `/admin/fiscal/orders/${orderId}/send`,
    })
    const ids = receipts.map((r) => r.id)
    const watched = await watchOrder(ctx, orderId, seconds, pickIds(ids))
    return actedResult(
      `Order ${orderId}: ${ids.length} receipt(s) sent to the cash register.`,
      orderId,
      watched.receipts.length === ids.length ? watched.receipts : receipts,
      watched.settled
    )
  },
}
