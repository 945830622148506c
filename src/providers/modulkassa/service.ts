import {
  ConfigError,
  IndeterminateError,
  RetryableError,
} from "../../modules/fiscal/errors"
import type {
  CheckRequest,
  PreparedConnection,
  ProviderCallContext,
  ProviderCapabilities,
  ProviderDeps,
  RegisterOutcome,
  RegisterRequest,
  StatusOutcome,
} from "../../modules/fiscal/types/provider"
import { AbstractFiscalProvider } from "../kit/base-provider"
import {
  associate,
  modulAssociationCache,
  type ModulKassaAssociation,
} from "./associate"
import { parseModulCallback, type NamedDocument } from "./callback"
import {
  ModulKassaClient,
  type ModulCallResult,
  type ModulCredentials,
} from "./client"
import { isUuid, modulDocumentId } from "./document-id"
import {
  fromTransportFailure,
  toModulProviderError,
  type ModulAnswer,
  type ModulErrorContext,
} from "./errors"
import {
  explainConnectionError,
  explainFnStatus,
  type ConnectionTarget,
} from "./connection-messages"
import { readFnStatus } from "./fn-status"
import {
  MODULKASSA_CORRECTIONS,
  MODULKASSA_MARKING,
  MODULKASSA_MAX_NAME_LENGTH,
  MODULKASSA_MAX_POSITIONS,
  toModulDocument,
} from "./mappers"
import { MODULKASSA_CONFIG_FIELDS } from "./config-fields"
import {
  MODULKASSA_SECRET_FIELDS,
  modulKassaApiBase,
  modulKassaOptionsSchema,
  vatTagTable,
  type ModulKassaOptions,
} from "./options"
import { readDocumentStatus, type ModulStatusReading } from "./status"
import { requeueCounter } from "./requeue-counter"

/**
 * The kassa polls the server every 5 s (docs/vendors/modulkassa.md, "Document status"):
 * checking more often learns nothing.
 */
const MIN_CHECK_INTERVAL_MS = 1000

type Lookup =
  { kind: "found"; reading: ModulStatusReading } | { kind: "missing" }

type Credentials = {
  credentials: ModulCredentials
  source: "config" | "associated" | "auto"
}

/**
 * МодульКасса ("API фискализации документов" v2.0) connection for one retail point.
 * Registration is asynchronous: a document is queued under our id, a kassa takes it within
 * about 5 s, and the result is read by id or announced to `responseURL`. МодульКасса does
 * not document what a repeated id does, so the provider does not rely on it: a document
 * whose send may have reached the server is looked up by id before anything is resent.
 */
export class ModulKassaFiscalProvider extends AbstractFiscalProvider<ModulKassaOptions> {
  static override readonly identifier = "modulkassa"
  static override readonly title = "МодульКасса"
  static override readonly configSchema = modulKassaOptionsSchema
  static override readonly secretFields = MODULKASSA_SECRET_FIELDS
  static override readonly configFields = MODULKASSA_CONFIG_FIELDS
  /** `base_url` overrides `host`; either one picks the server the passwords go to. */
  static override readonly endpointFields = ["host", "base_url"]

  /** Document ids are the shop's own and belong to the retail point they were sent to. */
  static accountKey(config: ModulKassaOptions): string {
    return `modulkassa|${modulKassaApiBase(config)}|${config.retail_point_id}`
  }

  /**
   * Saving a connection with the account login but no service credentials associates the
   * retail point once; later saves keep the stored service credentials (a new association
   * would rotate the password under any running process).
   */
  static async prepareConnection(
    config: ModulKassaOptions,
    ctx?: ProviderCallContext
  ): Promise<PreparedConnection> {
    if (
      (config.service_user && config.service_password) ||
      !config.login ||
      !config.password
    ) {
      return null
    }
    const { service_user, service_password } = await associate(config, ctx)
    return { service_user, service_password }
  }

  readonly capabilities: ProviderCapabilities

  private readonly apiBase_: string
  private readonly client_: ModulKassaClient
  private readonly associationKey_: string
  private associated_?: ModulCredentials

