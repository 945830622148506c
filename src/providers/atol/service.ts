import {
  ConfigError,
  IndeterminateError,
  RetryableError,
  ValidationError,
  VendorFailedError,
  isFiscalProviderError,
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
import { AtolClient, type AtolCallResult } from "./client"
import { ATOL_CONFIG_FIELDS } from "./config-fields"
import {
  ATOL_CODES,
  atolErrorOf,
  fromTransportFailure,
  isTokenRejected,
  toAtolProviderError,
  type AtolAnswer,
} from "./errors"
import { isTransientFailure } from "./kkt-failures"
import {
  ATOL_CORRECTIONS,
  ATOL_MARKING,
  ATOL_MAX_ITEMS,
  ATOL_MAX_NAME_LENGTH,
  fromAtolPayload,
  toAtolRequest,
} from "./mappers"
import {
  ATOL_SECRET_FIELDS,
  atolApiBase,
  atolOptionsSchema,
  reportIntervalMs,
  type AtolOptions,
} from "./options"
import { atolReportLimiters, type IntervalLimiter } from "./rate-limiter"
import { atolTokenCache } from "./token-cache"
import type { AtolRegistrationResponse, AtolReport } from "./types"

/** A uuid that never exists: `report` on it proves the token and the group without side effects. */
const PROBE_UUID = "00000000-0000-0000-0000-000000000000"

/** ATOL asks to wait at least a second after a system error before the next report (§1.9). */
const PAUSE_AFTER_SYSTEM_ERROR_MS = 1000

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Callback bodies are small; anything bigger is not ATOL's. */
const MAX_CALLBACK_BYTES = 256 * 1024

/**
 * ATOL Online v4 (ФФД 1.05) or v5 (ФФД 1.2) connection. Registration is asynchronous and
 * deduplicated by `(group, external_id)`; results come from `report` or a callback.
 */
export class AtolFiscalProvider extends AbstractFiscalProvider<AtolOptions> {
  static override readonly identifier = "atol"
  static override readonly title = "ATOL Online"
  static override readonly configSchema = atolOptionsSchema
  static override readonly secretFields = ATOL_SECRET_FIELDS
  static override readonly configFields = ATOL_CONFIG_FIELDS
  /** `base_url` overrides `host`; either one picks the server the password goes to. */
  static override readonly endpointFields = ["host", "base_url"]

  /** external_id is unique per group of one installation (docs/vendors/atol.md, "Idempotency"). */
  static accountKey(config: AtolOptions): string {
    return `atol|${atolApiBase(config)}|${config.login}|${config.group}`
  }

  readonly capabilities: ProviderCapabilities

  private readonly apiBase_: string
  private readonly client_: AtolClient
  private readonly tokenKey_: string
  private readonly limiter_: IntervalLimiter

  constructor(
    deps: ProviderDeps | undefined,
    options: AtolOptions,
    client?: AtolClient
  ) {
    super(deps, options)
    this.apiBase_ = atolApiBase(options)
    this.client_ =
      client ??
      new AtolClient({
        apiBase: this.apiBase_,
        login: options.login,
        password: options.password,
        group: options.group,
        source: options.source,
        timeoutMs: options.timeout_ms,
      })
    const root = new URL(this.apiBase_).origin
    // Tokens belong to a login; the group is part of the key so one login's groups never
    // share a refresh storm. The root keeps test, production and emulators apart.
    this.tokenKey_ = `${root}|${options.login}|${options.group}`
    const interval = reportIntervalMs(options.kassa_count)
    this.limiter_ = atolReportLimiters.get(`${root}|${options.group}`, interval)
    this.capabilities = {
      async: true,
      dedupesExternalId: true,
      callbacks: true,
      ffd: options.api_version === 4 ? ["1.05"] : ["1.2"],
      maxLines: ATOL_MAX_ITEMS,
      maxNameLength: ATOL_MAX_NAME_LENGTH,
      minCheckIntervalMs: interval,
      // v4 (ФФД 1.05) carries codes only (docs/vendors/atol.md, "Marked goods").
      marking: { ...ATOL_MARKING[options.api_version] },
      // v4 has no sell_refund_correction (docs/vendors/atol.md, "Corrections").
      corrections: { ...ATOL_CORRECTIONS[options.api_version] },
    }
  }

  protected async registerDocument(
    req: RegisterRequest,
    ctx?: ProviderCallContext
  ): Promise<RegisterOutcome> {
    const operation = req.document.type
    const body = toAtolRequest({
      apiVersion: this.options_.api_version,
      externalId: req.externalId,
      document: req.document,
      company: req.company,
      callbackUrl: req.callbackUrl ?? this.options_.callback_url,
      internet: this.options_.internet,
      now: new Date(),
    })
    const answer = await this.withToken_(operation, true, ctx, (token) =>
      this.client_.register(operation, body, token, ctx)
    )
    const response = (answer.body ?? {}) as AtolRegistrationResponse
    const error = atolErrorOf(answer.body)
    if (answer.status === 200 && !error && typeof response.uuid === "string") {
      return {
        kind: "accepted",
        vendorDocumentId: response.uuid,
        duplicate: false,
      }
    }
    if (error?.code === ATOL_CODES.EXTERNAL_ID_EXISTS) {
      // ATOL already holds this external_id: the answer carries the first document's uuid
      // (docs/vendors/atol.md, "Idempotency"). Without it nothing can be looked up, and
      // resending cannot help.
      if (typeof response.uuid === "string" && response.uuid !== "") {
        return {
          kind: "accepted",
          vendorDocumentId: response.uuid,
          duplicate: true,
        }
      }
      throw new VendorFailedError({
        provider: "atol",
        operation,
        message: `ATOL ${operation} failed: 400 33 - external_id ${req.externalId} exists but ATOL did not return its uuid; ask ATOL support for it`,
        code: String(error.code),
        httpStatus: answer.status,
      })
    }
    throw toAtolProviderError({ operation, mayHaveRegistered: true }, answer)
  }

  protected async checkDocument(
    req: CheckRequest,
    ctx?: ProviderCallContext
  ): Promise<StatusOutcome> {
    const uuid = req.vendorDocumentId
    if (!uuid) {
      // ATOL looks documents up by uuid only. Resending under the same external_id returns it
      // (error 33), so the caller must do that instead of concluding "not found".
      throw new IndeterminateError({
        provider: "atol",
        operation: "report",
        message: `ATOL report needs the document uuid; resend external_id ${req.externalId} to learn it`,
      })
    }
    const answer = await this.report_(uuid, ctx)
    const error = atolErrorOf(answer.body)
    if (answer.status === 400 && error?.code === ATOL_CODES.MISSING_UUID) {
      return { kind: "not_found" }
    }
    if (answer.status !== 200) {
      throw toAtolProviderError({ operation: "report" }, answer)
    }
    return this.statusOf_(answer.body as AtolReport)
  }

  override async parseCallback(req: {
    headers: Record<string, string | string[] | undefined>
    rawBody: Buffer
  }): Promise<{ vendorDocumentId?: string; externalId?: string } | null> {
    // The body is never trusted beyond naming the document: its status is confirmed by check().
    if (
      !Buffer.isBuffer(req.rawBody) ||
      req.rawBody.length > MAX_CALLBACK_BYTES
    ) {
      return null
    }
    let body: unknown
    try {
      body = JSON.parse(req.rawBody.toString("utf8"))
    } catch {
      return null
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      return null
    }
    const { uuid, external_id } = body as {
      uuid?: unknown
      external_id?: unknown
    }
    if (typeof uuid !== "string" || !UUID.test(uuid)) {
      return null
    }
    const result: { vendorDocumentId: string; externalId?: string } = {
      vendorDocumentId: uuid,
    }
    if (typeof external_id === "string" && external_id !== "") {
      result.externalId = external_id
    }
    return result
  }

  protected async probeConnection(
    ctx?: ProviderCallContext
  ): Promise<{ ok: boolean; message: string }> {
    const { login, group, api_version } = this.options_
    // A fresh token, not the cached one: this is a test of the credentials as configured.
    const token = await this.fetchToken_(ctx)
    const probe = await this.limited_(() =>
      this.client_.report(PROBE_UUID, token, ctx)
    )
    if (probe.kind === "no_answer") {
      throw fromTransportFailure({ operation: "report" }, probe.failure)
    }
    const code = atolErrorOf(probe.answer.body)?.code
    const groupOk =
      (probe.answer.status === 400 && code === ATOL_CODES.MISSING_UUID) ||
      probe.answer.status === 200
    if (!groupOk) {
      throw toAtolProviderError({ operation: "report" }, probe.answer)
    }
    return {
      ok: true,
      message: `Connected to ATOL Online v${api_version} at ${this.apiBase_}: login "${login}", group "${group}"`,
    }
  }

  protected override get vendorName(): string {
    return "ATOL"
  }

  protected override get serviceUrl(): string {
    return this.apiBase_
  }

  /** A shop owner's reading of a failed connection test: ATOL's own codes first. */
  protected override explainError(error: unknown): string {
    const { login, group, api_version } = this.options_
    if (isFiscalProviderError(error)) {
      switch (error.code) {
        case String(ATOL_CODES.WRONG_LOGIN_OR_PASSWORD):
          return `ATOL rejected login "${login}" or its password (error 12). Check them in the ATOL personal account.`
        case String(ATOL_CODES.USER_BLOCKED):
          return `ATOL user "${login}" is blocked (error 14). Contact ATOL support.`
        case String(ATOL_CODES.GROUP_AND_TOKEN_MISMATCH):
          return `Group "${group}" does not belong to login "${login}" (error 20). Check the group code.`
        case String(ATOL_CODES.GROUP_NOT_FOR_PROTOCOL):
          return `Group "${group}" does not work with API v${api_version} (error 21). Set api_version to ${api_version === 5 ? 4 : 5}.`
      }
    }
    return super.explainError(error)
  }

  private statusOf_(report: AtolReport): StatusOutcome {
    switch (report?.status) {
      case "done":
        if (report.payload) {
          return { kind: "done", fiscal: fromAtolPayload(report.payload) }
        }
        break
      case "fail": {
        const error = atolErrorOf(report)
        if (error) {
          return {
            kind: "failed",
            code: `${error.type}_${error.code}`,
            message: error.text,
            transient: isTransientFailure(error),
          }
        }
        break
      }
      case "wait":
        // Includes code 34 "Состояние чека не найдено. Попробуйте позднее": do not resend.
        return { kind: "wait" }
    }
    throw new RetryableError({
      provider: "atol",
      operation: "report",
      message: `ATOL report failed: unreadable report with status ${String(report?.status)}`,
      httpStatus: 200,
    })
  }

  private async report_(
    uuid: string,
    ctx?: ProviderCallContext
  ): Promise<AtolAnswer> {
    const answer = await this.withToken_("report", false, ctx, (token) =>
      this.limited_(() => this.client_.report(uuid, token, ctx))
    )
    if (answer.status >= 500 || answer.status === 429) {
      this.limiter_.pause(PAUSE_AFTER_SYSTEM_ERROR_MS)
    }
    return answer
  }

  private async limited_(
    call: () => Promise<AtolCallResult>
  ): Promise<AtolCallResult> {
    await this.limiter_.acquire()
    return call()
  }

  /**
   * Runs `send` with the cached token; on 401 with code 10/11 drops that token, gets a fresh
   * one and sends once more: nothing was registered, so resending is safe
   * (docs/vendors/atol.md, "Authentication").
   */
  private async withToken_(
    operation: string,
    mayHaveRegistered: boolean,
    ctx: ProviderCallContext | undefined,
    send: (token: string) => Promise<AtolCallResult>
  ): Promise<AtolAnswer> {
    let token = await this.cachedToken_(ctx)
    let result = await send(token)
    if (result.kind === "answer" && isTokenRejected(result.answer)) {
      atolTokenCache.invalidate(this.tokenKey_, token)
      this.deps_.logger?.info(
        `ATOL refused the token of group ${this.options_.group}; requesting a new one`
      )
      token = await this.cachedToken_(ctx)
      result = await send(token)
    }
    if (result.kind === "no_answer") {
      throw fromTransportFailure(
        { operation, mayHaveRegistered },
        result.failure
      )
    }
    return result.answer
  }

  private cachedToken_(ctx?: ProviderCallContext): Promise<string> {
    return atolTokenCache.get(this.tokenKey_, () => this.fetchToken_(ctx))
  }

  private async fetchToken_(ctx?: ProviderCallContext): Promise<string> {
    const result = await this.client_.getToken(ctx)
    if (result.kind === "no_answer") {
      throw fromTransportFailure({ operation: "getToken" }, result.failure)
    }
    const token = (result.answer.body as { token?: unknown } | undefined)?.token
    if (
      result.answer.status === 200 &&
      typeof token === "string" &&
      token !== ""
    ) {
      return token
    }
    const error = toAtolProviderError({ operation: "getToken" }, result.answer)
    if (error instanceof ValidationError) {
      // 32 from getToken names a malformed login or password
      // (docs/vendors/atol.md, "Authentication"): the settings are wrong, not the receipt
      // that happened to need a token.
      throw new ConfigError({
        provider: "atol",
        operation: "getToken",
        message: `${error.message} (check the ATOL login and password settings)`,
        code: error.code,
        httpStatus: error.httpStatus,
      })
    }
    throw error
  }
}
