import { INJECTABLE_FAILURE_TEXTS, type KktFailure } from "./error-catalogue"
import {
  BaseFaultPlan,
  flag,
  injectionCount,
  takeCounted,
} from "../_shared/faults"
import type { SeededRandom } from "../_shared/random"

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

function failNext(input: AtolFailNext | null): Required<AtolFailNext> | null {
  if (input === null) {
    return null
  }
  if (typeof input?.type !== "string" || typeof input.code !== "number") {
    throw new Error("failNext needs a string type and a numeric code")
  }
  return {
    count: injectionCount("failNext.count", input.count),
    type: input.type,
    code: input.code,
    text:
      input.text ??
      INJECTABLE_FAILURE_TEXTS[`${input.type}:${input.code}`] ??
      "Ошибка обработки чека",
  }
}

/** The fault plan and the seeded dice that apply it. */
export class FaultPlan extends BaseFaultPlan<
  AtolFaults,
  AtolFaultsInput,
  AtolRequestFault,
  AtolFaultTarget
> {
  constructor(random: () => SeededRandom) {
    super(random, {
      empty: noFaults,
      faults: REQUEST_FAULTS,
      targets: TARGETS,
      jitter: true,
      processing: "register",
    })
  }

  protected applyOwn(next: AtolFaults, input: AtolFaultsInput): void {
    if (input.stuckInWait !== undefined)
      next.stuckInWait = flag("stuckInWait", input.stuckInWait)
    if (input.failNext !== undefined) next.failNext = failNext(input.failNext)
  }

  /** The fault for one request of `operation`, consuming a queued one first. */
  pick(
    operation: Exclude<AtolFaultTarget, "any">
  ): AtolRequestFault | undefined {
    return this.pickFor(operation)
  }

  /** The injected failure for the next processed document, if any. */
  takeFailure(): KktFailure | undefined {
    const failure = takeCounted(this.faults_, "failNext")
    return failure
      ? { type: failure.type, code: failure.code, text: failure.text }
      : undefined
  }
}
