import type { SeededRandom } from "./random"

/**
 * The transport faults every emulator injects the same way:
 * - `server_error`: the vendor's 5xx, nothing done;
 * - `hang`: never answer, nothing done (the client times out);
 * - `process_then_hang`: do the work, then never answer;
 * - `process_then_drop`: do the work, then destroy the socket without an answer.
 *
 * Vendors add their own (`rate_limit`, `unavailable`, `no_free_device`) on top.
 */
export type CommonRequestFault =
  "server_error" | "hang" | "process_then_hang" | "process_then_drop"

/**
 * One queued fault after validation. `on` is absent for an emulator with a single faultable
 * route (Checkonline), so its plan keeps the shape it always had.
 */
export type QueuedFaultEntry<F extends string, T extends string> = {
  fault: F
  on?: T
  count: number
}

/** The part of every fault plan the shared code reads and validates. */
export type CommonFaults<F extends string, T extends string> = {
  /** Added to every request before it is handled, ms. */
  latencyMs: number
  /** Up to this much more latency, ms; absent where the emulator has no jitter. */
  latencyJitterMs?: number
  /** Share (0..1) of requests answered with the vendor's server error. */
  serverErrorRate: number
  /** Share (0..1) of requests that never get an answer. */
  hangRate: number
  /** Share (0..1) of processing requests that do the work and then lose their answer. */
  dropAfterProcessingRate: number
  /** Deterministic faults, consumed in order by matching requests. */
  next: QueuedFaultEntry<F, T>[]
  /** Work stays unfinished until this is switched off. */
  stuckInWait: boolean
}

/** The fields of a plan change the shared code applies; `next` replaces the queue. */
export type CommonFaultsInput<F extends string, T extends string> = {
  latencyMs?: number
  latencyJitterMs?: number
  serverErrorRate?: number
  hangRate?: number
  dropAfterProcessingRate?: number
  next?: { fault: F; on?: T; count?: number }[]
}

/** What differs between the emulators' plans; the vendor owns every name in it. */
export type FaultPlanOptions<P, F extends string, T extends string> = {
  /** A plan with nothing injected. */
  empty: () => P
  /** The faults a queued entry may name. */
  faults: readonly F[]
  /** The targets `next[].on` may name (`any` included); omit for a single faultable route. */
  targets?: readonly T[]
  /** Whether the plan has `latencyJitterMs`. */
  jitter: boolean
  /** The only target `dropAfterProcessingRate` applies to; omit to apply it to every request. */
  processing?: T
  /** How `get()` copies the plan; default `structuredClone`. */
  clone?: (plan: P) => P
}

/** Longest latency a plan accepts, ms. */
const MAX_LATENCY_MS = 600_000
/** Most requests one queued fault or injection may cover. */
const MAX_COUNT = 10_000

/** `value` as a number in [0, max]; throws a message naming the field otherwise. */
export function boundedNumber(
  name: string,
  value: unknown,
  max: number
): number {
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value < 0 ||
    value > max
  ) {
    throw new Error(`${name} must be a number between 0 and ${max}`)
  }
  return value
}

/** `value` as a boolean; throws a message naming the field otherwise. */
export function flag(name: string, value: unknown): boolean {
  if (typeof value !== "boolean") {
    throw new Error(`${name} must be a boolean`)
  }
  return value
}

/** How many requests an injection covers: default 1, whole numbers up to 10 000. */
export function injectionCount(name: string, value: unknown): number {
  return Math.floor(boundedNumber(name, value ?? 1, MAX_COUNT))
}

/**
 * Consumes one use of a counted injection (`failNext`, `cloudErrorNext`…) of `plan[key]`,
 * clearing it when used up. Returns the injection as it was before the use, or `undefined`.
 */
export function takeCounted<P, K extends keyof P>(
  plan: P,
  key: K
): NonNullable<P[K]> | undefined {
  const injection = plan[key] as ({ count: number } & P[K]) | null
  if (!injection || injection.count <= 0) {
    return undefined
  }
  injection.count -= 1
  if (injection.count === 0) {
    plan[key] = null as P[K]
  }
  return injection as NonNullable<P[K]>
}

