import axios, { type AxiosInstance, type AxiosResponse } from "axios"

import type { ProviderCallContext } from "../../modules/fiscal/types/provider"
import type { ModulAnswer, ModulTransportFailure } from "./errors"
import type { ModulDocument } from "./types"

/** Basic-auth credentials: the account's for `associate`, the association's for the rest. */
export type ModulCredentials = { user: string; password: string }

/** An HTTP exchange ended either with an answer or without one. */
export type ModulCallResult =
  | { kind: "answer"; answer: ModulAnswer }
  | { kind: "no_answer"; failure: ModulTransportFailure }

const REDACTED = "***"
const SECRET_KEYS = new Set(["password", "service_password", "pass"])
const MAX_LOGGED_TEXT = 4000

/** Copies a JSON value with every secret field replaced by `***`. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(redactSecrets)
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_KEYS.has(key) && inner !== null && inner !== undefined
          ? REDACTED
          : redactSecrets(inner),
      ])
    )
  }
  return value
}

function parseBody(text: unknown): unknown {
  if (typeof text !== "string" || text.trim() === "") {
    return undefined
  }
  try {
    return JSON.parse(text)
  } catch {
    return text.length > MAX_LOGGED_TEXT ? text.slice(0, MAX_LOGGED_TEXT) : text
  }
}

function retryAfterMs(header: unknown): number | undefined {
  if (typeof header !== "string" || header.trim() === "") {
    return undefined
  }
  const seconds = Number(header)
  if (Number.isFinite(seconds)) {
    return Math.max(0, seconds * 1000)
  }
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

function transportFailure(error: unknown): ModulTransportFailure {
  const err = error as {
    code?: string
    message?: string
    request?: { writableFinished?: boolean }
  }
  return {
    code: err.code === "ERR_CANCELED" ? "ETIMEDOUT" : err.code,
    message:
      err.code === "ERR_CANCELED"
        ? "request deadline exceeded"
        : (err.message ?? String(error)),
    // `writableFinished`: the whole request reached the socket, so МодульКасса may have it.
    // The axios error itself is not kept: its config holds the Authorization header.
    written: err.request?.writableFinished === true,
  }
}

function basicAuth(credentials: ModulCredentials): string {
  return `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`, "utf8").toString("base64")}`
}

/**
 * МодульКасса's HTTP verbs (PROTOCOLS §3). Every exchange is reported to `ctx.onExchange`
 * with passwords replaced by `***`; credentials travel only in the Authorization header,
 * which is never reported.
 */
export class ModulKassaClient {
  private readonly http_: AxiosInstance

  constructor(
    private readonly config_: { apiBase: string; timeoutMs: number },
    http?: AxiosInstance
  ) {
    this.http_ =
      http ??
      axios.create({
        timeout: config_.timeoutMs,
        // Plain node transport: errors then carry the ClientRequest, which tells whether
        // the request was written before it failed.
        maxRedirects: 0,
        responseType: "text",
        transformResponse: [(data: unknown) => data],
        validateStatus: () => true,
        transitional: { clarifyTimeoutError: true },
        headers: { Accept: "application/json" },
      })
  }

  /** The API base every path is appended to. */
  get apiBase(): string {
    return this.config_.apiBase
  }

  /** `POST /v1/associate/{retailPointId}[?clientId=]` with the account's credentials. */
  associate(
    retailPointId: string,
    clientId: string | undefined,
    account: ModulCredentials,
    ctx?: ProviderCallContext
  ): Promise<ModulCallResult> {
    const query = clientId ? `?clientId=${encodeURIComponent(clientId)}` : ""
    return this.send_(
      "associate",
      "POST",
      `/v1/associate/${encodeURIComponent(retailPointId)}${query}`,
      account,
      {
        ctx,
        body: undefined,
      }
    )
  }

  /** `GET /v1/status`: the kassa's fiscal storage state. */
  fnStatus(
    service: ModulCredentials,
    ctx?: ProviderCallContext
  ): Promise<ModulCallResult> {
    return this.send_("fn_status", "GET", "/v1/status", service, { ctx })
  }

  /** `POST /v2/doc` (or `/v1/doc` for `document_api: v1`). */
  sendDocument(
    version: "v1" | "v2",
    body: ModulDocument,
    service: ModulCredentials,
    ctx?: ProviderCallContext
  ): Promise<ModulCallResult> {
    return this.send_("send", "POST", `/${version}/doc`, service, { ctx, body })
  }

  /** `GET /v1/doc/{id}/status`. */
  documentStatus(
    id: string,
    service: ModulCredentials,
    ctx?: ProviderCallContext
  ): Promise<ModulCallResult> {
    return this.send_(
      "status",
      "GET",
      `/v1/doc/${encodeURIComponent(id)}/status`,
      service,
      { ctx }
    )
  }

  /** `PUT /v1/doc/{id}/re-queue`: process a FAILED document again under the same id. */
  requeue(
    id: string,
    service: ModulCredentials,
    ctx?: ProviderCallContext
  ): Promise<ModulCallResult> {
    return this.send_(
      "requeue",
      "PUT",
      `/v1/doc/${encodeURIComponent(id)}/re-queue`,
      service,
      { ctx }
    )
  }

  private async send_(
    operation: string,
    method: "GET" | "POST" | "PUT",
    path: string,
    credentials: ModulCredentials,
    options: { ctx?: ProviderCallContext; body?: unknown }
  ): Promise<ModulCallResult> {
    const { ctx, body } = options
    const url = `${this.config_.apiBase}${path}`
    const started = Date.now()
    // axios' timeout is a socket idle timer; this deadline also bounds a slowly dribbling answer.
    const deadline = new AbortController()
    const timer = setTimeout(
      () => deadline.abort(),
      this.config_.timeoutMs + 50
    )
    timer.unref?.()
    let result: ModulCallResult
    try {
      const headers: Record<string, string> = {
        Authorization: basicAuth(credentials),
      }
      if (body !== undefined) {
        headers["Content-Type"] = "application/json; charset=utf-8"
      }
      const response: AxiosResponse<string> = await this.http_.request({
        method,
        url,
        data: body === undefined ? undefined : JSON.stringify(body),
        headers,
        signal: deadline.signal,
      })
      result = {
        kind: "answer",
        answer: {
          status: response.status,
          body: parseBody(response.data),
          retryAfterMs: retryAfterMs(response.headers?.["retry-after"]),
        },
      }
    } catch (error) {
      result = { kind: "no_answer", failure: transportFailure(error) }
    } finally {
      clearTimeout(timer)
    }
    ctx?.onExchange?.({
      operation,
      method,
      url,
      request: body === undefined ? undefined : redactSecrets(body),
      response:
        result.kind === "answer"
          ? redactSecrets(result.answer.body)
          : undefined,
      http_status: result.kind === "answer" ? result.answer.status : undefined,
      duration_ms: Date.now() - started,
      error:
        result.kind === "no_answer"
          ? `${result.failure.code ?? "error"}: ${result.failure.message}`
          : undefined,
    })
    return result
  }
}
