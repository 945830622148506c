import type { ModulFailureInfo } from "./kassa"
import type { SeededRandom } from "./random"

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

function queued(entry: ModulKassaQueuedFault): Required<ModulKassaQueuedFault> {
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
    count: Math.floor(nonNegative("failNext.count", input.count ?? 1, 10_000)),
    type: input.type,
    message:
      typeof input.message === "string" && input.message !== ""
        ? input.message
        : FAILURE_TEXTS[input.type],
  }
}

/** The fault plan and the seeded dice that apply it. */
export class FaultPlan {
  private faults_: ModulKassaFaults = noFaults()

  constructor(private readonly random_: () => SeededRandom) {}

  get(): ModulKassaFaults {
    return structuredClone(this.faults_)
  }

  /** Applies a change; throws with a readable message on a bad field and changes nothing. */
  set(input: ModulKassaFaultsInput): ModulKassaFaults {
    const next = { ...this.faults_ }
    if (input.latencyMs !== undefined)
      next.latencyMs = nonNegative("latencyMs", input.latencyMs, 600_000)
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

  latency(): number {
    return this.faults_.latencyMs
  }

  /** The fault for one request, consuming a queued one first. */
  pick(
    operation: Exclude<ModulKassaFaultTarget, "any">
  ): ModulKassaRequestFault | undefined {
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
      operation === "send" &&
      random.chance(this.faults_.dropAfterProcessingRate)
    ) {
      return "process_then_drop"
    }
    return undefined
  }

  get stuckInWait(): boolean {
    return this.faults_.stuckInWait
  }

  /** The injected failure for the next fiscalized document, if any. */
  takeFailure(): ModulFailureInfo | undefined {
    const failure = this.faults_.failNext
    if (!failure || failure.count <= 0) {
      return undefined
    }
    failure.count -= 1
    if (failure.count === 0) {
      this.faults_.failNext = null
    }
    return { type: failure.type, message: failure.message }
  }
}
