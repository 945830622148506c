import type { MedusaContainer } from "@medusajs/framework/types"
import type { FiscalReceiptDTO } from "../modules/fiscal/types/receipt"
import { checkReceipt } from "./check-receipt"
import { pipelineContext, type PipelineContext } from "./provider-context"
import { sendReceipt } from "./send-receipt"

/** Options of one queue run. */
export type ProcessQueueOptions = {
  /** Lease owner; default a fresh id for this process. */
  owner?: string
  /** Stop claiming new rows after this many milliseconds. Default 50 s (under a cron minute). */
  budgetMs?: number
  /** Only status checks of these rows (a callback, an admin's "Check status"). */
  checkIds?: string[]
  /** Skip the send phase. */
  checksOnly?: boolean
  /** Skip the check phase. */
  sendsOnly?: boolean
}

/** What one run did, for logs and tests. */
export type ProcessQueueResult = {
  sent: FiscalReceiptDTO[]
  checked: FiscalReceiptDTO[]
}

async function settleEach<T>(
  ctx: PipelineContext,
  rows: T[],
  work: (row: T) => Promise<FiscalReceiptDTO>,
  out: FiscalReceiptDTO[]
) {
  for (const row of rows) {
    try {
      out.push(await work(row))
    } catch (e) {
      // a row whose lease was lost or whose write failed is left to the next run
      ctx.logger.error(
        `fiscal: ${(row as { id?: string }).id ?? "row"}: ${(e as Error).message}`
      )
    }
  }
}

/**
 * One pass over the outbox: sends every due row, then checks every due `wait` row, each
 * claimed with a lease so that any number of concurrent runs (jobs on several workers,
 * prompt runs after events) never handle one row twice. Never throws for one row's
 * failure.
 */
export async function processFiscalQueue(
  container: MedusaContainer,
  options: ProcessQueueOptions = {}
): Promise<ProcessQueueResult> {
  const ctx = await pipelineContext(container, options.owner)
  const result: ProcessQueueResult = { sent: [], checked: [] }
  if (!ctx.settings.enabled) {
    return result
  }
  const { batch_size, lease_seconds } = ctx.fiscal.getOptions().worker
  const leaseMs = lease_seconds * 1000
  const deadline = Date.now() + (options.budgetMs ?? 50_000)

  if (!options.checksOnly && !options.checkIds) {
    while (Date.now() < deadline) {
      const batch = await ctx.fiscal.claimDue({
        limit: batch_size,
        leaseMs,
        owner: ctx.owner,
      })
      if (!batch.length) {
        break
      }
      await settleEach(
        ctx,
        batch,
        (receipt) => sendReceipt(ctx, receipt),
        result.sent
      )
    }
  }
  while (!options.sendsOnly && Date.now() < deadline) {
    const batch = await ctx.fiscal.claimDueChecks({
      limit: batch_size,
      leaseMs,
      owner: ctx.owner,
      ids: options.checkIds,
    })
    if (!batch.length) {
      break
    }
    await settleEach(
      ctx,
      batch,
      (receipt) => checkReceipt(ctx, receipt),
      result.checked
    )
    if (options.checkIds) {
      break
    }
  }
  return result
}
