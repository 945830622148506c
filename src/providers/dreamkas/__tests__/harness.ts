import {
  DREAMKAS_TEST_DEVICE_ID,
  DREAMKAS_TEST_TOKEN,
  startDreamkasEmulator,
  type DreamkasEmulator,
  type DreamkasEmulatorOptions,
} from "../../../emulators/dreamkas"
import type { FiscalProvider } from "../../../modules/fiscal/types/provider"
import dreamkas from ".."
import type { DreamkasOptionsInput } from "../options"
import { dreamkasWebhookSubscriptions } from "../webhooks"

export { DREAMKAS_TEST_DEVICE_ID, DREAMKAS_TEST_TOKEN }

export function startTestEmulator(
  options: DreamkasEmulatorOptions = {}
): Promise<DreamkasEmulator> {
  return startDreamkasEmulator({ processingDelayMs: 4, ...options })
}

/** A Dreamkas provider for the emulator's default account. */
export function providerFor(
  emulator: { url: string },
  overrides: Partial<DreamkasOptionsInput> = {}
): FiscalProvider {
  return dreamkas.create(
    dreamkas.parseConfig({
      token: DREAMKAS_TEST_TOKEN,
      device_id: DREAMKAS_TEST_DEVICE_ID,
      base_url: emulator.url,
      timeout_ms: 200,
      ...overrides,
    })
  )
}

export { exchangeLog } from "../../_shared/__tests__/spec-helpers"

/** Forget process-wide state between tests. */
export function resetProcessState(): void {
  dreamkasWebhookSubscriptions.clear()
}

export { startWebhookSink } from "../../../emulators/dreamkas/__tests__/fixtures"
