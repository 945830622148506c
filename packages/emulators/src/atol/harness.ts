import { harnessFaultsInput } from "../_shared/harness-faults"
import type { EmulatorHarness } from "../harness"
import { ATOL_TEST_ACCOUNTS, ATOL_TEST_INN } from "./accounts"
import { startAtolEmulator } from "./server"

const v5 = ATOL_TEST_ACCOUNTS.find((a) => a.groups[0]?.api_version === 5)!

/** ATOL Online v5 with the published test account, 50 kassas so checks are not throttled to 1/s. */
export const harness: EmulatorHarness = {
  provider: "atol",
  async start({ port, host = "127.0.0.1", processingDelayMs = 20 }) {
    const emulator = await startAtolEmulator({
      port,
      host,
      processingDelayMs,
      accounts: ATOL_TEST_ACCOUNTS.map((a) => ({
        ...a,
        groups: a.groups.map((g) => ({ ...g, kassa_count: 50 })),
      })),
    })
    return {
      url: emulator.url,
      connection: {
        api_version: 5,
        login: v5.login,
        password: v5.password,
        group: v5.groups[0].code,
        base_url: emulator.url,
        timeout_ms: 1_500,
        kassa_count: 50,
      },
      company: { inn: ATOL_TEST_INN, sno: "osn" },
      ledger: () =>
        emulator.ledger().map((d) => ({
          external_id: d.external_id,
          vendor_document_id: d.uuid,
          operation: d.operation,
          total: Math.round(d.total * 100),
          status: d.status,
          additional_check_props:
            (d.payload as { receipt?: { additional_check_props?: string } })
              ?.receipt?.additional_check_props ?? null,
          correction: d.correction,
        })),
      setFaults: (faults) => {
        emulator.setFaults(harnessFaultsInput(faults))
      },
      reset: () => emulator.reset(),
      close: () => emulator.close(),
    }
  },
}
