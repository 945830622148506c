import { createHash } from "node:crypto"

import {
  AuthError,
  ConfigError,
  IndeterminateError,
  RetryableError,
} from "../../modules/fiscal/errors"
import type {
  CheckRequest,
  ProviderCallContext,
  ProviderCapabilities,
  ProviderDeps,
  RegisterOutcome,
  RegisterRequest,
  StatusOutcome,
} from "../../modules/fiscal/types/provider"
import { AbstractFiscalProvider } from "../kit/base-provider"
import { vendorText } from "../kit/vendor-text"
import {
  DreamkasClient,
  type DreamkasAnswer,
  type DreamkasCallResult,
} from "./client"
import { fromTransportFailure, toDreamkasProviderError } from "./errors"
import {
  DREAMKAS_CORRECTIONS,
  DREAMKAS_MARKING,
  DREAMKAS_MAX_NAME_LENGTH,
  DREAMKAS_MAX_POSITIONS,
  fromDreamkasReceipt,
  toDreamkasReceipt,
} from "./mappers"
import { isTransientOperationError } from "./operation-failures"
import { DREAMKAS_CONFIG_FIELDS } from "./config-fields"
import {
  DREAMKAS_SECRET_FIELDS,
  dreamkasApiBase,
  dreamkasOptionsSchema,
  type DreamkasOptions,
} from "./options"
import type {
  DreamkasDevice,
  DreamkasFiscalReceipt,
  DreamkasOperation,
} from "./types"
import {
  dreamkasWebhookSubscriptions,
  hasOperationsWebhook,
  operationIdOfWebhook,
  operationsWebhook,
} from "./webhooks"

/**
 * Dreamkas publishes no rate limit (docs/vendors/dreamkas.md, "Limits"); checks of one
 * account are spaced a little so a backlog of waiting receipts does not arrive as one burst.
 */
const MIN_CHECK_INTERVAL_MS = 200

/** Which of several operations under one external id speaks for the receipt. */
const STATUS_RANK: Record<string, number> = {
  SUCCESS: 4,
  IN_PROGRESS: 3,
  PENDING: 2,
  ERROR: 1,
}

function isOperation(value: unknown): value is DreamkasOperation {
  return (
    !!value &&
    typeof value === "object" &&
    typeof (value as { id?: unknown }).id === "string" &&
    (value as { id: string }).id !== "" &&
    typeof (value as { status?: unknown }).status === "string"
  )
}

/**
 * The operation that decides the receipt's fate among those carrying `externalId`: a
 * successful one wins over one still running, which wins over a failed one; the newest breaks
 * ties. Several exist only where Dreamkas accepted a repeated external id.
 */
export function decisiveOperation(
  operations: DreamkasOperation[],
  externalId: string
): DreamkasOperation | undefined {
  return operations
    .filter((operation) => operation.externalId === externalId)
    .sort(
      (a, b) =>
        (STATUS_RANK[b.status] ?? 0) - (STATUS_RANK[a.status] ?? 0) ||
        String(b.createdAt ?? "").localeCompare(String(a.createdAt ?? ""))
    )[0]
}

/**
 * A Кабинет Дримкас connection: `POST /api/receipts` creates an operation that the kassa
 * works off (PENDING → IN_PROGRESS → SUCCESS | ERROR); status comes from `GET
 * /api/operations/{id}` or a webhook. Dreamkas does not document what a repeated `externalId`
 * does, so the provider does not rely on it: before any resend the pipeline asks `check`,
 * which finds the operation by its external id (`GET /api/operations?externalId=`).
 */
export class DreamkasFiscalProvider extends AbstractFiscalProvider<DreamkasOptions> {
  static override readonly identifier = "dreamkas"
  static override readonly title = "Dreamkas (Дримкас)"
  static override readonly configSchema = dreamkasOptionsSchema
  static override readonly secretFields = DREAMKAS_SECRET_FIELDS
  static override readonly configFields = DREAMKAS_CONFIG_FIELDS
  /** The token goes to `base_url` only (its default is Кабинет Дримкас). */
  static override readonly endpointFields = ["base_url"]

  /** Device ids are unique across Dreamkas; the token is a secret and stays out of the key. */
  static accountKey(config: DreamkasOptions): string {
    return `dreamkas|${dreamkasApiBase(config)}|${config.device_id}`
  }

