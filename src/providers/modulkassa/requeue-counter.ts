/** Most documents whose re-queues are remembered; the oldest are forgotten first. */
const MAX_ENTRIES = 10_000

/**
 * How many times this process re-queued each failed document. Kept in memory: the bound on
 * re-queues exists to stop a loop, and a restart that forgets the count costs a few more.
 */
class RequeueCounter {
  private readonly counts_ = new Map<string, number>()

  count(key: string): number {
    return this.counts_.get(key) ?? 0
  }

  add(key: string): void {
    const next = this.count(key) + 1
    this.counts_.delete(key)
    this.counts_.set(key, next)
    if (this.counts_.size > MAX_ENTRIES) {
      const oldest = this.counts_.keys().next().value
      if (oldest !== undefined) {
        this.counts_.delete(oldest)
      }
    }
  }

  forget(key: string): void {
    this.counts_.delete(key)
  }

  clear(): void {
    this.counts_.clear()
  }
}

/** The process-wide re-queue counter. */
export const requeueCounter = new RequeueCounter()
