import { operationErrorMessage } from "./error-catalogue"
import {
  BaseFaultPlan,
  flag,
  injectionCount,
  takeCounted,
} from "../_shared/faults"
import type { SeededRandom } from "../_shared/random"

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
    count: injectionCount("failNext.count", input.count),
    code: input.code,
    message: input.message ?? operationErrorMessage(input.code),
  }
}

/** The fault plan and the seeded dice that apply it. */
export class FaultPlan extends BaseFaultPlan<
  DreamkasFaults,
  DreamkasFaultsInput,
  DreamkasRequestFault,
  DreamkasFaultTarget
> {
  constructor(random: () => SeededRandom) {
    super(random, {
      empty: noFaults,
      faults: REQUEST_FAULTS,
      targets: TARGETS,
      jitter: true,
      processing: "receipt",
    })
  }

  protected applyOwn(next: DreamkasFaults, input: DreamkasFaultsInput): void {
    if (input.stuckInWait !== undefined)
      next.stuckInWait = flag("stuckInWait", input.stuckInWait)
    if (input.deviceOffline !== undefined)
      next.deviceOffline = flag("deviceOffline", input.deviceOffline)
    if (input.failNext !== undefined) next.failNext = failNext(input.failNext)
  }

  /** The fault for one request of `route`, consuming a queued one first. */
  pick(route: DreamkasRoute): DreamkasRequestFault | undefined {
    return this.pickFor(route)
  }

  get deviceOffline(): boolean {
    return this.faults_.deviceOffline
  }

  /** The injected error for the next finished operation, if any. */
  takeFailure(): { code: string; message: string } | undefined {
    const failure = takeCounted(this.faults_, "failNext")
    return failure
      ? { code: failure.code, message: failure.message }
      : undefined
  }
}