  readonly capabilities: ProviderCapabilities = {
    async: true,
    dedupesExternalId: false,
    callbacks: true,
    // Tags 1212 (codes 30–33 for marked goods) and 2108 are sent in their ФФД 1.2 meaning.
    ffd: ["1.2"],
    maxLines: DREAMKAS_MAX_POSITIONS,
    maxNameLength: DREAMKAS_MAX_NAME_LENGTH,
    minCheckIntervalMs: MIN_CHECK_INTERVAL_MS,
    marking: { ...DREAMKAS_MARKING },
    corrections: { ...DREAMKAS_CORRECTIONS },
  }

  private readonly apiBase_: string
  private readonly client_: DreamkasClient
  private readonly accountId_: string

  constructor(
    deps: ProviderDeps | undefined,
    options: DreamkasOptions,
    client?: DreamkasClient
  ) {
    super(deps, options)
    this.apiBase_ = dreamkasApiBase(options)
    this.client_ =
      client ??
      new DreamkasClient({
        apiBase: this.apiBase_,
        token: options.token,
        timeoutMs: options.timeout_ms,
      })
    // Identifies the account in process caches without keeping the token itself as a key.
    this.accountId_ = createHash("sha256")
      .update(`${this.apiBase_}\u0000${options.token}`)
      .digest("hex")
      .slice(0, 16)
  }

  protected async registerDocument(
    req: RegisterRequest,
    ctx?: ProviderCallContext
  ): Promise<RegisterOutcome> {
    const body = toDreamkasReceipt({
      externalId: req.externalId,
      deviceId: this.options_.device_id,
      document: req.document,
      company: req.company,
      timeoutMin: this.options_.fiscalization_timeout_min,
      vat22Names: {
        vat22: this.options_.tax_name_vat22,
        vat122: this.options_.tax_name_vat122,
      },
    })
    await this.ensureWebhook_(req.callbackUrl, ctx)
    const context = { operation: "receipt", mayHaveRegistered: true }
    const answer = this.answerOf_(
      context,
      await this.client_.createReceipt(body, ctx)
    )
    if (
      answer.status >= 200 &&
      answer.status < 300 &&
      isOperation(answer.body)
    ) {
      return {
        kind: "accepted",
        vendorDocumentId: answer.body.id,
        duplicate: false,
      }
    }
    if (answer.status === 409) {
      // Dreamkas refused a repeated externalId: the first operation is the receipt.
      // A failed lookup leaves the row to be resolved by check() before anything is resent.
      const existing = await this.findByExternalId_(req.externalId, ctx).catch(
        (error) => {
          throw new IndeterminateError({
            provider: "dreamkas",
            operation: "receipt",
            message: `Dreamkas receipt failed: 409 - externalId ${req.externalId} exists; ${(error as Error).message}`,
            code: "409",
            httpStatus: 409,
          })
        }
      )
      if (existing) {
        return {
          kind: "accepted",
          vendorDocumentId: existing.id,
          duplicate: true,
        }
      }
      throw new IndeterminateError({
        provider: "dreamkas",
        operation: "receipt",
        message: `Dreamkas receipt failed: 409 - externalId ${req.externalId} exists but no operation carries it yet`,
        code: "409",
        httpStatus: 409,
      })
    }
    throw toDreamkasProviderError(context, answer)
  }

  protected async checkDocument(
    req: CheckRequest,
    ctx?: ProviderCallContext
  ): Promise<StatusOutcome> {
    let operation: DreamkasOperation | undefined
    if (req.vendorDocumentId) {
      const context = { operation: "operation" }
      const answer = this.answerOf_(
        context,
        await this.client_.getOperation(req.vendorDocumentId, ctx)
      )
      if (answer.status === 404) {
        // "not found" lets the pipeline print the receipt again, so one answer is not enough:
        // the external id must be unknown too.
        operation = await this.findByExternalId_(req.externalId, ctx)
        return operation
          ? this.statusOf_(operation, ctx)
          : { kind: "not_found" }
      }
      if (answer.status !== 200 || !isOperation(answer.body)) {
        throw toDreamkasProviderError(context, answer)
      }
      operation = answer.body
    } else {
      operation = await this.findByExternalId_(req.externalId, ctx)
      if (!operation) {
        return { kind: "not_found" }
      }
      // found by external id after a lost answer: tell the pipeline the operation id
      const outcome = await this.statusOf_(operation, ctx)
      return outcome.kind === "not_found"
        ? outcome
        : { ...outcome, vendorDocumentId: String(operation.id) }
    }
    return this.statusOf_(operation, ctx)
  }

