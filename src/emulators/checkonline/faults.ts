import { deviceErrorText } from "./catalogue"
import type { SeededRandom } from "./random"

/**
 * What can go wrong with one `POST /fr/api/v2/Complex`:
 * - `server_error`: HTTP 500 + non-fatal cloud error 6, nothing done;
 * - `no_free_device`: HTTP 500 + non-fatal cloud error 5, nothing done;
 * - `hang`: never answer, nothing done (the client times out);
 * - `process_then_hang`: register the receipt (and cache the answer), then never answer;
 * - `process_then_drop`: register the receipt (and cache the answer), then reset the connection.
 */
export type CheckonlineRequestFault =
  | "server_error"
  | "no_free_device"
  | "hang"
  | "process_then_hang"
  | "process_then_drop"

/** A fault for the next `count` registrations. */
export type CheckonlineQueuedFault = {
  fault: CheckonlineRequestFault
  count?: number
}

/** The next `count` valid requests get this cloud error (HTTP 500) instead of being executed. */
export type CheckonlineCloudErrorInjection = {
  code: number
  fatal: boolean
  description?: string
  count?: number
}

/**
 * The next `count` executed receipts fail at the cash register with this device error
 * (HTTP 200, `Response.Error`). Final codes are cached like a receipt; passing ones are not.
 */
export type CheckonlineDeviceErrorInjection = {
  code: number
  messages?: string[]
  count?: number
}

/** The current fault plan. */
export type CheckonlineFaults = {
  /** Added to every registration before it is handled, ms. */
  latencyMs: number
  /** Up to this much more latency, drawn from the seeded dice, ms. */
  latencyJitterMs: number
  /** Share (0..1) of registrations answered with the non-fatal cloud error 6, nothing done. */
  serverErrorRate: number
  /** Share (0..1) of registrations that never get an answer, nothing done. */
  hangRate: number
  /** Share (0..1) of registrations that are executed and then lose their answer. */
  dropAfterProcessingRate: number
  /** Deterministic faults, consumed in order. */
  next: Required<CheckonlineQueuedFault>[]
  cloudErrorNext: Required<CheckonlineCloudErrorInjection> | null
  deviceErrorNext: Required<CheckonlineDeviceErrorInjection> | null
  /**
   * Registrations are held (the cash register never finishes) until this is switched off; then
   * they are executed and answered, if their client is still listening.
   */
  stuckInWait: boolean
}

/** A change to the plan; fields left out keep their value, `next` replaces the queue. */
export type CheckonlineFaultsInput = Partial<
  Omit<CheckonlineFaults, "next" | "cloudErrorNext" | "deviceErrorNext"> & {
    next: CheckonlineQueuedFault[]
    cloudErrorNext: CheckonlineCloudErrorInjection | null
    deviceErrorNext: CheckonlineDeviceErrorInjection | null
  }
>

const REQUEST_FAULTS: readonly CheckonlineRequestFault[] = [
  "server_error",
  "no_free_device",
  "hang",
  "process_then_hang",
  "process_then_drop",
]

export function noFaults(): CheckonlineFaults {
  return {
    latencyMs: 0,
    latencyJitterMs: 0,
    serverErrorRate: 0,
    hangRate: 0,
    dropAfterProcessingRate: 0,
    next: [],
    cloudErrorNext: null,
    deviceErrorNext: null,
    stuckInWait: false,
  }
}