  constructor(
    deps: ProviderDeps | undefined,
    options: ModulKassaOptions,
    client?: ModulKassaClient
  ) {
    super(deps, options)
    this.apiBase_ = modulKassaApiBase(options)
    this.client_ =
      client ??
      new ModulKassaClient({
        apiBase: this.apiBase_,
        timeoutMs: options.timeout_ms,
      })
    this.associationKey_ = `${this.apiBase_}|${options.retail_point_id}|${options.client_id ?? ""}|${options.login ?? ""}`
    this.capabilities = {
      async: true,
      // Unknown at МодульКасса (docs/vendors/modulkassa.md, "Idempotency"): the pipeline asks
      // `check` before resending.
      dedupesExternalId: false,
      callbacks: true,
      // The API has ФФД 1.05 fields only: string payment objects, tag 1162 marking, no measure.
      ffd: ["1.05"],
      maxLines: MODULKASSA_MAX_POSITIONS,
      maxNameLength: MODULKASSA_MAX_NAME_LENGTH,
      minCheckIntervalMs: MIN_CHECK_INTERVAL_MS,
      marking: { ...MODULKASSA_MARKING },
      corrections: { ...MODULKASSA_CORRECTIONS },
    }
  }

  /** The document `id` МодульКасса knows the external id's document by. */
  documentIdOf(externalId: string): string {
    return modulDocumentId(externalId, this.options_.document_id)
  }

  /**
   * Associates the retail point (`POST /v1/associate/{id}`) and uses the new service
   * credentials from now on. The caller stores them: associating again rotates the password.
   */
  async associate(ctx?: ProviderCallContext): Promise<ModulKassaAssociation> {
    const association = await associate(this.options_, ctx, this.client_)
    this.associated_ = {
      user: association.service_user,
      password: association.service_password,
    }
    return association
  }

  protected async registerDocument(
    req: RegisterRequest,
    ctx?: ProviderCallContext
  ): Promise<RegisterOutcome> {
    const documentId = this.documentIdOf(req.externalId)
    const body = toModulDocument({
      documentId,
      externalId: req.externalId,
      document: req.document,
      company: req.company,
      vatTags: vatTagTable(this.options_),
      printReceipt: this.options_.print_receipt,
      responseUrl: req.callbackUrl ?? this.options_.callback_url,
      cashier: {
        name: this.options_.cashier_name,
        inn: this.options_.cashier_inn,
        position: this.options_.cashier_position,
      },
      now: new Date(),
    })
    if (req.document.additional_check_props) {
      // The API has no field for tag 1192; the re-issued receipt goes without it.
      this.deps_.logger?.warn(
        `МодульКасса has no field for tag 1192: receipt ${req.externalId} is sent without the ФП ${req.document.additional_check_props} of the receipt it re-issues`
      )
    }
    const answer = await this.withService_(
      { operation: "send", mayHaveRegistered: true, credentials: "service" },
      ctx,
      (credentials) =>
        this.client_.sendDocument(
          this.options_.document_api,
          body,
          credentials,
          ctx
        )
    )
    if (answer.status === 200) {
      // The document is queued under our id; the answer's status only tells how far it got.
      return this.outcomeOf_(documentId, readDocumentStatus(answer.body), false)
    }
    if (answer.status === 400) {
      return this.resolveRejected_(documentId, answer, ctx)
    }
    throw toModulProviderError(
      { operation: "send", mayHaveRegistered: true, credentials: "service" },
      answer
    )
  }

  protected async checkDocument(
    req: CheckRequest,
    ctx?: ProviderCallContext
  ): Promise<StatusOutcome> {
    const id = req.vendorDocumentId || this.documentIdOf(req.externalId)
    const lookup = await this.lookup_(id, ctx)
    if (lookup.kind === "missing") {
      return { kind: "not_found" }
    }
    const { reading } = lookup
    switch (reading.kind) {
      case "wait":
        return { kind: "wait" }
      case "done":
        requeueCounter.forget(this.requeueKey_(id))
        return { kind: "done", fiscal: reading.fiscal }
      case "failed":
        return this.onFailed_(id, reading, ctx)
      default:
        throw new RetryableError({
          provider: "modulkassa",
          operation: "status",
          httpStatus: 200,
          message: `МодульКасса status failed: unreadable DocumentStatus with status ${String(reading.state)}`,
        })
    }
  }

