import { performance } from "node:perf_hooks"

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * Spaces calls at least `intervalMs` apart, first come first served. Spacing is measured from
 * the moment each caller was actually let through, not from a precomputed schedule, so a
 * stalled event loop delays later calls instead of releasing them in a burst.
 */
export class IntervalLimiter {
  private tail_: Promise<void> = Promise.resolve()
  private lastStart_ = Number.NEGATIVE_INFINITY
  private notBefore_ = Number.NEGATIVE_INFINITY

  constructor(public intervalMs: number) {}

  /** Resolves when the caller may start its call. */
  acquire(): Promise<void> {
    const turn = this.tail_.then(async () => {
      for (;;) {
        const readyAt = Math.max(
          this.lastStart_ + this.intervalMs,
          this.notBefore_
        )
        const wait = readyAt - performance.now()
        if (wait <= 0) {
          break
        }
        await sleep(Math.ceil(wait))
      }
      this.lastStart_ = performance.now()
    })
    this.tail_ = turn
    return turn
  }

  /** Holds every later call for at least `ms` from now (ATOL: wait 1 s after a system error). */
  pause(ms: number): void {
    this.notBefore_ = Math.max(this.notBefore_, performance.now() + ms)
  }
}

/**
 * Limiters shared by every provider instance of the process, one per group of kassas: ATOL
 * counts report requests per kassa of a group, whoever sends them
 * (docs/vendors/atol.md, "Limits").
 */
export class LimiterRegistry {
  private readonly limiters_ = new Map<string, IntervalLimiter>()

  /** The limiter of `key`; a later configuration's interval replaces the earlier one. */
  get(key: string, intervalMs: number): IntervalLimiter {
    let limiter = this.limiters_.get(key)
    if (!limiter) {
      limiter = new IntervalLimiter(intervalMs)
      this.limiters_.set(key, limiter)
    }
    limiter.intervalMs = intervalMs
    return limiter
  }
}

/** Report limiters of this process. */
export const atolReportLimiters = new LimiterRegistry()
