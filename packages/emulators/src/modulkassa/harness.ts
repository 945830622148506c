import { harnessFaultsInput } from "../_shared/harness-faults"
import type { EmulatorHarness, HarnessLedgerEntry } from "../harness"
import {
  EMULATOR_PLACEHOLDER_VAT_TAGS,
  MODULKASSA_TEST_ACCOUNTS,
  MODULKASSA_TEST_INN,
} from "./accounts"
import { startModulKassaEmulator } from "./server"
import type { ModulDocumentState } from "./types"

const account = MODULKASSA_TEST_ACCOUNTS[0]
const point = account.retailPoints[0]

const OPERATION: Record<string, string> = {
  SALE: "sell",
  RETURN: "sell_refund",
}

const STATUS: Record<ModulDocumentState, HarnessLedgerEntry["status"]> = {
  QUEUED: "wait",
  PENDING: "wait",
  REQUEUED: "wait",
  PRINTED: "done",
  WAIT_FOR_CALLBACK: "done",
  COMPLETED: "done",
  FAILED: "fail",
}

/**
 * МодульКасса with the seeded shop account, its retail point already associated, and the
 * emulator's placeholder `vatTag` codes for the rates МодульКасса has not published (22 % is
 * the standard rate since 2026). The ledger's external id is the `docNum` the provider sends.
 */
export const harness: EmulatorHarness = {
  provider: "modulkassa",
  async start({ port, host = "127.0.0.1", processingDelayMs = 20 }) {
    const emulator = await startModulKassaEmulator({
      port,
      host,
      processingDelayMs,
      callbackRetryDelayMs: 200,
    })
    const association = emulator.associate(point.id)
    return {
      url: emulator.url,
      connection: {
        base_url: emulator.url,
        retail_point_id: point.id,
        login: account.login,
        password: account.password,
        service_user: association.userName,
        service_password: association.password,
        vat_tags: { ...EMULATOR_PLACEHOLDER_VAT_TAGS },
        timeout_ms: 1_500,
      },
      company: { inn: MODULKASSA_TEST_INN, sno: "osn" },
      ledger: () =>
        emulator.ledger().map((d) => ({
          external_id: d.docNum,
          vendor_document_id: d.id,
          operation: OPERATION[d.docType] ?? d.docType,
          total: d.total,
          status: STATUS[d.status],
          // The API has no field for tag 1192
          // (docs/vendors/modulkassa.md, "Registration request").
          additional_check_props: null,
        })),
      setFaults: (faults) => {
        emulator.setFaults(harnessFaultsInput(faults))
      },
      reset: () => emulator.reset(),
      close: () => emulator.close(),
    }
  },
}
