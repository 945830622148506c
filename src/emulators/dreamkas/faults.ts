import { operationErrorMessage } from "./error-catalogue"
import type { SeededRandom } from "./random"

/**
 * What can go wrong with one HTTP request:
 * - `server_error`: 500 INTERNAL_ERROR, nothing done;
 * - `unavailable`: 503 "Service not available", nothing done;
 * - `rate_limit`: 429 TOO_MANY_REQUESTS with Retry-After, nothing done;
 * - `hang`: never answer, nothing done (the client times out);
 * - `process_then_hang`: do the work (e.g. create the operation), then never answer;
 * - `process_then_drop`: do the work, then destroy the socket without an answer.
 */
export type DreamkasRequestFault =
  | "server_error"
  | "unavailable"
  | "rate_limit"
  | "hang"
  | "process_then_hang"
  | "process_then_drop"

/** Which requests a queued fault applies to. */
export type DreamkasFaultTarget =
  | "receipt"
  | "operation"
  | "operations"
  | "fiscal_receipt"
  | "devices"
  | "webhooks"
  | "any"

/** The API routes a fault can target (everything but `any`). */
export type DreamkasRoute = Exclude<DreamkasFaultTarget, "any">

/** A fault for the next `count` matching requests. */
export type DreamkasQueuedFault = {
  fault: DreamkasRequestFault
  /** Default `any`. */
  on?: DreamkasFaultTarget
  /** Default 1. */
  count?: number
}

/** End the next `count` operations in ERROR with this code (e.g. `FN_ERROR`, `RECEIPT_TIMEOUT`). */
export type DreamkasFailNext = {
  count?: number
  code: string
  /** Default: the catalogue's text for the code. */
  message?: string
}

/** The current fault plan. */
export type DreamkasFaults = {
  /** Added to every API request before it is handled, ms. */
  latencyMs: number
  /** Up to this much more latency, drawn from the seeded random source, ms. */
  latencyJitterMs: number
  /** Share (0..1) of API requests answered 500, nothing done. */
  serverErrorRate: number
  /** Share (0..1) of API requests that never get an answer. */
  hangRate: number
  /** Share (0..1) of receipt requests that create the operation and then lose their answer. */
  dropAfterProcessingRate: number
  /** Deterministic faults, consumed in order by matching requests. */
  next: Required<DreamkasQueuedFault>[]
  /** Operations stay PENDING until this is switched off. */
  stuckInWait: boolean
  /** The kassa is offline: operations end in ERROR RECEIPT_TIMEOUT instead of printing. */
  deviceOffline: boolean
  /** Errors for the next finished operations. */
  failNext: Required<DreamkasFailNext> | null
}

/** A change to the plan; fields left out keep their value, `next` replaces the queue. */
export type DreamkasFaultsInput = Partial<
  Omit<DreamkasFaults, "next" | "failNext"> & {
    next: DreamkasQueuedFault[]
    failNext: DreamkasFailNext | null
  }
>

const REQUEST_FAULTS: readonly DreamkasRequestFault[] = [
  "server_error",
  "unavailable",
  "rate_limit",
  "hang",
  "process_then_hang",
  "process_then_drop",
]
const TARGETS: readonly DreamkasFaultTarget[] = [
  "receipt",
  "operation",
  "operations",
  "fiscal_receipt",
  "devices",
  "webhooks",
  "any",
]

export function noFaults(): DreamkasFaults {
  return {
    latencyMs: 0,
    latencyJitterMs: 0,
    serverErrorRate: 0,
    hangRate: 0,
    dropAfterProcessingRate: 0,
    next: [],
    stuckInWait: false,
    deviceOffline: false,
    failNext: null,
  }
}

