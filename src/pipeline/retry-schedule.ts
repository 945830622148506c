/** Retry settings of the pipeline. */
export type RetrySettings = {
  intervals_minutes: number[]
  max_attempts: number
  retry_daily: boolean
}

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

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
      at: retry.retry_daily ? new Date(now.getTime() + DAY) : null,
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
