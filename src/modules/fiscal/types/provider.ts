import type { FiscalDocument } from "../../../lib/receipt/types"
import type { TaxationSystem } from "../../../types/lists"

export { TAXATION_SYSTEMS, type TaxationSystem } from "../../../types/lists"

/** The seller as printed on every receipt. */
export type FiscalCompany = {
  /** ИНН, 10 or 12 digits; must match the INN the cash register is registered for. */
  inn: string
  /** Shop email (tag 1117). */
  email: string
  /** Place of settlement: the shop's site for online sales (tag 1187). */
  payment_address: string
  /** Taxation system (tag 1055). */
  sno: TaxationSystem
  /** Settlement address (tag 1009), optional. */
  location?: string
}

/** Fiscal data of a registered receipt, as the fiscal storage (ФН) signed it. */
export type FiscalData = {
  /** ФД: fiscal document number (tag 1040). */
  fiscal_document_number: string
  /** ФП/ФПД: fiscal attribute (tag 1077), up to 10 digits. */
  fiscal_document_attribute: string
  /** Receipt number within the shift (tag 1042). */
  fiscal_receipt_number?: string
  /** Shift number (tag 1038). */
  shift_number?: string
  /** Fiscal storage serial (tag 1041). */
  fn_number?: string
  /** Cash register registration number (tag 1037). */
  ecr_registration_number?: string
  /** When the cash register registered the receipt (ISO 8601). */
  registered_at?: string
  /** Link to the receipt at the OFD, when the vendor gives one. */
  ofd_receipt_url?: string
  /** Total registered, in kopecks. */
  total?: number
}

/** Everything a provider needs to register one document. */
export type RegisterRequest = {
  /** Our idempotency key: stable across retries of one generation of the document. */
  externalId: string
  /** The receipt. */
  document: FiscalDocument
  /** The seller. */
  company: FiscalCompany
  /** Where the vendor should post the result, when it supports callbacks. */
  callbackUrl?: string
}

/**
 * What registration returned. `accepted`: the vendor queued the document (asynchronous
 * vendors); `registered`: the vendor answered with the fiscal data (synchronous vendors).
 * A vendor that reports "already have this external id" yields `accepted` with the id
 * of the earlier document; it is never an error.
 */
export type RegisterOutcome =
  | { kind: "accepted"; vendorDocumentId: string; duplicate: boolean }
  | {
      kind: "registered"
      vendorDocumentId: string
      duplicate: boolean
      fiscal: FiscalData
    }

/** Identifies a document at the vendor for a status check. */
export type CheckRequest = {
  externalId: string
  vendorDocumentId?: string
}

/**
 * The vendor's view of a document.
 * - `wait`: still processing.
 * - `done`: registered, with fiscal data.
 * - `failed`: the vendor definitively failed it; `transient` means the cause passes by
 *   itself (queue timeout, register offline) and the document may be re-sent under a new
 *   external id; otherwise a person must act (INN mismatch, wrong taxation system).
 * - `not_found`: the vendor has no such document: it was never registered.
 *
 * `vendorDocumentId`: the vendor's id of the document, when the check found it by external
 * id (a registration whose answer was lost); the pipeline stores it so callbacks match.
 */
export type StatusOutcome =
  | { kind: "wait"; vendorDocumentId?: string }
  | { kind: "done"; fiscal: FiscalData; vendorDocumentId?: string }
  | {
      kind: "failed"
      code: string
      message: string
      transient: boolean
      vendorDocumentId?: string
    }
  | { kind: "not_found" }

/** One HTTP exchange with a vendor, for the audit log. Secrets are already redacted. */
export type WireExchange = {
  operation: string
  method: string
  url: string
  request?: unknown
  response?: unknown
  http_status?: number
  duration_ms: number
  error?: string
}

/** Per-call context: where a provider reports its wire exchanges. */
export type ProviderCallContext = {
  onExchange?: (exchange: WireExchange) => void
  /**
   * Epoch milliseconds by which every request of this call must be over: the end of the
   * worker's lease on the receipt. A request is not started after it, and its timeout never
   * reaches past it, so no request of a worker whose lease ran out can reach the vendor
   * after another worker took the receipt over.
   */
  deadline?: number
}

/** What a provider can do; the pipeline adapts to it. */
export type ProviderCapabilities = {
  /** Registration is queued at the vendor and the result comes later. */
  async: boolean
  /** Re-sending a document under the same external id returns the first document. */
  dedupesExternalId: boolean
  /** The vendor posts results to a callback URL. */
  callbacks: boolean
  /** Fiscal document formats the connection supports. */
  ffd: ("1.05" | "1.2")[]
  /** Most lines one receipt may carry. */
  maxLines: number
  /** Longest position name, in characters. */
  maxNameLength: number
  /** Least interval between status checks of one account, in milliseconds. */
  minCheckIntervalMs: number
  /** What of marked goods (Честный знак) the connection can send. */
  marking: MarkingCapabilities
  /** Which correction receipts (ФФД tags 1173/1178/1179) the connection can register. */
  corrections: CorrectionCapabilities
}

/**
 * Correction receipts a connection can put on the wire; a document of a correction type
 * it cannot carry is refused before anything is sent (docs/vendors/README.md, "Corrections").
 */
