import {
  ATOL_TEST_ACCOUNTS,
  ATOL_TEST_INN,
  startAtolEmulator,
  type AtolEmulator,
} from "medusa-fiscal-emulator/atol"
import { builtInProvider } from "./providers"

const v5 = ATOL_TEST_ACCOUNTS.find((a) => a.login === "v5-online-atol-ru")!

/**
 * Where receipts tell the emulator to post callbacks: nothing listens there, so deliveries
 * fail at once and a test posts callbacks itself.
 */
export const TEST_CALLBACK_BASE = "http://127.0.0.1:9"

/** The ATOL v5 test account the suites register with. */
export const ATOL_V5_ACCOUNT = v5

/**
 * What every test app's shop is: its company (the INN comes with the vendor), standard VAT,
 * and a retry schedule and lease short enough for a test (fractions of a minute).
 */
export function testShopOptions(inn: string): Record<string, unknown> {
  return {
    company: {
      inn,
      email: "shop@example.com",
      payment_address: "https://shop.example.com",
      sno: "osn",
    },
    receipt: { goodsVat: "standard", shippingVat: "standard" },
    retry: { intervals_minutes: [0.005], max_attempts: 50 },
    status_checks: { interval_seconds: 1, max_checks: 200 },
    worker: { batch_size: 25, lease_seconds: 10 },
  }
}

/**
 * Plugin options of a test app fiscalizing through the ATOL v5 emulator on `port`: the
 * emulator's test company, {@link testShopOptions}, callbacks to {@link TEST_CALLBACK_BASE}.
 */
export function atolTestOptions(
  port: number,
  { timeoutMs = 1_500 }: { timeoutMs?: number } = {}
): Record<string, unknown> {
  return {
    provider: "atol",
    providers: [
      builtInProvider("atol", {
        api_version: 5,
        login: v5.login,
        password: v5.password,
        group: v5.groups[0].code,
        base_url: `http://127.0.0.1:${port}`,
        timeout_ms: timeoutMs,
        kassa_count: 50,
      }),
    ],
    ...testShopOptions(ATOL_TEST_INN),
    callback: { base_url: TEST_CALLBACK_BASE },
  }
}

/** The ATOL emulator on `port`, every test account with 50 registers. */
export function startTestAtol(port: number): Promise<AtolEmulator> {
  return startAtolEmulator({
    port,
    processingDelayMs: 20,
    accounts: ATOL_TEST_ACCOUNTS.map((a) => ({
      ...a,
      groups: a.groups.map((g) => ({ ...g, kassa_count: 50 })),
    })),
  })
}