function number(name: string, value: unknown, max: number): number {
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

function count(name: string, value: unknown): number {
  return Math.floor(number(name, value ?? 1, 10_000))
}

function integerCode(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer`)
  }
  return value
}

/** The fault plan and the seeded dice that apply it. */
export class FaultPlan {
  private faults_: CheckonlineFaults = noFaults()

  constructor(private readonly dice_: () => SeededRandom) {}

  get(): CheckonlineFaults {
    return JSON.parse(JSON.stringify(this.faults_))
  }

  /** Applies a change; throws with a readable message on a bad field and changes nothing. */
  set(input: CheckonlineFaultsInput): CheckonlineFaults {
    const next = { ...this.faults_ }
    if (input.latencyMs !== undefined)
      next.latencyMs = number("latencyMs", input.latencyMs, 600_000)
    if (input.latencyJitterMs !== undefined)
      next.latencyJitterMs = number(
        "latencyJitterMs",
        input.latencyJitterMs,
        600_000
      )
    if (input.serverErrorRate !== undefined)
      next.serverErrorRate = number("serverErrorRate", input.serverErrorRate, 1)
    if (input.hangRate !== undefined)
      next.hangRate = number("hangRate", input.hangRate, 1)
    if (input.dropAfterProcessingRate !== undefined)
      next.dropAfterProcessingRate = number(
        "dropAfterProcessingRate",
        input.dropAfterProcessingRate,
        1
      )
    if (input.next !== undefined) {
      if (!Array.isArray(input.next)) throw new Error("next must be an array")
      next.next = input.next
        .map((entry) => {
          if (!REQUEST_FAULTS.includes(entry?.fault)) {
            throw new Error(
              `next[].fault must be one of ${REQUEST_FAULTS.join(", ")}`
            )
          }
          return {
            fault: entry.fault,
            count: count("next[].count", entry.count),
          }
        })
        .filter((entry) => entry.count > 0)
    }
    if (input.cloudErrorNext !== undefined) {
      const cloud = input.cloudErrorNext
      if (cloud !== null && typeof cloud?.fatal !== "boolean") {
        throw new Error(
          "cloudErrorNext needs a numeric code and a boolean fatal"
        )
      }
      next.cloudErrorNext =
        cloud === null
          ? null
          : {
              code: integerCode("cloudErrorNext.code", cloud.code),
              fatal: cloud.fatal,
              description:
                cloud.description ?? `Ошибка облачного сервиса ${cloud.code}`,
              count: count("cloudErrorNext.count", cloud.count),
            }
    }
    if (input.deviceErrorNext !== undefined) {
      const device = input.deviceErrorNext
      next.deviceErrorNext =
        device === null
          ? null
          : {
              code: integerCode("deviceErrorNext.code", device?.code),
              messages: device.messages ?? [deviceErrorText(device.code)],
              count: count("deviceErrorNext.count", device.count),
            }
    }
    if (input.stuckInWait !== undefined) {
      if (typeof input.stuckInWait !== "boolean")
        throw new Error("stuckInWait must be a boolean")
      next.stuckInWait = input.stuckInWait
    }
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
      (latencyJitterMs > 0 ? this.dice_().next() * latencyJitterMs : 0)
    )
  }

  /** The fault for one registration, consuming a queued one first. */
  pick(): CheckonlineRequestFault | undefined {
    const queued = this.faults_.next[0]
    if (queued) {
      queued.count -= 1
      if (queued.count <= 0) {
        this.faults_.next.shift()
      }
      return queued.fault
    }
    const dice = this.dice_()
    if (dice.chance(this.faults_.serverErrorRate)) return "server_error"
    if (dice.chance(this.faults_.hangRate)) return "hang"
    if (dice.chance(this.faults_.dropAfterProcessingRate))
      return "process_then_drop"
    return undefined
  }

  get stuckInWait(): boolean {
    return this.faults_.stuckInWait
  }

  /** The injected cloud error for the next valid request, if any. */
  takeCloudError():
    { code: number; fatal: boolean; description: string } | undefined {
    const cloud = this.faults_.cloudErrorNext
    if (!cloud || cloud.count <= 0) return undefined
    cloud.count -= 1
    if (cloud.count === 0) this.faults_.cloudErrorNext = null
    return {
      code: cloud.code,
      fatal: cloud.fatal,
      description: cloud.description,
    }
  }

  /** The injected device error for the next executed receipt, if any. */
  takeDeviceError(): { code: number; messages: string[] } | undefined {
    const device = this.faults_.deviceErrorNext
    if (!device || device.count <= 0) return undefined
    device.count -= 1
    if (device.count === 0) this.faults_.deviceErrorNext = null
    return { code: device.code, messages: [...device.messages] }
  }
}
