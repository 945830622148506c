import {
  ATOL_TEST_ACCOUNTS,
  startAtolEmulator,
  type AtolEmulator,
  type AtolEmulatorOptions,
} from "medusa-fiscal-emulator/atol"
import type { FiscalProvider } from "../../../modules/fiscal/types/provider"
import { TEST_TIMEOUT_MS } from "../../_shared/__tests__/spec-helpers"
import { AtolFiscalProvider } from ".."
import type { AtolOptionsInput } from "../options"
import { atolTokenCache } from "../token-cache"

/**
 * Kassas per test group: reports are spaced ceil(1050 / 80) = 14 ms apart, fast enough for
 * tests, and 100 unthrottled concurrent checks would exceed the group's 80 per second.
 */
export const TEST_KASSAS = 80

export const V4_ACCOUNT = ATOL_TEST_ACCOUNTS[0]
export const V5_ACCOUNT = ATOL_TEST_ACCOUNTS[1]

/** The published test accounts with bigger groups. */
export function testAccounts() {
  return ATOL_TEST_ACCOUNTS.map((account) => ({
    ...account,
    groups: account.groups.map((group) => ({
      ...group,
      kassa_count: TEST_KASSAS,
    })),
  }))
}

export async function startTestEmulator(
  options: AtolEmulatorOptions = {}
): Promise<AtolEmulator> {
  return startAtolEmulator({
    processingDelayMs: 5,
    accounts: testAccounts(),
    ...options,
  })
}

/** An ATOL provider for the emulator's published v5 (default) or v4 account. */
export function providerFor(
  emulator: { url: string },
  overrides: Partial<AtolOptionsInput> & { version?: 4 | 5 } = {}
): FiscalProvider {
  const { version = 5, ...rest } = overrides
  const account = version === 4 ? V4_ACCOUNT : V5_ACCOUNT
  return new AtolFiscalProvider(
    {},
    AtolFiscalProvider.parseConfig({
      api_version: version,
      login: account.login,
      password: account.password,
      group: account.groups[0].code,
      base_url: emulator.url,
      timeout_ms: TEST_TIMEOUT_MS,
      kassa_count: TEST_KASSAS,
      ...rest,
    })
  )
}

export { exchangeLog } from "../../_shared/__tests__/spec-helpers"

/** Forget cached tokens between tests so each test counts its own getToken calls. */
export function resetProcessState(): void {
  atolTokenCache.clear()
}
