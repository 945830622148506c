import type { ModulKassaLedgerMark } from "./validation"
import type { ModulKassaEmulatorAccount, ModulKassaFnState } from "./accounts"
import type { CallbackAttempt, CallbackFormat } from "./callbacks"
import type { ModulKassaFaultsInput } from "./faults"
import type { ModulFailureInfo, ModulFiscalInfo } from "./kassa"

/**
 * What a repeated document `id` does. The doc does not say
 * (docs/vendors/modulkassa.md, "Idempotency"):
 * - `return-existing` (default): 200 with the first document's
 *   DocumentStatus; the repeat's body is not compared and nothing new is stored;
 * - `reject`: 400 without a body, like any invalid document;
 * - `create`: a second document is stored and fiscalized under the same id (the worst case,
 *   for proving a client never resends an id the server already has); status lookups then
 *   answer for the newest.
 */
export type DuplicateIdRule = "return-existing" | "reject" | "create"

/** How the emulator behaves; every field is optional. */
export type ModulKassaEmulatorOptions = {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number
  /** Interface to bind; default `127.0.0.1`. */
  host?: string
  /** Seed of every random choice (service passwords, fiscal numbers, fault dice); default 1. */
  seed?: number
  /** Accounts and retail points; default {@link MODULKASSA_TEST_ACCOUNTS}. */
  accounts?: readonly ModulKassaEmulatorAccount[]
  /** Time from acceptance to PRINTED/FAILED, ms; default 100 (the real kassa polls every 5 s). */
  processingDelayMs?: number
  /** Time from acceptance until the kassa takes the document (QUEUED → PENDING), ms; default half the processing delay. */
  kassaPollMs?: number
  /** Default `return-existing`; see {@link DuplicateIdRule}. */
  duplicateIds?: DuplicateIdRule
  /**
   * Answer of `GET /v1/doc/{id}/status` for an unknown id: 404 (default) or 400, the only
   * 4xx the doc lists for it. The doc does not say which [?].
   */
  unknownDocumentStatus?: 404 | 400
  /** Encoding of the notice to `responseURL`; default `json`. */
  callbackFormat?: CallbackFormat
  /** Timeout of one notice, ms; default 5000. */
  callbackTimeoutMs?: number
  /** Further notices after a failed one; default 2. */
  callbackRetries?: number
  /** Pause between notices, ms; default 1000. */
  callbackRetryDelayMs?: number
  /** Last state of a fiscalized document without `responseURL`; default `COMPLETED`. */
  finalStatusWithoutCallback?: "COMPLETED" | "PRINTED"
  /**
   * Add `{message, errors[{field, message}]}` to 400 answers. The real service answers 400
   * without a body; default false.
   */
  validationDetails?: boolean
  /** Case of `FNStatus.status`: `upper` (doc v2.0, default) or `lower` (older clients' docs). */
  statusCase?: "upper" | "lower"
  /** The test host's behaviour: every valid document is fiscalized, kassa checks and injected failures are skipped. */
  alwaysSucceed?: boolean
  /** Accept only the six documented `vatTag` codes, not the emulator's placeholders for new rates. */
  strictVatTags?: boolean
  /** Further `vatTag` codes to accept. */
  extraVatTags?: readonly number[]
  /** The emulator's clock (fiscal dates, shifts, status times); default the system clock. */
  clock?: () => Date
  /** Faults active from the start. */
  faults?: ModulKassaFaultsInput
}

/** `DocumentStatus.status` (docs/vendors/modulkassa.md, "Document status"). */
export type ModulDocumentState =
  | "QUEUED"
  | "PENDING"
  | "PRINTED"
  | "WAIT_FOR_CALLBACK"
  | "COMPLETED"
  | "FAILED"
  | "REQUEUED"

/** One stored document as the ledger shows it. */
export type ModulKassaLedgerEntry = {
  /** The document `id` sent. */
  id: string
  docNum: string
  docType: string
  retail_point_id: string
  /** Service user that sent it. */
  service_user: string
  status: ModulDocumentState
  /** Total the kassa registers (Σ positions), in kopecks. */
  total: number
  /** The body as received. */
  payload: unknown
  /** The marked positions (`nomenclatureCode`), with GTIN and serial read back. */
  marks: ModulKassaLedgerMark[]
  fiscalInfo: ModulFiscalInfo | null
  failureInfo: ModulFailureInfo | null
  /** Times the document was re-queued after FAILED. */
  requeues: number
  /** True for a second document under an id already stored (`duplicateIds: create`). */
  duplicate: boolean
  created_at: string
  processed_at: string | null
  callbacks: CallbackAttempt[]
}

/**
 * A retail point's association with an application
 * (docs/vendors/modulkassa.md, "Authentication and association").
 */
export type ModulKassaAssociationRecord = {
  retailPointId: string
  clientId: string | null
  login: string
  userName: string
  password: string
}

/** Request counters. */
export type ModulKassaEmulatorStats = {
  requests: Record<
    | "associate"
    | "dissociate"
    | "fnStatus"
    | "send"
    | "status"
    | "requeue"
    | "other",
    number
  >
  associations_issued: number
  documents: number
  duplicate_sends: number
  faults_injected: Record<string, number>
}

/** A kassa's state as `GET /v1/status` reports it. */
export type ModulKassaFnStatus = { status: ModulKassaFnState; dateTime: Date }