  override async parseCallback(req: {
    headers: Record<string, string | string[] | undefined>
    rawBody: Buffer
    url?: string
  }): Promise<NamedDocument | null> {
    return parseModulCallback(
      req,
      (externalId) => this.documentIdOf(externalId),
      this.options_.document_id === "external_id"
    )
  }

  protected async probeConnection(
    ctx?: ProviderCallContext
  ): Promise<{ ok: boolean; message: string }> {
    const point = this.options_.retail_point_id
    if (!this.hasServiceCredentials_() && !this.options_.auto_associate) {
      return {
        ok: false,
        message: `Retail point "${point}" is not associated yet: press "Associate" to exchange the account login for the service credentials.`,
      }
    }
    const answer = await this.withService_(
      { operation: "fn_status", credentials: "service" },
      ctx,
      (credentials) => this.client_.fnStatus(credentials, ctx)
    )
    if (answer.status !== 200) {
      throw toModulProviderError(
        { operation: "fn_status", credentials: "service" },
        answer
      )
    }
    return explainFnStatus(readFnStatus(answer.body, new Date()), this.where_())
  }

  /** A shop owner's reading of a failed connection test. */
  protected override explainError(error: unknown): string {
    return explainConnectionError(error, this.where_())
  }

  /** The configured secrets and a password an on-the-fly association obtained. */
  protected override secretValues(): string[] {
    const associated = this.associated_?.password
    return associated
      ? [...super.secretValues(), associated]
      : super.secretValues()
  }

  private where_(): ConnectionTarget {
    return {
      apiBase: this.apiBase_,
      retailPointId: this.options_.retail_point_id,
      login: this.options_.login,
    }
  }

  private outcomeOf_(
    documentId: string,
    reading: ModulStatusReading,
    duplicate: boolean
  ): RegisterOutcome {
    if (reading.kind === "done") {
      // The test host fiscalizes at once and may answer with the fiscal data already.
      return {
        kind: "registered",
        vendorDocumentId: documentId,
        duplicate,
        fiscal: reading.fiscal,
      }
    }
    return { kind: "accepted", vendorDocumentId: documentId, duplicate }
  }

  /**
   * A 400 on send has no body (docs/vendors/modulkassa.md, "Error codes"): either the
   * document is invalid or МодульКасса refuses an id it already has. The id tells: if it is
   * known, the first document stands.
   */
  private async resolveRejected_(
    documentId: string,
    answer: ModulAnswer,
    ctx?: ProviderCallContext
  ): Promise<RegisterOutcome> {
    let lookup: Lookup
    try {
      lookup = await this.lookup_(documentId, ctx)
    } catch (error) {
      throw new IndeterminateError({
        provider: "modulkassa",
        operation: "send",
        code: "400",
        httpStatus: 400,
        message: `МодульКасса refused document ${documentId} (400) and looking its id up failed (${(error as Error).message}); it is resolved by id before any resend`,
      })
    }
    if (lookup.kind === "found") {
      return this.outcomeOf_(documentId, lookup.reading, true)
    }
    throw toModulProviderError(
      { operation: "send", credentials: "service" },
      answer
    )
  }

  /**
   * `GET /v1/doc/{id}/status`. 404 means no such document. The doc lists 400 instead of 404;
   * for a UUID, the only parameter is well-formed, so a 400 also means the id is unknown.
   */
  private async lookup_(
    id: string,
    ctx?: ProviderCallContext
  ): Promise<Lookup> {
    const answer = await this.withService_(
      { operation: "status", credentials: "service" },
      ctx,
      (credentials) => this.client_.documentStatus(id, credentials, ctx)
    )
    if (answer.status === 404 || (answer.status === 400 && isUuid(id))) {
      return { kind: "missing" }
    }
    if (answer.status === 400) {
      // Unknown id or an id format МодульКасса refuses: no guess either way.
      throw new IndeterminateError({
        provider: "modulkassa",
        operation: "status",
        code: "400",
        httpStatus: 400,
        message: `МодульКасса refused the status lookup of document "${id}" (400): it cannot be told whether the document exists. Use document_id "uuid".`,
      })
    }
    if (answer.status !== 200) {
      throw toModulProviderError(
        { operation: "status", credentials: "service" },
        answer
      )
    }
    return { kind: "found", reading: readDocumentStatus(answer.body) }
  }

