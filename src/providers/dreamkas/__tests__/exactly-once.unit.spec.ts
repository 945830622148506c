import type {
  DreamkasEmulator,
  DuplicateExternalIdMode,
} from "medusa-fiscal-emulator/dreamkas"
import {
  IndeterminateError,
  RetryableError,
} from "../../../modules/fiscal/errors"
import type { FiscalProvider } from "../../../modules/fiscal/types/provider"
import { TEST_COMPANY, saleDocument } from "./fixtures"
import { providerFor, resetProcessState, startTestEmulator } from "./harness"
import { useEmulator } from "../../_shared/__tests__/use-emulator"

/**
 * The pipeline's rules (docs/architecture.md, "The life of a receipt" and "Exactly once";
 * send-receipt.ts) in miniature: a row whose previous request may have reached Dreamkas is
 * `unknown`, and because the provider declares `dedupesExternalId: false` an unknown row is
 * looked up with check() before anything is sent again. Under 10 % server errors and 10 %
 * "processed, then the answer lost", every receipt must be printed exactly once, whatever
 * Dreamkas does with a repeated externalId.
 */

type Row = {
  externalId: string
  status: "pending" | "unknown" | "wait" | "done"
  vendorDocumentId?: string
}

async function send(provider: FiscalProvider, row: Row): Promise<void> {
  try {
    if (row.status === "unknown" && !provider.capabilities.dedupesExternalId) {
      const status = await provider.check({
        externalId: row.externalId,
        vendorDocumentId: row.vendorDocumentId,
      })
      if (status.kind !== "not_found") {
        row.status = status.kind === "done" ? "done" : "wait"
        return
      }
    }
    const outcome = await provider.register({
      externalId: row.externalId,
      document: saleDocument(),
      company: TEST_COMPANY,
    })
    row.vendorDocumentId = outcome.vendorDocumentId
    row.status = "wait"
  } catch (error) {
    if (error instanceof IndeterminateError) {
      row.status = "unknown"
    } else if (!(error instanceof RetryableError)) {
      throw error
    }
  }
}

async function poll(provider: FiscalProvider, row: Row): Promise<void> {
  try {
    const status = await provider.check({
      externalId: row.externalId,
      vendorDocumentId: row.vendorDocumentId,
    })
    if (status.kind === "done") {
      row.status = "done"
    }
    if (status.kind === "not_found" || status.kind === "failed") {
      throw new Error(`${row.externalId}: unexpected ${status.kind}`)
    }
  } catch (error) {
    if (!(error instanceof RetryableError)) {
      throw error
    }
  }
}

let dreamkas: DreamkasEmulator

useEmulator(
  () => startTestEmulator({ processingDelayMs: 1, seed: 7 }),
  (e) => (dreamkas = e),
  resetProcessState
)

it.each([
  "accept_new",
  "conflict_409",
  "return_existing",
] as DuplicateExternalIdMode[])(
  "60 receipts under faults are printed exactly once with duplicateExternalId=%s",
  async (mode) => {
    dreamkas.configure({ duplicateExternalId: mode })
    dreamkas.setFaults({ serverErrorRate: 0.1, dropAfterProcessingRate: 0.1 })
    // Two connections, as two workers would have.
    const providers = [providerFor(dreamkas), providerFor(dreamkas)]
    const rows: Row[] = Array.from({ length: 60 }, (_, i) => ({
      externalId: `ftx_${mode}_${i}:0`,
      status: "pending",
    }))
    for (
      let round = 0;
      round < 40 && rows.some((row) => row.status !== "done");
      round++
    ) {
      await Promise.all(
        rows.map((row, i) => {
          const provider = providers[i % 2]
          return row.status === "pending" || row.status === "unknown"
            ? send(provider, row)
            : row.status === "wait"
              ? poll(provider, row)
              : undefined
        })
      )
      await dreamkas.idle()
    }
    expect(rows.filter((row) => row.status !== "done")).toEqual([])
    const ledger = dreamkas.ledger()
    const perExternalId = new Map<string, number>()
    for (const entry of ledger) {
      perExternalId.set(
        entry.external_id!,
        (perExternalId.get(entry.external_id!) ?? 0) + 1
      )
    }
    expect([...perExternalId.values()].every((count) => count === 1)).toBe(true)
    expect(ledger).toHaveLength(60)
    expect(ledger.every((entry) => entry.status === "SUCCESS")).toBe(true)
    const faults = dreamkas.stats().faults_injected
    expect(faults.server_error).toBeGreaterThan(0)
    expect(faults.process_then_drop).toBeGreaterThan(0)
  }
)
