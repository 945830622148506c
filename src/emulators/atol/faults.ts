import { INJECTABLE_FAILURE_TEXTS, type KktFailure } from "./error-catalogue"
import type { SeededRandom } from "./random"

/**
 * What can go wrong with one HTTP request:
 * - `server_error`: 500 + code 50, nothing done;
 * - `rate_limit`: 429, nothing done;
 * - `hang`: never answer, nothing done (the client times out);
 * - `process_then_hang`: do the work (e.g. register the document), then never answer;
 * - `process_then_drop`: do the work, then destroy the socket without an answer.
 */
export type AtolRequestFault =
  | "server_error"
  | "rate_limit"
  | "hang"
  | "process_then_hang"
  | "process_then_drop"

/** Which requests a queued fault applies to. */
export type AtolFaultTarget = "getToken" | "register" | "report" | "any"

/** A fault for the next `count` matching requests. */
export type AtolQueuedFault = {
  fault: AtolRequestFault
  /** Default `any`. */
  on?: AtolFaultTarget
  /** Default 1. */
  count?: number
}

/** Fail the next `count` processed documents with this KKT error (e.g. `timeout`/1, `agent`/2009). */
export type AtolFailNext = {
  count?: number
  type: string
  code: number
  /** Default: ATOL's text for that error where the emulator knows it. */
  text?: string
}

/** The current fault plan. */
export type AtolFaults = {
  /** Added to every ATOL request before it is handled, ms. */
  latencyMs: number
  /** Up to this much more latency, drawn from the seeded random source, ms. */
  latencyJitterMs: number
  /** Share (0..1) of ATOL requests answered 500 + code 50. */
  serverErrorRate: number
  /** Share (0..1) of ATOL requests that never get an answer. */
  hangRate: number
  /** Share (0..1) of registrations that are processed and then lose their answer. */
  dropAfterProcessingRate: number
  /** Deterministic faults, consumed in order by matching requests. */
  next: Required<AtolQueuedFault>[]
  /** Documents stay in `wait` (report code 34) until this is switched off. */
  stuckInWait: boolean
  /** KKT failures for the next processed documents. */
  failNext: Required<AtolFailNext> | null
}

/** A change to the plan; fields left out keep their value, `next` replaces the queue. */
export type AtolFaultsInput = Partial<
  Omit<AtolFaults, "next" | "failNext"> & {
    next: AtolQueuedFault[]
    failNext: AtolFailNext | null
  }
>

const REQUEST_FAULTS: readonly AtolRequestFault[] = [
  "server_error",
  "rate_limit",
  "hang",
  "process_then_hang",
  "process_then_drop",
]
const TARGETS: readonly AtolFaultTarget[] = [
  "getToken",
  "register",
  "report",
  "any",
]

export function noFaults(): AtolFaults {
  return {
    latencyMs: 0,
    latencyJitterMs: 0,
    serverErrorRate: 0,
    hangRate: 0,
    dropAfterProcessingRate: 0,
    next: [],
    stuckInWait: false,
    failNext: null,
  }
}

function nonNegative(
  name: string,
  value: unknown,
  max = Number.MAX_SAFE_INTEGER
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

function queued(entry: AtolQueuedFault): Required<AtolQueuedFault> {
  if (!REQUEST_FAULTS.includes(entry?.fault)) {
    throw new Error(`next[].fault must be one of ${REQUEST_FAULTS.join(", ")}`)
  }
  const on = entry.on ?? "any"
  if (!TARGETS.includes(on)) {
    throw new Error(`next[].on must be one of ${TARGETS.join(", ")}`)
  }
  const count = nonNegative("next[].count", entry.count ?? 1, 10_000)
  return { fault: entry.fault, on, count: Math.floor(count) }
}

function failNext(input: AtolFailNext | null): Required<AtolFailNext> | null {
  if (input === null) {
    return null
  }
  if (typeof input?.type !== "string" || typeof input.code !== "number") {
    throw new Error("failNext needs a string type and a numeric code")
  }
  return {
    count: Math.floor(nonNegative("failNext.count", input.count ?? 1, 10_000)),
    type: input.type,
    code: input.code,
    text:
      input.text ??
      INJECTABLE_FAILURE_TEXTS[`${input.type}:${input.code}`] ??
      "Ошибка обработки чека",
  }
}

/** The fault plan and the seeded dice that apply it. */
export class FaultPlan {
  private faults_: AtolFaults = noFaults()

  constructor(private readonly random_: () => SeededRandom) {}

  get(): AtolFaults {
    return structuredClone(this.faults_)
  }

  /** Applies a change; throws with a readable message on a bad field and changes nothing. */
  set(input: AtolFaultsInput): AtolFaults {
    const next = { ...this.faults_ }
    if (input.latencyMs !== undefined)
      next.latencyMs = nonNegative("latencyMs", input.latencyMs, 600_000)
    if (input.latencyJitterMs !== undefined)
      next.latencyJitterMs = nonNegative(
        "latencyJitterMs",
        input.latencyJitterMs,
        600_000
      )
    if (input.serverErrorRate !== undefined)
      next.serverErrorRate = nonNegative(
        "serverErrorRate",
        input.serverErrorRate,
        1
      )
    if (input.hangRate !== undefined)
      next.hangRate = nonNegative("hangRate", input.hangRate, 1)
    if (input.dropAfterProcessingRate !== undefined)
      next.dropAfterProcessingRate = nonNegative(
        "dropAfterProcessingRate",
        input.dropAfterProcessingRate,
        1
      )
    if (input.next !== undefined) {
      if (!Array.isArray(input.next)) throw new Error("next must be an array")
      next.next = input.next.map(queued).filter((entry) => entry.count > 0)
    }
    if (input.stuckInWait !== undefined) {
      if (typeof input.stuckInWait !== "boolean")
        throw new Error("stuckInWait must be a boolean")
      next.stuckInWait = input.stuckInWait
    }
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

  /** The fault for one request of `operation`, consuming a queued one first. */
  pick(
    operation: Exclude<AtolFaultTarget, "any">
  ): AtolRequestFault | undefined {
    const index = this.faults_.next.findIndex(
      (entry) => entry.on === "any" || entry.on === operation
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
      operation === "register" &&
      random.chance(this.faults_.dropAfterProcessingRate)
    ) {
      return "process_then_drop"
    }
    return undefined
  }

  get stuckInWait(): boolean {
    return this.faults_.stuckInWait
  }

  /** The injected failure for the next processed document, if any. */
  takeFailure(): KktFailure | undefined {
    const failure = this.faults_.failNext
    if (!failure || failure.count <= 0) {
      return undefined
    }
    failure.count -= 1
    if (failure.count === 0) {
      this.faults_.failNext = null
    }
    return { type: failure.type, code: failure.code, text: failure.text }
  }
}