  override async parseCallback(req: {
    headers: Record<string, string | string[] | undefined>
    rawBody: Buffer
  }): Promise<{ vendorDocumentId?: string; externalId?: string } | null> {
    // Webhooks are unsigned (docs/vendors/dreamkas.md, "Webhooks"): only the operation id is
    // taken, check() asks Dreamkas.
    const id = operationIdOfWebhook(req.rawBody)
    return id ? { vendorDocumentId: id } : null
  }

  protected async probeConnection(
    ctx?: ProviderCallContext
  ): Promise<{ ok: boolean; message: string }> {
    const deviceId = this.options_.device_id
    const context = { operation: "devices" }
    const answer = this.answerOf_(context, await this.client_.listDevices(ctx))
    if (answer.status !== 200 || !Array.isArray(answer.body)) {
      throw toDreamkasProviderError(context, answer)
    }
    const devices = (answer.body as DreamkasDevice[]).filter(
      (device) => device && typeof device.id === "number"
    )
    const listed = listDevices(devices)
    const device = devices.find((d) => d.id === deviceId)
    if (!device) {
      return {
        ok: false,
        message:
          devices.length === 0
            ? `The Dreamkas account has no devices; device ${deviceId} cannot print receipts. Register the kassa in Кабинет Дримкас first.`
            : `Device ${deviceId} is not in this Dreamkas account. Devices of the account: ${listed}.`,
      }
    }
    return {
      ok: true,
      message: `Connected to Dreamkas at ${this.apiBase_}: device ${deviceId} "${vendorText(device.name ?? "", 64)}". Devices of the account: ${listed}.`,
    }
  }

  /**
   * The receipt's state from its operation
   * (docs/vendors/dreamkas.md, "Operations and status").
   */
  private async statusOf_(
    operation: DreamkasOperation,
    ctx?: ProviderCallContext
  ): Promise<StatusOutcome> {
    switch (operation.status) {
      case "PENDING":
      case "IN_PROGRESS":
        return { kind: "wait" }
      case "ERROR": {
        const error = operation.data?.error ?? {}
        const code = String(error.code ?? "ERROR")
        return {
          kind: "failed",
          code,
          message: `Dreamkas operation ${operation.id} failed: ${code}${error.message ? ` - ${error.message}` : ""}`,
          transient: isTransientOperationError(error),
        }
      }
      case "SUCCESS":
        return this.fiscalDataOf_(operation, ctx)
      default:
        throw new RetryableError({
          provider: "dreamkas",
          operation: "operation",
          message: `Dreamkas operation ${operation.id} has an unknown status ${String(operation.status)}`,
        })
    }
  }

  /**
   * The fiscal data of a SUCCESS operation lives in its receipt. Until the read model has it
   * (the kassa reports it a moment later) the receipt stays `wait`: "done" without ФД and ФП
   * would leave nothing to print or to quote in a resell (tag 1192).
   */
  private async fiscalDataOf_(
    operation: DreamkasOperation,
    ctx?: ProviderCallContext
  ): Promise<StatusOutcome> {
    const receiptId = operation.data?.receiptId
    if (receiptId === undefined || receiptId === null || receiptId === "") {
      return { kind: "wait" }
    }
    const context = { operation: "fiscal_receipt" }
    const answer = this.answerOf_(
      context,
      await this.client_.getReceipt(String(receiptId), ctx)
    )
    if (answer.status === 404) {
      return { kind: "wait" }
    }
    if (
      answer.status !== 200 ||
      !answer.body ||
      typeof answer.body !== "object"
    ) {
      throw toDreamkasProviderError(context, answer)
    }
    const fiscal = fromDreamkasReceipt(answer.body as DreamkasFiscalReceipt)
    return fiscal ? { kind: "done", fiscal } : { kind: "wait" }
  }