function bounded(name: string, value: unknown, max: number): number {
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

function flag(name: string, value: unknown): boolean {
  if (typeof value !== "boolean") {
    throw new Error(`${name} must be a boolean`)
  }
  return value
}

function queued(entry: DreamkasQueuedFault): Required<DreamkasQueuedFault> {
  if (!REQUEST_FAULTS.includes(entry?.fault)) {
    throw new Error(`next[].fault must be one of ${REQUEST_FAULTS.join(", ")}`)
  }
  const on = entry.on ?? "any"
  if (!TARGETS.includes(on)) {
    throw new Error(`next[].on must be one of ${TARGETS.join(", ")}`)
  }
  return {
    fault: entry.fault,
    on,
    count: Math.floor(bounded("next[].count", entry.count ?? 1, 10_000)),
  }
}

function failNext(
  input: DreamkasFailNext | null
): Required<DreamkasFailNext> | null {
  if (input === null) {
    return null
  }
  if (typeof input?.code !== "string" || input.code === "") {
    throw new Error("failNext needs a code, e.g. FN_ERROR")
  }
  return {
    count: Math.floor(bounded("failNext.count", input.count ?? 1, 10_000)),
    code: input.code,
    message: input.message ?? operationErrorMessage(input.code),
  }
}

/** The fault plan and the seeded dice that apply it. */
export class FaultPlan {
  private faults_: DreamkasFaults = noFaults()

  constructor(private readonly random_: () => SeededRandom) {}

  get(): DreamkasFaults {
    return structuredClone(this.faults_)
  }

  /** Applies a change; throws with a readable message on a bad field and changes nothing. */
  set(input: DreamkasFaultsInput): DreamkasFaults {
    const next = { ...this.faults_ }
    if (input.latencyMs !== undefined)
      next.latencyMs = bounded("latencyMs", input.latencyMs, 600_000)
    if (input.latencyJitterMs !== undefined)
      next.latencyJitterMs = bounded(
        "latencyJitterMs",
        input.latencyJitterMs,
        600_000
      )
    if (input.serverErrorRate !== undefined)
      next.serverErrorRate = bounded(
        "serverErrorRate",
        input.serverErrorRate,
        1
      )
    if (input.hangRate !== undefined)
      next.hangRate = bounded("hangRate", input.hangRate, 1)
    if (input.dropAfterProcessingRate !== undefined)
      next.dropAfterProcessingRate = bounded(
        "dropAfterProcessingRate",
        input.dropAfterProcessingRate,
        1
      )
    if (input.next !== undefined) {
      if (!Array.isArray(input.next)) throw new Error("next must be an array")
      next.next = input.next.map(queued).filter((entry) => entry.count > 0)
    }
    if (input.stuckInWait !== undefined)
      next.stuckInWait = flag("stuckInWait", input.stuckInWait)
    if (input.deviceOffline !== undefined)
      next.deviceOffline = flag("deviceOffline", input.deviceOffline)
    if (input.failNext !== undefined) next.failNext = failNext(input.failNext)
    this.faults_ = next
    return this.get()
  }

  reset(): void {
    this.faults_ = noFaults()
  }

  /** Extra latency for one request, ms. */
  latency(): number {
    const { latencyMs, latencyJitterMs } = this.faults_
    return (
      latencyMs +
      (latencyJitterMs > 0 ? this.random_().next() * latencyJitterMs : 0)
    )
  }

  /** The fault for one request of `route`, consuming a queued one first. */
  pick(route: DreamkasRoute): DreamkasRequestFault | undefined {
    const index = this.faults_.next.findIndex(
      (entry) => entry.on === "any" || entry.on === route
    )
    if (index >= 0) {
      const entry = this.faults_.next[index]
      entry.count -= 1
      if (entry.count <= 0) {
        this.faults_.next.splice(index, 1)
      }
      return entry.fault
    }
    const random = this.random_()
    if (random.chance(this.faults_.serverErrorRate)) return "server_error"
    if (random.chance(this.faults_.hangRate)) return "hang"
    if (
      route === "receipt" &&
      random.chance(this.faults_.dropAfterProcessingRate)
    ) {
      return "process_then_drop"
    }
    return undefined
  }

  get stuckInWait(): boolean {
    return this.faults_.stuckInWait
  }

  get deviceOffline(): boolean {
    return this.faults_.deviceOffline
  }

  /** The injected error for the next finished operation, if any. */
  takeFailure(): { code: string; message: string } | undefined {
    const failure = this.faults_.failNext
    if (!failure || failure.count <= 0) {
      return undefined
    }
    failure.count -= 1
    if (failure.count === 0) {
      this.faults_.failNext = null
    }
    return { code: failure.code, message: failure.message }
  }
}