export type CorrectionCapabilities = {
  /** `sell_correction`: коррекция прихода. */
  sell: boolean
  /** `sell_refund_correction`: коррекция возврата прихода. */
  sellRefund: boolean
}

/** What of marked goods a connection can put on the wire. */
export type MarkingCapabilities = {
  /** Marking codes of marked units (ФФД 1.2 tag 2000 / ФФД 1.05 tag 1162). */
  codes: boolean
  /** The sold part of a marked package (tags 1293/1294). */
  fractional: boolean
  /** Industry requisites of a position (tag 1260). */
  industryRequisites: boolean
}

/** A connection to one cash-register service account. Providers never touch the database. */
export interface FiscalProvider {
  /** Identifier of the vendor, e.g. `atol`. */
  readonly identifier: string
  readonly capabilities: ProviderCapabilities
  /** Registers a document; throws a {@link FiscalProviderError} subclass on failure. */
  register(
    req: RegisterRequest,
    ctx?: ProviderCallContext
  ): Promise<RegisterOutcome>
  /** Asks the vendor for the document's state. */
  check(req: CheckRequest, ctx?: ProviderCallContext): Promise<StatusOutcome>
  /** Reads a vendor callback; returns the document to check, or null when it is not ours. */
  parseCallback?(req: {
    headers: Record<string, string | string[] | undefined>
    rawBody: Buffer
    /** Path and query the notice arrived at (some vendors name the document there). */
    url?: string
  }): Promise<{ vendorDocumentId?: string; externalId?: string } | null>
  /** Checks credentials and reachability with a message a shop owner understands. */
  testConnection(
    ctx?: ProviderCallContext
  ): Promise<{ ok: boolean; message: string }>
}

/** Where a provider writes what it has to say outside an exchange (Medusa's logger). */
export type ProviderLogger = {
  info(msg: string): void
  warn(msg: string): void
  error(msg: string): void
}

/** Dependencies a provider may use; never the database. */
export type ProviderDeps = {
  logger?: ProviderLogger
}

/** Text in both admin languages. */
export type LocalizedText = { en: string; ru: string }

/**
 * One field of a provider's connection form in Settings → Fiscalization. The admin builds
 * the form from these, so a new vendor needs no admin code.
 */
export type ProviderConfigField = {
  /** Key in the provider config, e.g. `login`. */
  name: string
  /** Input kind; `password` and `textarea` with `secret` are write-only. */
  type:
    "string" | "password" | "number" | "select" | "boolean" | "textarea" | "url"
  label: LocalizedText
  help?: LocalizedText
  required?: boolean
  /** Stored encrypted and never returned (must also be listed in `secretFields`). */
  secret?: boolean
  /** Choices of a `select`. */
  options?: { value: string | number; label: LocalizedText }[]
  /** Shown when nothing is set. */
  default?: string | number | boolean
}

/** Fields a connection step asks the module to store with the connection. */
export type PreparedConnection = Record<string, unknown> | null

/**
 * A provider's service class: the `services` entry of its `ModuleProvider("fiscal", …)`
 * export. The module registers one per entry of the plugin option `providers` and builds a
 * connection with `new Class(deps, parseConfig(settings))` for each configuration it is
 * asked to use. `AbstractFiscalProvider` (`medusa-fiscal/providers/kit`) implements the
 * statics with defaults; a class may also implement this contract directly.
 */
export interface FiscalProviderClass<TConfig = any> {
  /** A connection with validated settings. */
  new (deps: ProviderDeps, options: TConfig): FiscalProvider
  /**
   * The vendor type, e.g. `atol`; the entry's `id` defaults to it. Medusa's module loader
   * requires this static.
   */
  readonly identifier: string
  /** Human name for the admin, e.g. "ATOL Online". */
  readonly title: string
  /** Validates and defaults the connection settings; throws a zod error naming the field. */
  parseConfig(input: unknown): TConfig
  /** Names of config fields that are secrets: stored encrypted, never returned. */
  readonly secretFields: readonly string[]
  /** The connection form of the admin, in display order. */
  readonly configFields: readonly ProviderConfigField[]
  /**
   * Config fields that decide where requests go (`base_url`, `host`, a trusted CA): a saved
   * secret is only ever sent with the values it was saved with; a form that changes one of
   * them must carry its secrets typed again. `["base_url"]` when absent.
   */
  readonly endpointFields?: readonly string[]
  /** Identifies the vendor account, e.g. login + group: documents are unique per account. */
  accountKey?(config: TConfig): string
  /**
   * Optional one-time step when the admin saves the connection, e.g. exchanging account
   * credentials for service credentials (МодульКасса's association). Returns the fields to
   * store with the connection (secrets among them are encrypted), or null when nothing is
   * needed. Throws a provider error with a message for the admin.
   */
  prepareConnection?(
    config: TConfig,
    ctx?: ProviderCallContext
  ): Promise<PreparedConnection>
  /**
   * Called by Medusa's provider loader with the entry's `options` at boot; throws when an
   * option has the wrong type or is unknown (naming the field, never its value).
   */
  validateOptions?(options: unknown): void
}
