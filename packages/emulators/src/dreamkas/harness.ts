import { harnessFaultsInput } from "../_shared/harness-faults"
import type { EmulatorHarness, HarnessLedgerEntry } from "../harness"
import {
  DREAMKAS_TEST_DEVICE_ID,
  DREAMKAS_TEST_INN,
  DREAMKAS_TEST_TOKEN,
} from "./accounts"
import { startDreamkasEmulator } from "./server"
import type { DreamkasLedgerEntry } from "./types"

const OPERATIONS: Record<string, string> = {
  SALE: "sell",
  REFUND: "sell_refund",
}

const STATUSES: Record<
  DreamkasLedgerEntry["status"],
  HarnessLedgerEntry["status"]
> = {
  PENDING: "wait",
  IN_PROGRESS: "wait",
  SUCCESS: "done",
  ERROR: "fail",
}

/** Tag 1192 of a receipt body, when the receipt carried it (resell). */
function additionalCheckProps(payload: unknown): string | null {
  const tags = (payload as { tags?: { tag?: unknown; value?: unknown }[] })
    ?.tags
  const tag = Array.isArray(tags)
    ? tags.find((t) => t?.tag === 1192)
    : undefined
  return tag && tag.value !== undefined ? String(tag.value) : null
}

/**
 * Dreamkas with the default account. The emulator runs with `duplicateExternalId:
 * "accept_new"`, the worst answer Dreamkas might give to a repeated externalId, so the
 * cross-vendor tests prove the provider never leans on deduplication.
 */
export const harness: EmulatorHarness = {
  provider: "dreamkas",
  async start({ port, host = "127.0.0.1", processingDelayMs = 20 }) {
    const emulator = await startDreamkasEmulator({
      port,
      host,
      processingDelayMs,
      duplicateExternalId: "accept_new",
    })
    return {
      url: emulator.url,
      connection: {
        token: DREAMKAS_TEST_TOKEN,
        device_id: DREAMKAS_TEST_DEVICE_ID,
        base_url: emulator.url,
        timeout_ms: 1_500,
      },
      company: { inn: DREAMKAS_TEST_INN, sno: "osn" },
      ledger: () =>
        emulator.ledger().map((entry) => ({
          external_id: entry.external_id ?? "",
          vendor_document_id: entry.operation_id,
          operation: OPERATIONS[entry.type] ?? entry.type,
          total: entry.total,
          status: STATUSES[entry.status],
          additional_check_props: additionalCheckProps(entry.payload),
        })),
      setFaults: (faults) => {
        emulator.setFaults(harnessFaultsInput(faults))
      },
      reset: () => emulator.reset(),
      close: () => emulator.close(),
    }
  },
}
