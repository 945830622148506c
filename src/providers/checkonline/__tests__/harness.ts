import {
  startCheckonlineEmulator,
  type CheckonlineEmulator,
  type CheckonlineEmulatorOptions,
} from "medusa-fiscal-emulator/checkonline"
import type { FiscalProvider } from "../../../modules/fiscal/types/provider"
import { TEST_TIMEOUT_MS } from "../../_shared/__tests__/spec-helpers"
import { CheckonlineFiscalProvider } from ".."
import type { CheckonlineOptionsInput } from "../options"

/** An emulator with short processing, on 127.0.0.1 and a free port. */
export function startTestEmulator(
  options: CheckonlineEmulatorOptions = {}
): Promise<CheckonlineEmulator> {
  return startCheckonlineEmulator({ processingDelayMs: 5, ...options })
}

/** A Checkonline provider with the emulator's test certificate. */
export function providerFor(
  emulator: Pick<CheckonlineEmulator, "connection">,
  overrides: Partial<CheckonlineOptionsInput> = {}
): FiscalProvider {
  return new CheckonlineFiscalProvider(
    {},
    CheckonlineFiscalProvider.parseConfig({
      ...emulator.connection(),
      timeout_ms: TEST_TIMEOUT_MS,
      ...overrides,
    })
  )
}

export { exchangeLog } from "../../_shared/__tests__/spec-helpers"

let seq = 0
/** A fresh external id, shaped like the pipeline's. */
export const externalId = () =>
  `ftx_01TESTCHECKONLINE${String(++seq).padStart(6, "0")}`
