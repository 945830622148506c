import type { MedusaContainer } from "@medusajs/framework/types"
import type { FiscalReceiptDTO } from "../modules/fiscal/types/receipt"
import { checkReceipt } from "./check-receipt"
import { holdWhileWorking } from "./lease-heartbeat"
import {
  pipelineContext,
  type PipelineContext,
  type PipelineHooks,
} from "./provider-context"
import { sendReceipt } from "./send-receipt"

/** Options of one queue run. */
export type ProcessQueueOptions = {
  /** Lease owner; default a fresh id for this process. */
  owner?: string
  /** Stop claiming new rows after this many milliseconds. Default 50 s (under a cron minute). */
  budgetMs?: number
  /** Only status checks of these rows (a callback, an admin's "Check status"). */
  checkIds?: string[]
  /** Only sends of these rows, due or not (an operator's "send now", a test driving one row). */
  sendIds?: string[]
  /** Skip the send phase. */
  checksOnly?: boolean
  /** Skip the check phase. */
  sendsOnly?: boolean
  /** Observation points of the run (see `PipelineHooks`). */
  hooks?: PipelineHooks
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
  const ctx = await pipelineContext(container, options.owner, options.hooks)
  const result: ProcessQueueResult = { sent: [], checked: [] }
  if (!ctx.settings.enabled) {
    return result
  }
  const { batch_size } = ctx.fiscal.getOptions().worker
  const leaseMs = ctx.leaseMs
  const deadline = Date.now() + (options.budgetMs ?? 50_000)

  if (!options.checksOnly && !options.checkIds) {
    while (Date.now() < deadline) {
      const batch = await ctx.fiscal.claimDue({
        limit: batch_size,
        leaseMs,
        owner: ctx.owner,
        ids: options.sendIds,
      })
      if (!batch.length) {
        break
      }
      await holdWhileWorking(ctx, batch, (held) =>
        settleEach(
          ctx,
          batch,
          (receipt) => sendReceipt(ctx, receipt, held),
          result.sent
        )
      )
      if (options.sendIds) {
        // named rows are claimed due or not: once is enough, the schedule does the rest
        break
      }
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
    await holdWhileWorking(ctx, batch, () =>
      settleEach(
        ctx,
        batch,
        (receipt) => checkReceipt(ctx, receipt),
        result.checked
      )
    )
    if (options.checkIds) {
      break
    }
  }
  return result
}
