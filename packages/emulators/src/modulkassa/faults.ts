import type { ModulFailureInfo } from "./kassa"
import {
  BaseFaultPlan,
  flag,
  injectionCount,
  takeCounted,
} from "../_shared/faults"
import type { SeededRandom } from "../_shared/random"

/**
 * What can go wrong with one HTTP request:
 * - `server_error`: 500, nothing done;
 * - `unavailable`: 503, nothing done;
 * - `rate_limit`: 429 with `Retry-After: 1`, nothing done;
 * - `hang`: never answer, nothing done (the client times out);
 * - `process_then_hang`: do the work (e.g. store the document), then never answer;
 * - `process_then_drop`: do the work, then destroy the socket without an answer.
 */
export type ModulKassaRequestFault =
  | "server_error"
  | "unavailable"
  | "rate_limit"
  | "hang"
  | "process_then_hang"
  | "process_then_drop"

/** Which requests a queued fault applies to. */
export type ModulKassaFaultTarget =
  "associate" | "fnStatus" | "send" | "status" | "requeue" | "any"

/** A fault for the next `count` matching requests. */
export type ModulKassaQueuedFault = {
  fault: ModulKassaRequestFault
  /** Default `any`. */
  on?: ModulKassaFaultTarget
  /** Default 1. */
  count?: number
}

/** Fail the next `count` fiscalized documents with this `FailureInfo`. */
export type ModulKassaFailNext = {
  count?: number
  type: ModulFailureInfo["type"]
  /** Default: a typical text for the type. */
  message?: string
}

/** The current fault plan. */
export type ModulKassaFaults = {
  /** Added to every API request before it is handled, ms. */
  latencyMs: number
  /** Share (0..1) of API requests answered 500, nothing done. */
  serverErrorRate: number
  /** Share (0..1) of API requests that never get an answer. */
  hangRate: number
  /** Share (0..1) of document sends that are stored and then lose their answer. */
  dropAfterProcessingRate: number
  /** Deterministic faults, consumed in order by matching requests. */
  next: Required<ModulKassaQueuedFault>[]
  /** Documents stay QUEUED (the kassa takes nothing) until this is switched off. */
  stuckInWait: boolean
  /** Kassa failures for the next fiscalized documents. */
  failNext: Required<ModulKassaFailNext> | null
}

/** A change to the plan; fields left out keep their value, `next` replaces the queue. */
export type ModulKassaFaultsInput = Partial<
  Omit<ModulKassaFaults, "next" | "failNext"> & {
    next: ModulKassaQueuedFault[]
    failNext: ModulKassaFailNext | null
  }
>

const REQUEST_FAULTS: readonly ModulKassaRequestFault[] = [
  "server_error",
  "unavailable",
  "rate_limit",
  "hang",
  "process_then_hang",
  "process_then_drop",
]
const TARGETS: readonly ModulKassaFaultTarget[] = [
  "associate",
  "fnStatus",
  "send",
  "status",
  "requeue",
  "any",
]
const FAILURE_TYPES: readonly ModulFailureInfo["type"][] = [
  "FN_MEMORY_OVERFLOW",
  "FN_EXPIRED",
  "FN_GENERIC_FAILURE",
  "NON_FN_FAILURE",
]

/** Typical texts of each failure type [I]: the doc lists the types, not their messages. */
const FAILURE_TEXTS: Record<ModulFailureInfo["type"], string> = {
  FN_MEMORY_OVERFLOW:
    "Переполнение памяти ФН: документы не переданы в ОФД более 30 дней",
  FN_EXPIRED: "Истёк срок действия ФН",
  FN_GENERIC_FAILURE: "Ошибка обмена с ФН",
  NON_FN_FAILURE: "Ошибка обработки документа кассой",
}

export function noFaults(): ModulKassaFaults {
  return {
    latencyMs: 0,
    serverErrorRate: 0,
    hangRate: 0,
    dropAfterProcessingRate: 0,
    next: [],
    stuckInWait: false,
    failNext: null,
  }
}

function failNext(
  input: ModulKassaFailNext | null
): Required<ModulKassaFailNext> | null {
  if (input === null) {
    return null
  }
  if (!FAILURE_TYPES.includes(input?.type)) {
    throw new Error(`failNext.type must be one of ${FAILURE_TYPES.join(", ")}`)
  }
  return {
    count: injectionCount("failNext.count", input.count),
    type: input.type,
    message:
      typeof input.message === "string" && input.message !== ""
        ? input.message
        : FAILURE_TEXTS[input.type],
  }
}

/** The fault plan and the seeded dice that apply it. */
export class FaultPlan extends BaseFaultPlan<
  ModulKassaFaults,
  ModulKassaFaultsInput,
  ModulKassaRequestFault,
  ModulKassaFaultTarget
> {
  constructor(random: () => SeededRandom) {
    super(random, {
      empty: noFaults,
      faults: REQUEST_FAULTS,
      targets: TARGETS,
      jitter: false,
      processing: "send",
    })
  }

  protected applyOwn(
    next: ModulKassaFaults,
    input: ModulKassaFaultsInput
  ): void {
    if (input.stuckInWait !== undefined)
      next.stuckInWait = flag("stuckInWait", input.stuckInWait)
    if (input.failNext !== undefined) next.failNext = failNext(input.failNext)
  }

  /** The fault for one request, consuming a queued one first. */
  pick(
    operation: Exclude<ModulKassaFaultTarget, "any">
  ): ModulKassaRequestFault | undefined {
    return this.pickFor(operation)
  }

  /** The injected failure for the next fiscalized document, if any. */
  takeFailure(): ModulFailureInfo | undefined {
    const failure = takeCounted(this.faults_, "failNext")
    return failure
      ? { type: failure.type, message: failure.message }
      : undefined
  }
}
