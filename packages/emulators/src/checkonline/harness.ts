import { harnessFaultsInput } from "../_shared/harness-faults"
import type { EmulatorHarness } from "../harness"
import { CHECKONLINE_TEST_INN } from "./enterprises"
import { startCheckonlineEmulator } from "./server"

/**
 * Checkonline with the embedded test certificate and enterprise. Registration is synchronous:
 * the ledger holds receipts that are `done` (and final device failures as `fail`), never `wait`;
 * `stuckInWait` holds requests at the cash register until it is switched off.
 */
export const harness: EmulatorHarness = {
  provider: "checkonline",
  async start({ port, host = "127.0.0.1", processingDelayMs = 20 }) {
    const emulator = await startCheckonlineEmulator({
      port,
      host,
      processingDelayMs,
    })
    return {
      url: emulator.url,
      connection: { ...emulator.connection(), timeout_ms: 3_000 },
      company: { inn: CHECKONLINE_TEST_INN, sno: "osn" },
      ledger: () =>
        emulator.ledger().map((entry) => ({
          external_id: entry.request_id,
          vendor_document_id: entry.vendor_document_id,
          operation: entry.operation,
          total: entry.total,
          status: entry.status,
          additional_check_props: entry.additional_check_props,
        })),
      setFaults: (faults) => {
        emulator.setFaults(harnessFaultsInput(faults))
      },
      reset: () => emulator.reset(),
      close: () => emulator.close(),
    }
  },
}
