/**
 * An emulator's background work: delayed processing on timers plus the vendor's own in-flight
 * deliveries (callbacks, webhooks). `idle()` resolves once neither is pending, which is what
 * tests and the control route `/__control/idle` wait for.
 */
export class BackgroundWork {
  private readonly timers_ = new Set<NodeJS.Timeout>()
  private idleWaiters_: (() => void)[] = []

  /** @param inFlight_ how many deliveries are still under way (0 when the vendor has none) */
  constructor(private readonly inFlight_: () => number) {}

  /** Runs `run` after `ms`, then wakes `idle()` waiters if nothing else is pending. */
  later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers_.delete(timer)
      run()
      this.settle()
    }, ms)
    this.timers_.add(timer)
  }

  /** Drops every pending timer (reset, shutdown); the work they held never runs. */
  cancel(): void {
    this.timers_.forEach((timer) => clearTimeout(timer))
    this.timers_.clear()
  }

  /** Resolves once no timer is pending and no delivery is in flight. */
  idle(): Promise<void> {
    if (this.isIdle_()) {
      return Promise.resolve()
    }
    return new Promise((resolve) => this.idleWaiters_.push(resolve))
  }

  /** Wakes `idle()` waiters if nothing is pending; call it when a delivery finishes. */
  settle(): void {
    if (this.isIdle_()) {
      const waiters = this.idleWaiters_
      this.idleWaiters_ = []
      waiters.forEach((resolve) => resolve())
    }
  }

  private isIdle_(): boolean {
    return this.timers_.size === 0 && this.inFlight_() === 0
  }
}

/** Sleeps that `close()` can cancel, so a closed emulator leaves no timer behind. */
export class PendingTimers {
  private readonly pending_ = new Set<NodeJS.Timeout>()

  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.pending_.delete(timer)
        resolve()
      }, ms)
      this.pending_.add(timer)
    })
  }

  clear(): void {
    this.pending_.forEach((timer) => clearTimeout(timer))
    this.pending_.clear()
  }
}