/**
 * The fault plan and the seeded dice that apply it: validation of the shared fields, the queue
 * of deterministic faults, latency and the random rates. A vendor subclass adds its own fields
 * in `applyOwn` and its own injections (see `takeCounted`).
 */
export abstract class BaseFaultPlan<
  P extends CommonFaults<F, T>,
  I extends CommonFaultsInput<F, T>,
  F extends string,
  T extends string,
> {
  protected faults_: P

  constructor(
    protected readonly random_: () => SeededRandom,
    private readonly options_: FaultPlanOptions<P, F, T>
  ) {
    this.faults_ = options_.empty()
  }

  get(): P {
    return (this.options_.clone ?? structuredClone)(this.faults_)
  }

  /** Applies a change; throws with a readable message on a bad field and changes nothing. */
  set(input: I): P {
    const next = { ...this.faults_ }
    this.applyCommon_(next, input)
    this.applyOwn(next, input)
    this.faults_ = next
    return this.get()
  }

  /** Validates and applies the vendor's own fields to the copy `next`, in the vendor's order. */
  protected abstract applyOwn(next: P, input: I): void

  reset(): void {
    this.faults_ = this.options_.empty()
  }

  /** Extra latency for one request, ms. */
  latency(): number {
    const { latencyMs } = this.faults_
    const jitter = this.faults_.latencyJitterMs ?? 0
    return latencyMs + (jitter > 0 ? this.random_().next() * jitter : 0)
  }

  get stuckInWait(): boolean {
    return this.faults_.stuckInWait
  }

  /** The fault for one request to `target`, consuming a queued one first. */
  protected pickFor(target?: T): F | undefined {
    const queue = this.faults_.next
    const index = queue.findIndex(
      (entry) =>
        entry.on === undefined || entry.on === "any" || entry.on === target
    )
    if (index >= 0) {
      const entry = queue[index]
      entry.count -= 1
      if (entry.count <= 0) {
        queue.splice(index, 1)
      }
      return entry.fault
    }
    const random = this.random_()
    if (random.chance(this.faults_.serverErrorRate)) return "server_error" as F
    if (random.chance(this.faults_.hangRate)) return "hang" as F
    if (
      (this.options_.processing === undefined ||
        target === this.options_.processing) &&
      random.chance(this.faults_.dropAfterProcessingRate)
    ) {
      return "process_then_drop" as F
    }
    return undefined
  }

  private applyCommon_(next: P, input: I): void {
    if (input.latencyMs !== undefined)
      next.latencyMs = boundedNumber(
        "latencyMs",
        input.latencyMs,
        MAX_LATENCY_MS
      )
    if (this.options_.jitter && input.latencyJitterMs !== undefined)
      next.latencyJitterMs = boundedNumber(
        "latencyJitterMs",
        input.latencyJitterMs,
        MAX_LATENCY_MS
      )
    if (input.serverErrorRate !== undefined)
      next.serverErrorRate = boundedNumber(
        "serverErrorRate",
        input.serverErrorRate,
        1
      )
    if (input.hangRate !== undefined)
      next.hangRate = boundedNumber("hangRate", input.hangRate, 1)
    if (input.dropAfterProcessingRate !== undefined)
      next.dropAfterProcessingRate = boundedNumber(
        "dropAfterProcessingRate",
        input.dropAfterProcessingRate,
        1
      )
    if (input.next !== undefined) {
      if (!Array.isArray(input.next)) throw new Error("next must be an array")
      next.next = input.next
        .map((entry) => this.queued_(entry))
        .filter((entry) => entry.count > 0)
    }
  }

  private queued_(entry: {
    fault: F
    on?: T
    count?: number
  }): QueuedFaultEntry<F, T> {
    const { faults, targets } = this.options_
    if (!faults.includes(entry?.fault)) {
      throw new Error(`next[].fault must be one of ${faults.join(", ")}`)
    }
    if (!targets) {
      return {
        fault: entry.fault,
        count: injectionCount("next[].count", entry.count),
      }
    }
    const on = entry.on ?? ("any" as T)
    if (!targets.includes(on)) {
      throw new Error(`next[].on must be one of ${targets.join(", ")}`)
    }
    return {
      fault: entry.fault,
      on,
      count: injectionCount("next[].count", entry.count),
    }
  }
}
