import { performance } from "node:perf_hooks"

const WINDOW_MS = 1000

/** Report-rate figures of one group of kassas. */
export type ReportRateStats = {
  kassa_count: number
  /** Report requests that arrived. */
  requests: number
  /** Requests refused with 429 for exceeding one per second per kassa. */
  rejected: number
  /** Most requests that arrived within any one-second window. */
  max_per_second: number
  /** `max_per_second / kassa_count`: ATOL allows at most 1. */
  max_per_kassa_per_second: number
}

/**
 * ATOL's report limit: at most one request per second per kassa of the group
 * (docs/vendors/atol.md, "Limits").
 * Counts arrivals in a sliding one-second window; the highest count seen is the observed rate.
 */
export class ReportRateWindow {
  private readonly arrivals_: number[] = []
  private readonly admitted_: number[] = []
  private requests_ = 0
  private rejected_ = 0
  private max_ = 0

  constructor(readonly kassaCount: number) {}

  /** Records one arrival; false when it exceeds the limit (the caller answers 429 if enforcing). */
  arrive(): boolean {
    const now = performance.now()
    this.requests_ += 1
    this.arrivals_.push(now)
    prune(this.arrivals_, now)
    this.max_ = Math.max(this.max_, this.arrivals_.length)
    prune(this.admitted_, now)
    if (this.admitted_.length >= this.kassaCount) {
      this.rejected_ += 1
      return false
    }
    this.admitted_.push(now)
    return true
  }

  stats(): ReportRateStats {
    return {
      kassa_count: this.kassaCount,
      requests: this.requests_,
      rejected: this.rejected_,
      max_per_second: this.max_,
      max_per_kassa_per_second: this.max_ / this.kassaCount,
    }
  }
}

/** Drops timestamps at or before `now − 1 s`, keeping the window (now − 1 s, now]. */
function prune(times: number[], now: number): void {
  let drop = 0
  while (drop < times.length && times[drop] <= now - WINDOW_MS) {
    drop += 1
  }
  if (drop > 0) {
    times.splice(0, drop)
  }
}