  /**
   * The decisive operation under `externalId`, or undefined when Dreamkas answered that there
   * is none. Any failure to get a readable list throws: "not found" must be certain, because
   * it lets the pipeline send the receipt again.
   */
  private async findByExternalId_(
    externalId: string,
    ctx?: ProviderCallContext
  ): Promise<DreamkasOperation | undefined> {
    const context = { operation: "operations" }
    const answer = this.answerOf_(
      context,
      await this.client_.findOperations(externalId, ctx)
    )
    if (answer.status !== 200) {
      throw toDreamkasProviderError(context, answer)
    }
    if (!Array.isArray(answer.body)) {
      throw new RetryableError({
        provider: "dreamkas",
        operation: "operations",
        message: "Dreamkas operations answered 200 without a list",
        httpStatus: 200,
      })
    }
    const operations = answer.body.filter(isOperation)
    const found = decisiveOperation(operations, externalId)
    if (!found && operations.length > 0) {
      // The filter is this provider's assumption (docs/vendors/dreamkas.md, "Idempotency"). A
      // list of other receipts means Dreamkas ignored it, and then absence proves nothing: a
      // person checks.
      throw new ConfigError({
        provider: "dreamkas",
        operation: "operations",
        message: `Dreamkas ignored the externalId filter of GET /api/operations, so it cannot confirm that receipt ${externalId} was never created. Look for it in Кабинет Дримкас before sending it again.`,
        httpStatus: 200,
      })
    }
    return found
  }

  private answerOf_(
    context: { operation: string; mayHaveRegistered?: boolean },
    result: DreamkasCallResult
  ): DreamkasAnswer {
    if (result.kind === "no_answer") {
      throw fromTransportFailure(context, result.failure)
    }
    return result.answer
  }

  /**
   * Dreamkas sends webhooks to URLs subscribed per account, not per receipt
   * (docs/vendors/dreamkas.md, "Webhooks").
   * The first receipt of a process subscribes the shop's callback URL if no subscription
   * delivers operations there yet. Best effort: polling finds every result without it.
   */
  private async ensureWebhook_(
    callbackUrl: string | undefined,
    ctx?: ProviderCallContext
  ) {
    if (!this.options_.subscribe_webhooks || !callbackUrl) {
      return
    }
    await dreamkasWebhookSubscriptions.ensure(
      `${this.accountId_}|${callbackUrl}`,
      async () => {
        try {
          const listed = await this.client_.listWebhooks(ctx)
          if (listed.kind === "answer" && listed.answer.status === 200) {
            if (hasOperationsWebhook(listed.answer.body, callbackUrl)) {
              return true
            }
            const created = await this.client_.createWebhook(
              operationsWebhook(callbackUrl),
              ctx
            )
            if (
              created.kind === "answer" &&
              created.answer.status >= 200 &&
              created.answer.status < 300
            ) {
              return true
            }
          }
          this.deps_.logger?.warn(
            "Dreamkas: could not subscribe the callback URL to operation webhooks; results are polled"
          )
          return false
        } catch {
          return false
        }
      }
    )
  }

  protected override get vendorName(): string {
    return "Dreamkas"
  }

  protected override get serviceUrl(): string {
    return this.apiBase_
  }

  protected override get urlSettings(): string {
    return "base_url"
  }

  /** A shop owner's reading of a failed connection test. */
  protected override explainError(error: unknown): string {
    if (error instanceof AuthError) {
      return `Dreamkas rejected the token (HTTP ${error.httpStatus}). Generate a new API token in Кабинет Дримкас and paste it into the settings.`
    }
    if (error instanceof ConfigError) {
      return `Dreamkas answered ${error.httpStatus} at ${this.apiBase_}/devices: check base_url.`
    }
    return super.explainError(error)
  }
}

/** Most devices a connection test names; an account with more says how many it left out. */
const LISTED_DEVICES = 20

/** The account's devices as a connection test names them: id and a short name each. */
function listDevices(devices: readonly DreamkasDevice[]): string {
  const named = devices
    .slice(0, LISTED_DEVICES)
    .map((d) => `${d.id} "${vendorText(d.name ?? "", 64)}"`)
  const more = devices.length - named.length
  return more > 0 ? `${named.join(", ")} and ${more} more` : named.join(", ")
}
