import type { AdminFiscalReceiptListResponse } from "../types/http/receipts"
import type { CommandContext } from "./commands/types"
import type { ReceiptView } from "./receipts-view"

/** How often the console looks at receipts it is waiting for. */
const POLL_MS = 1_000

/** An order's receipts, as many as one page of the list holds (newest first). */
export async function orderReceipts(
  ctx: CommandContext,
  orderId: string
): Promise<ReceiptView[]> {
  const page = await ctx.client().json<AdminFiscalReceiptListResponse>({
    path: "/admin/fiscal/receipts",
    query: { order_id: orderId, limit: 200 },
  })
  return page.receipts
}

/**
 * Watches an order's receipts until `pick` finds the ones it wants settled or `seconds`
 * pass, and answers the picked receipts as they are then. The store registers receipts in
 * the background (docs/architecture.md, "The life of a receipt"); this only reads.
 */
export async function watchOrder(
  ctx: CommandContext,
  orderId: string,
  seconds: number,
  pick: (rows: ReceiptView[]) => { receipts: ReceiptView[]; settled: boolean }
): Promise<{ receipts: ReceiptView[]; settled: boolean }> {
  const deadline = ctx.now() + seconds * 1000
  let said = false
  for (;;) {
    const found = pick(await orderReceipts(ctx, orderId))
    if (found.settled || ctx.now() >= deadline) {
      return found
    }
    if (!said) {
      ctx.progress(
        `waiting up to ${seconds} s for the cash register (--wait 0 to skip)…`
      )
      said = true
    }
    await ctx.sleep(POLL_MS)
  }
}
