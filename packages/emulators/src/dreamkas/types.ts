import type { DreamkasLedgerMark } from "./validation"
import type { DreamkasEmulatorAccount } from "./accounts"
import type { DreamkasFaultsInput, DreamkasRoute } from "./faults"
import type { EmulatedReceipt } from "./kassa"
import type { WebhookDelivery } from "./webhooks"

/**
 * What a repeated `externalId` does. Dreamkas does not document it [?]
 * (docs/vendors/dreamkas.md, "Idempotency"):
 * - `return_existing` (default): 200 with the first operation, nothing new;
 * - `conflict_409`: 409 CONFLICT, nothing new;
 * - `accept_new`: a second operation, i.e. a second receipt — the worst case a client must survive.
 */
export type DuplicateExternalIdMode =
  "return_existing" | "conflict_409" | "accept_new"

/** The names the emulated Dreamkas accepts for the 22 % rates; null: it knows none. */
export type Vat22Names = { vat22: string; vat122: string } | null

/** How the emulator behaves; every field is optional. */
export type DreamkasEmulatorOptions = {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number
  /** Interface to bind; default `127.0.0.1`. */
  host?: string
  /** Seed of every random choice (ids, fiscal numbers, fault dice); default 1. */
  seed?: number
  /** Tokens and their kassas; default {@link DREAMKAS_TEST_ACCOUNTS}. */
  accounts?: readonly DreamkasEmulatorAccount[]
  /** Time from creation to SUCCESS/ERROR, ms (IN_PROGRESS at half of it); default 100. */
  processingDelayMs?: number
  /** See {@link DuplicateExternalIdMode}; default `return_existing`. */
  duplicateExternalId?: DuplicateExternalIdMode
  /**
   * The 22 % tax names [?] (docs/vendors/dreamkas.md, "Enumerations and mapping"); default
   * `NDS_22` and `NDS_22_CALCULATED`, after the `NDS_20`/`NDS_20_CALCULATED` pattern.
   */
  vat22Names?: Vat22Names
  /**
   * Divisor of a SCALABLE position's `quantity`: 1000 (default) reads 700 as 0.7 kg, the unit
   * the read model reports quantities in [C]
   * (docs/vendors/dreamkas.md, "Fiscal receipt read model").
   */
  scalableQuantityScale?: number
  /** Timeout of one webhook delivery, ms; default 5000. */
  webhookTimeoutMs?: number
  /** The emulator's clock (operation and fiscal dates, shifts); default the system clock. */
  clock?: () => Date
  /** Faults active from the start. */
  faults?: DreamkasFaultsInput
}

/** Status of an operation (docs/vendors/dreamkas.md, "Operations and status"). */
export type OperationStatus = "PENDING" | "IN_PROGRESS" | "SUCCESS" | "ERROR"

/** One operation as the ledger shows it. */
export type DreamkasLedgerEntry = {
  operation_id: string
  external_id: string | null
  device_id: number
  /** `type` of the receipt: SALE, REFUND, … */
  type: string
  status: OperationStatus
  /** `total.priceSum`, kopecks. */
  total: number
  /** The request body as received. */
  payload: unknown
  /** The marked positions: each one's code (tag 2000) as received. */
  marks: DreamkasLedgerMark[]
  /** The fiscal receipt once SUCCESS. */
  receipt: EmulatedReceipt | null
  /** The error once ERROR. */
  error: { code: string; message: string } | null
  created_at: string
  completed_at: string | null
  webhooks: WebhookDelivery[]
}

/** Request counters. */
export type DreamkasEmulatorStats = {
  requests: Record<DreamkasRoute | "other", number>
  operations: number
  /** How repeated externalIds were answered. */
  duplicates: Record<DuplicateExternalIdMode, number>
  faults_injected: Record<string, number>
}
