import type { AtolEmulatorAccount } from "./accounts"
import type { CallbackAttempt } from "./callbacks"
import type { KktFailure } from "./error-catalogue"
import type { AtolFaultsInput } from "./faults"
import type { AtolLedgerMark, FiscalPayload } from "./kassa"
import type { ReportRateStats } from "./rate-window"

/** How the emulator behaves; every field is optional. */
export type AtolEmulatorOptions = {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number
  /** Interface to bind; default `127.0.0.1`. */
  host?: string
  /** Seed of every random choice (uuids, tokens, fiscal numbers, fault dice); default 1. */
  seed?: number
  /** Logins and groups; default ATOL's published test accounts. */
  accounts?: readonly AtolEmulatorAccount[]
  /** Time from registration to `done`/`fail`, ms; default 100. */
  processingDelayMs?: number
  /** Token lifetime, ms; default 24 h as ATOL (docs/vendors/atol.md, "Authentication"). */
  tokenTtlMs?: number
  /**
   * `enforce` (default): report requests beyond one per second per kassa get 429.
   * `observe`: they are answered and only counted. ATOL does not document its answer to
   * an exceeded limit; 429 is the emulator's choice.
   */
  reportRateLimit?: "enforce" | "observe"
  /** Report KKT failures in the legacy negative numbering older modules match on. */
  legacyKktCodes?: boolean
  /** Timeout of one callback delivery, ms; default 5000. */
  callbackTimeoutMs?: number
  /** The emulator's clock (fiscal dates, token expiry, shifts); default the system clock. */
  clock?: () => Date
  /** Faults active from the start. */
  faults?: AtolFaultsInput
}

/** One registered document as the ledger shows it. */
export type AtolLedgerEntry = {
  uuid: string
  group: string
  external_id: string
  operation: string
  api_version: 4 | 5
  status: "wait" | "done" | "fail"
  /** Receipt total in rubles as sent. */
  total: number
  /** The registration body as received. */
  payload: unknown
  /**
   * The marking of every position that has any (codes, the sold part of a package, industry
   * requisites), as accepted; `code` is the code as scanned.
   */
  marks: AtolLedgerMark[]
  /** The correction data of a correction (`*_correction` operations), else null. */
  correction: AtolLedgerCorrection | null
  /** Fiscal data once `done`. */
  fiscal: FiscalPayload | null
  /** The KKT failure once `fail`. */
  error: KktFailure | null
  warnings: Record<string, string> | null
  device_code: string | null
  created_at: string
  processed_at: string | null
  callbacks: CallbackAttempt[]
}

/**
 * A correction's data as accepted, by its ФФД tags: 1173 the correction type (0 on the shop's
 * own initiative, 1 by order of the tax office), 1178 the date of the corrected settlement
 * (`dd.mm.yyyy` as sent), 1179 the number of the tax office's order; v4 also 1177.
 */
export type AtolLedgerCorrection = {
  type: "self" | "instruction"
  1173: 0 | 1
  1178: string
  1179: string | null
  1177: string | null
}

/** Request counters and observed rates. */
export type AtolEmulatorStats = {
  requests: {
    getToken: number
    register: number
    report: number
    other: number
  }
  tokens_issued: number
  documents: number
  faults_injected: Record<string, number>
  reports: Record<string, ReportRateStats>
}
