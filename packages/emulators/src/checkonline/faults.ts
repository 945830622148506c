import { deviceErrorText } from "./catalogue"
import {
  BaseFaultPlan,
  flag,
  injectionCount,
  takeCounted,
} from "../_shared/faults"
import type { SeededRandom } from "../_shared/random"

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

function integerCode(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer`)
  }
  return value
}

/** The fault plan and the seeded dice that apply it. */
export class FaultPlan extends BaseFaultPlan<
  CheckonlineFaults,
  CheckonlineFaultsInput,
  CheckonlineRequestFault,
  never
> {
  constructor(dice: () => SeededRandom) {
    super(dice, {
      empty: noFaults,
      faults: REQUEST_FAULTS,
      // No `targets`: one faultable route (`POST /fr/api/v2/Complex`), so queued faults carry none.
      jitter: true,
      // Copied through JSON, like the ledger: objects of Node's own realm fail `instanceof`
      // checks in sandboxed test runners.
      clone: (plan) => JSON.parse(JSON.stringify(plan)),
    })
  }

  protected applyOwn(
    next: CheckonlineFaults,
    input: CheckonlineFaultsInput
  ): void {
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
              count: injectionCount("cloudErrorNext.count", cloud.count),
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
              count: injectionCount("deviceErrorNext.count", device.count),
            }
    }
    if (input.stuckInWait !== undefined)
      next.stuckInWait = flag("stuckInWait", input.stuckInWait)
  }

  /** The fault for one registration, consuming a queued one first. */
  pick(): CheckonlineRequestFault | undefined {
    return this.pickFor()
  }

  /** The injected cloud error for the next valid request, if any. */
  takeCloudError():
    { code: number; fatal: boolean; description: string } | undefined {
    const cloud = takeCounted(this.faults_, "cloudErrorNext")
    return cloud
      ? { code: cloud.code, fatal: cloud.fatal, description: cloud.description }
      : undefined
  }

  /** The injected device error for the next executed receipt, if any. */
  takeDeviceError(): { code: number; messages: string[] } | undefined {
    const device = takeCounted(this.faults_, "deviceErrorNext")
    return device
      ? { code: device.code, messages: [...device.messages] }
      : undefined
  }
}
