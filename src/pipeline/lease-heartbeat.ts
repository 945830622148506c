import type { FiscalReceiptDTO } from "../modules/fiscal/types/receipt"
import type { PipelineContext } from "./provider-context"

/** Which rows of a batch this worker still holds, as the heartbeat last saw them. */
export type HeldLeases = {
  /** False once a renewal found the row taken over or expired: stop working on it. */
  holds(id: string): boolean
}

/**
 * Works a claimed batch while renewing the lease of every row still waiting its turn, so
 * that a long batch does not lose its tail to another worker. A worker that stops (paused,
 * swapped out, killed) stops renewing, and its rows become claimable after one lease.
 * Renewal is a heartbeat, not a guarantee: the fence before each vendor call is.
 */
export async function holdWhileWorking<T>(
  ctx: PipelineContext,
  batch: FiscalReceiptDTO[],
  work: (held: HeldLeases) => Promise<T>
): Promise<T> {
  // rows already worked are released by their transition and so read as "lost" too; only
  // the rows still waiting their turn consult it
  const lost = new Set<string>()
  const renew = async () => {
    const ids = batch.map((r) => r.id).filter((id) => !lost.has(id))
    const held = new Set(
      await ctx.fiscal.holdLeases({
        ids,
        owner: ctx.owner,
        leaseMs: ctx.leaseMs,
      })
    )
    for (const id of ids) {
      if (!held.has(id)) {
        lost.add(id)
      }
    }
  }
  let renewing: Promise<void> = Promise.resolve()
  const timer = setInterval(
    () => {
      renewing = renewing
        .then(renew)
        .catch((e) =>
          ctx.logger.warn(
            `fiscal: could not renew leases: ${(e as Error).message}`
          )
        )
    },
    Math.max(1_000, Math.floor(ctx.leaseMs / 3))
  )
  timer.unref?.()
  try {
    return await work({
      holds: (id) => !lost.has(id),
    })
  } finally {
    clearInterval(timer)
    await renewing
  }
}
