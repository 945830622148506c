/** Taxation systems (tag 1055) under the names medusa-fiscal's company settings use. */
export type HarnessTaxationSystem =
  "osn" | "usn_income" | "usn_income_outcome" | "envd" | "esn" | "patent"

/** One document an emulator registered, in vendor-neutral terms. */
export type HarnessLedgerEntry = {
  /** Our external id (ATOL external_id, Checkonline RequestId, …). */
  external_id: string
  /** The vendor's id of the document. */
  vendor_document_id: string
  operation: "sell" | "sell_refund" | string
  /** Receipt total in kopecks. */
  total: number
  /** `done`, `fail` or still processing (`wait`). */
  status: "wait" | "done" | "fail"
  /** Tag 1192 when the document carried it (resell). */
  additional_check_props?: string | null
  /**
   * A correction's data by ФФД tag as the service accepted it (1173 type, 1178 date of the
   * settlement corrected, 1179 the tax office's order number); absent for other documents
   * and for services without corrections.
   */
  correction?: Record<string, unknown> | null
}

/** Faults every emulator can inject; a vendor may support more through its own API. */
export type HarnessFaults = {
  /** Share (0..1) of requests answered with a server error, nothing done. */
  serverErrorRate?: number
  /** Share (0..1) of registrations processed and then left without an answer. */
  dropAfterProcessingRate?: number
  /** Documents stay in processing until switched off. */
  stuckInWait?: boolean
}

/** A started emulator, as the demo and the cross-vendor tests drive it. */
export type RunningHarness = {
  url: string
  /** Provider config (secrets included) that connects to this emulator. */
  connection: Record<string, unknown>
  /** The seller the emulator's cash registers are registered for. */
  company: { inn: string; sno: HarnessTaxationSystem }
  ledger(): HarnessLedgerEntry[]
  setFaults(faults: HarnessFaults): void
  /** Forgets documents and faults. */
  reset(): void
  close(): Promise<void>
}

/**
 * What each vendor's emulator folder exports as `harness` (in `harness.ts`, listed in
 * `HARNESSES`): the uniform way to start it for the demo (`FISCAL_DEMO_PROVIDER`), the
 * cross-vendor pipeline tests and a shop's own tests.
 */
export type EmulatorHarness = {
  /** Provider identifier it stands in for, e.g. `atol`. */
  provider: string
  start(options: {
    port: number
    host?: string
    processingDelayMs?: number
  }): Promise<RunningHarness>
}
