/**
 * Every clock of a receipt's life, in one place (docs/architecture.md, "The life of a
 * receipt"). The decision function and the prompt runner read their delays from here; the
 * shop's own intervals (retry schedule, status-check interval) come from the settings.
 */

const SECOND = 1_000
const MINUTE = 60 * SECOND
const DAY = 24 * 60 * MINUTE

export const LIFECYCLE_CLOCKS = {
  /**
   * First status check of a document the vendor accepted. Cloud registers usually finish
   * in one to a few seconds; a callback, when configured, triggers a check sooner.
   */
  firstCheckDelayMs: 2 * SECOND,
  /** How long a refund waits before looking again whether its sale is registered. */
  saleWaitMs: 15 * SECOND,
  /** When a prompt run left documents in `wait`, the follow-up run checks them after this. */
  followUpMs: 2.5 * SECOND,
  /** After the attempts run out with `retry_daily` on: one more attempt a day. */
  dailyRetryMs: DAY,
  /**
   * A lost answer (`unknown`) must be resolved even when the retry schedule is exhausted
   * and daily retries are off: a document the vendor may hold is never abandoned.
   */
  unknownFallbackMs: DAY,
  /**
   * How far back the sweep (every 5 minutes) looks for captures and refunds without a
   * receipt row: long enough to cover an outage of the shop's database or event bus.
   */
  sweepLookbackMs: 3 * DAY,
} as const

/** Retry settings of the shop (Settings → Fiscalization, or the plugin options). */
export type RetrySettings = {
  /** Minutes between attempts; the last one repeats. */
  intervals_minutes: number[]
  /** Attempts before the receipt needs a person. */
  max_attempts: number
  /** After that, keep trying once a day. */
  retry_daily: boolean
}

/** Status-check settings of the shop. */
export type StatusCheckSettings = {
  /** Seconds between checks of one document. */
  interval_seconds: number
  /** Checks before a waiting receipt needs a person. */
  max_checks: number
}

/**
 * When to try a failed registration again. `attempts` counts the attempts made so far
 * (the one that just failed included). The last interval repeats until `max_attempts`;
 * after that, once a day when `retry_daily` is on, else never (`at: null`) and the receipt
 * needs a person.
 */
export function nextRetry(
  attempts: number,
  retry: RetrySettings,
  now: Date = new Date()
): { at: Date | null; exhausted: boolean } {
  if (attempts >= retry.max_attempts) {
    return {
      at: retry.retry_daily
        ? new Date(now.getTime() + LIFECYCLE_CLOCKS.dailyRetryMs)
        : null,
      exhausted: true,
    }
  }
  const intervals = retry.intervals_minutes.length
    ? retry.intervals_minutes
    : [1]
  const minutes =
    intervals[Math.min(Math.max(attempts, 1) - 1, intervals.length - 1)]
  return { at: new Date(now.getTime() + minutes * MINUTE), exhausted: false }
}

/** When the next status check of a document the vendor is processing is due. */
export function nextStatusCheck(checks: StatusCheckSettings, now: Date): Date {
  return new Date(now.getTime() + checks.interval_seconds * SECOND)
}

/** `now` plus a named clock. */
export function after(now: Date, ms: number): Date {
  return new Date(now.getTime() + ms)
}
