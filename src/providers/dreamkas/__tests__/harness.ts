import {
  DREAMKAS_TEST_DEVICE_ID,
  DREAMKAS_TEST_TOKEN,
  startDreamkasEmulator,
  type DreamkasEmulator,
  type DreamkasEmulatorOptions,
} from "medusa-fiscal-emulator/dreamkas"
import type { FiscalProvider } from "../../../modules/fiscal/types/provider"
import { startPostSink } from "../../_shared/__tests__/post-sink"
import { TEST_TIMEOUT_MS } from "../../_shared/__tests__/spec-helpers"
import { DreamkasFiscalProvider } from ".."
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
  return new DreamkasFiscalProvider(
    {},
    DreamkasFiscalProvider.parseConfig({
      token: DREAMKAS_TEST_TOKEN,
      device_id: DREAMKAS_TEST_DEVICE_ID,
      base_url: emulator.url,
      timeout_ms: TEST_TIMEOUT_MS,
      ...overrides,
    })
  )
}

export { exchangeLog } from "../../_shared/__tests__/spec-helpers"

/** Forget process-wide state between tests. */
export function resetProcessState(): void {
  dreamkasWebhookSubscriptions.clear()
}

/** The shop's webhook endpoint, as Dreamkas posts to it. */
export function startWebhookSink() {
  return startPostSink<{
    action: string
    type: string
    data: Record<string, unknown>
  }>("/hooks/fiscal/dreamkas/s3cr3t-callback")
}
