import https from "node:https"
import { createSecureContext, rootCertificates } from "node:tls"

import axios, { type AxiosInstance, type AxiosResponse } from "axios"

import type { ProviderCallContext } from "../../modules/fiscal/types/provider"
import type { CheckonlineAnswer, CheckonlineTransportFailure } from "./errors"
import type { ComplexRequest } from "./types"

/** What the client needs to reach one Checkonline account. */
export type CheckonlineClientConfig = {
  /** Full URL of `…/fr/api/v2/Complex`. */
  endpoint: string
  /** Client certificate and its key, PEM. */
  certificate: string
  privateKey: string
  /** Extra CA(s) to trust besides the system ones, PEM. */
  caCertificate?: string
  timeoutMs: number
}

/** An HTTP exchange ended either with an answer or without one. */
export type CheckonlineCallResult =
  | { kind: "answer"; answer: CheckonlineAnswer }
  | { kind: "no_answer"; failure: CheckonlineTransportFailure }

const REDACTED = "***"
/** `Password` is the cash register's operator password: weak, but still not for logs. */
const SECRET_KEYS = new Set(["Password"])
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

function transportFailure(error: unknown): CheckonlineTransportFailure {
  const err = error as {
    code?: string
    message?: string
    request?: { writableFinished?: boolean }
    cause?: { code?: string; message?: string }
  }
  const code =
    err.code === "ERR_CANCELED" ? "ETIMEDOUT" : (err.cause?.code ?? err.code)
  return {
    code,
    message:
      err.code === "ERR_CANCELED"
        ? "request deadline exceeded"
        : (err.cause?.message ?? err.message ?? String(error)),
    // `writableFinished`: the whole request was flushed to the socket, so Checkonline may have it.
    // The axios error itself is not kept: its config holds the TLS agent with the private key.
    written: err.request?.writableFinished === true,
  }
}

/**
 * Checkonline's one HTTP call over mutual TLS. Every exchange is reported to `ctx.onExchange`;
 * the certificate and key live only in the TLS agent and never reach an exchange, a message or a
 * log. Each request opens its own connection: a reused connection that the server dropped while
 * idle would make a reset ambiguous (did the receipt go through?), and registrations are rare
 * enough for a handshake each.
 */
export class CheckonlineClient {
  private readonly http_: AxiosInstance
  private readonly tls_: https.AgentOptions

  constructor(
    private readonly config_: CheckonlineClientConfig,
    http?: AxiosInstance
  ) {
    // Built once: parsing the key and the system CAs costs more than the handshake itself.
    const secureContext = createSecureContext({
      cert: config_.certificate,
      key: config_.privateKey,
      // An extra CA is added to the system ones, not instead of them.
      ca: config_.caCertificate
        ? [...rootCertificates, config_.caCertificate]
        : undefined,
    })
    this.tls_ = { secureContext, keepAlive: false }
    this.http_ =
      http ??
      axios.create({
        timeout: config_.timeoutMs,
        httpsAgent: new https.Agent(this.tls_),
        // A proxy from the environment would terminate TLS and drop the client certificate.
        proxy: false,
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

  /** `POST /fr/api/v2/Complex` (PROTOCOLS §2). */
  complex(
    body: ComplexRequest,
    ctx?: ProviderCallContext
  ): Promise<CheckonlineCallResult> {
    return this.send_("register", "POST", body, ctx)
  }

  /**
   * `GET /fr/api/v2/Complex` on a fresh connection: executes nothing, but shows whether the
   * server accepts this certificate (any HTTP answer) or refuses it at the TLS layer.
   */
  probe(
    ctx?: ProviderCallContext,
    timeoutMs = this.config_.timeoutMs
  ): Promise<CheckonlineCallResult> {
    return this.send_("probe", "GET", undefined, ctx, {
      timeout: timeoutMs,
      httpsAgent: new https.Agent(this.tls_),
    })
  }

  private async send_(
    operation: string,
    method: "GET" | "POST",
    body: unknown,
    ctx?: ProviderCallContext,
    overrides: { timeout?: number; httpsAgent?: https.Agent } = {}
  ): Promise<CheckonlineCallResult> {
    const url = this.config_.endpoint
    const timeoutMs = overrides.timeout ?? this.config_.timeoutMs
    const started = Date.now()
    // axios' timeout is a socket idle timer; this deadline also bounds a slowly dribbling answer.
    const deadline = new AbortController()
    const timer = setTimeout(() => deadline.abort(), timeoutMs + 50)
    timer.unref?.()
    let result: CheckonlineCallResult
    try {
      const response: AxiosResponse<string> = await this.http_.request({
        method,
        url,
        data: body === undefined ? undefined : JSON.stringify(body),
        signal: deadline.signal,
        ...overrides,
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
      overrides.httpsAgent?.destroy()
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
