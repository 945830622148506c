import axios, { type AxiosInstance, type AxiosResponse } from "axios"

import type { ProviderCallContext } from "../../modules/fiscal/types/provider"
import type { AtolAnswer, AtolTransportFailure } from "./errors"
import type {
  AtolOperation,
  AtolRegistrationRequest,
  AtolTokenRequest,
} from "./types"

/** What the client needs to reach one ATOL account. */
export type AtolClientConfig = {
  /** API base ending in `/`, e.g. `https://online.atol.ru/possystem/v5/`. */
  apiBase: string
  login: string
  password: string
  group: string
  source?: string
  timeoutMs: number
}

/** An HTTP exchange ended either with an answer or without one. */
export type AtolCallResult =
  | { kind: "answer"; answer: AtolAnswer }
  | { kind: "no_answer"; failure: AtolTransportFailure }

const REDACTED = "***"
const SECRET_KEYS = new Set(["pass", "password", "token"])
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

function transportFailure(error: unknown): AtolTransportFailure {
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
    // `writableFinished`: the whole request was flushed to the socket, so ATOL may have it.
    // The axios error itself is not kept: its config holds the token and the password.
    written: err.request?.writableFinished === true,
  }
}

/**
 * ATOL Online's HTTP verbs. Every exchange is reported to `ctx.onExchange` with the password
 * and token replaced by `***`; the token travels in the `Token` header, never in the URL.
 */
export class AtolClient {
  private readonly http_: AxiosInstance

  constructor(
    private readonly config_: AtolClientConfig,
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
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          Accept: "application/json",
        },
      })
  }

  /** `POST getToken` (PROTOCOLS §1.2). */
  getToken(ctx?: ProviderCallContext): Promise<AtolCallResult> {
    const body: AtolTokenRequest = {
      login: this.config_.login,
      pass: this.config_.password,
    }
    if (this.config_.source) {
      body.source = this.config_.source
    }
    return this.send_("getToken", "POST", "getToken", body, undefined, ctx)
  }

  /** `POST {group}/{operation}` (PROTOCOLS §1.3–1.5). */
  register(
    operation: AtolOperation,
    body: AtolRegistrationRequest,
    token: string,
    ctx?: ProviderCallContext
  ): Promise<AtolCallResult> {
    return this.send_(
      operation,
      "POST",
      `${encodeURIComponent(this.config_.group)}/${operation}`,
      body,
      token,
      ctx
    )
  }

  /** `GET {group}/report/{uuid}` (PROTOCOLS §1.6). */
  report(
    uuid: string,
    token: string,
    ctx?: ProviderCallContext
  ): Promise<AtolCallResult> {
    return this.send_(
      "report",
      "GET",
      `${encodeURIComponent(this.config_.group)}/report/${encodeURIComponent(uuid)}`,
      undefined,
      token,
      ctx
    )
  }

  private async send_(
    operation: string,
    method: "GET" | "POST",
    path: string,
    body: unknown,
    token: string | undefined,
    ctx?: ProviderCallContext
  ): Promise<AtolCallResult> {
    const url = `${this.config_.apiBase}${path}`
    const started = Date.now()
    // axios' timeout is a socket idle timer; this deadline also bounds a slowly dribbling answer.
    const deadline = new AbortController()
    const timer = setTimeout(
      () => deadline.abort(),
      this.config_.timeoutMs + 50
    )
    timer.unref?.()
    let result: AtolCallResult
    try {
      const response: AxiosResponse<string> = await this.http_.request({
        method,
        url,
        data: body === undefined ? undefined : JSON.stringify(body),
        headers: token ? { Token: token } : undefined,
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