  /**
   * A failed document. A passing failure is re-queued under the same id (one document, never
   * two) up to `auto_requeue_limit` times; then, or with re-queueing off, it is reported.
   */
  private async onFailed_(
    id: string,
    reading: Extract<ModulStatusReading, { kind: "failed" }>,
    ctx?: ProviderCallContext
  ): Promise<StatusOutcome> {
    const limit = this.options_.auto_requeue_limit
    const key = this.requeueKey_(id)
    const used = requeueCounter.count(key)
    if (reading.transient && used < limit) {
      const answer = await this.withService_(
        { operation: "requeue", credentials: "service" },
        ctx,
        (credentials) => this.client_.requeue(id, credentials, ctx)
      )
      // 400: the document is no longer FAILED (re-queued from the cabinet meanwhile).
      if (answer.status !== 200 && answer.status !== 400) {
        throw toModulProviderError(
          { operation: "requeue", credentials: "service" },
          answer
        )
      }
      requeueCounter.add(key)
      this.deps_.logger?.info(
        `МодульКасса document ${id} failed (${reading.code}: ${reading.message}); re-queued (${used + 1}/${limit})`
      )
      return { kind: "wait" }
    }
    const exhausted = limit > 0 && reading.transient
    return {
      kind: "failed",
      code: reading.code,
      message: exhausted
        ? `${reading.message} (still failing after ${used} re-queues)`
        : reading.message,
      // With re-queueing off, a passing failure is resent as a new document by the pipeline.
      transient: reading.transient && limit === 0,
    }
  }

  private requeueKey_(id: string): string {
    return `${this.apiBase_}|${this.options_.retail_point_id}|${id}`
  }

  private hasServiceCredentials_(): boolean {
    return Boolean(
      this.associated_ ||
      (this.options_.service_user && this.options_.service_password)
    )
  }

  private async credentials_(ctx?: ProviderCallContext): Promise<Credentials> {
    if (this.associated_) {
      return { credentials: this.associated_, source: "associated" }
    }
    const { service_user, service_password } = this.options_
    if (service_user && service_password) {
      return {
        credentials: { user: service_user, password: service_password },
        source: "config",
      }
    }
    if (!this.options_.auto_associate) {
      throw new ConfigError({
        provider: "modulkassa",
        operation: "associate",
        code: "NOT_ASSOCIATED",
        message: `МодульКасса retail point "${this.options_.retail_point_id}" is not associated: press "Associate" in Settings → Fiscalization, or set service_user and service_password.`,
      })
    }
    const credentials = await modulAssociationCache.get(
      this.associationKey_,
      async () => {
        const association = await associate(this.options_, ctx, this.client_)
        this.deps_.logger?.warn(
          `МодульКасса retail point ${this.options_.retail_point_id} was associated on the fly; store the service credentials (Associate in the settings) so other processes do not rotate them`
        )
        return {
          user: association.service_user,
          password: association.service_password,
        }
      }
    )
    return { credentials, source: "auto" }
  }

  /**
   * Runs `send` with the service credentials. On-the-fly credentials refused with 401 were
   * rotated by another association: they are dropped, fetched again and `send` runs once more
   * (a 401 stored nothing). Configured credentials are never replaced behind the shop's back.
   */
  private async withService_(
    context: ModulErrorContext,
    ctx: ProviderCallContext | undefined,
    send: (credentials: ModulCredentials) => Promise<ModulCallResult>
  ): Promise<ModulAnswer> {
    let { credentials, source } = await this.credentials_(ctx)
    let result = await send(credentials)
    if (
      source === "auto" &&
      result.kind === "answer" &&
      result.answer.status === 401
    ) {
      await modulAssociationCache.invalidate(this.associationKey_, credentials)
      ;({ credentials, source } = await this.credentials_(ctx))
      result = await send(credentials)
    }
    if (result.kind === "no_answer") {
      throw fromTransportFailure(context, result.failure)
    }
    return result.answer
  }
}
