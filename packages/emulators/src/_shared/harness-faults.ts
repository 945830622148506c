import type { HarnessFaults } from "../harness"

/**
 * The vendor-neutral harness faults as a fault-plan change: only the fields the caller set, so
 * the others keep their value. Every emulator's plan names these three the same way.
 */
export function harnessFaultsInput(faults: HarnessFaults): {
  serverErrorRate?: number
  dropAfterProcessingRate?: number
  stuckInWait?: boolean
} {
  return {
    ...(faults.serverErrorRate !== undefined
      ? { serverErrorRate: faults.serverErrorRate }
      : {}),
    ...(faults.dropAfterProcessingRate !== undefined
      ? { dropAfterProcessingRate: faults.dropAfterProcessingRate }
      : {}),
    ...(faults.stuckInWait !== undefined
      ? { stuckInWait: faults.stuckInWait }
      : {}),
  }
}
