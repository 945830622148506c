import axios, { type AxiosInstance, type AxiosResponse } from "axios"

import type { ProviderCallContext } from "../../modules/fiscal/types/provider"
import type { DreamkasReceiptRequest, DreamkasWebhook } from "./types"

/** What the client needs to reach one Dreamkas account. */
export type DreamkasClientConfig = {
  /** API base without a trailing slash, e.g. `https://kabinet.dreamkas.ru/api`. */
  apiBase: string
  token: string
  timeoutMs: number
}

/** One HTTP answer, parsed. */
export type DreamkasAnswer = {
  status: number
  body: unknown
  /** From `Retry-After`, in milliseconds. */
  retryAfterMs?: number
}

/** A request that got no HTTP answer. */
export type DreamkasTransportFailure = {
  /** Node/axios error code, e.g. `ECONNREFUSED`, `ETIMEDOUT`, `ECONNRESET`. */
  code?: string
  message: string
  /** The whole request reached the socket, so Dreamkas may have acted on it. */
  written: boolean
}

/** An exchange ended either with an answer or without one. */
export type DreamkasCallResult =
  | { kind: "answer"; answer: DreamkasAnswer }
  | { kind: "no_answer"; failure: DreamkasTransportFailure }

const REDACTED = "***"
const SECRET_KEYS = new Set([
  "token",
  "access_token",
  "authorization",
  "password",
])
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
        SECRET_KEYS.has(key.toLowerCase()) &&
        inner !== null &&
        inner !== undefined
          ? REDACTED
          : redactSecrets(inner),
      ])
    )
  }
  return value
}

/**
 * A callback URL ends with the installation's secret (`/hooks/fiscal/dreamkas/<secret>`), so
 * webhook exchanges keep only the part before it.
 */
export function redactCallbackUrl(url: string): string {
  return url.replace(/\/[^/?#]+(?=[?#]|$)/, `/${REDACTED}`)
}

function redactWebhookUrls(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(redactWebhookUrls)
  }
  if (
    value &&
    typeof value === "object" &&
    typeof (value as { url?: unknown }).url === "string"
  ) {
    const hook = value as { url: string }
    return { ...hook, url: redactCallbackUrl(hook.url) }
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

function transportFailure(error: unknown): DreamkasTransportFailure {
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
    // The axios error itself is not kept: its config carries the Authorization header.
    written: err.request?.writableFinished === true,
  }
}

type Call = {
  operation: string
  method: "GET" | "POST"
  path: string
  query?: Record<string, string>
  body?: unknown
  /** Replaces URLs of webhook bodies in the exchange record. */
  webhookBodies?: boolean
}

/**
 * The Кабинет Дримкас API verbs this provider uses. Every exchange is reported to
 * `ctx.onExchange`; the token travels only in the `Authorization` header, which is never
 * recorded.
 */
export class DreamkasClient {
  private readonly http_: AxiosInstance

  constructor(
    private readonly config_: DreamkasClientConfig,
    http?: AxiosInstance
  ) {
    this.http_ =
      http ??
      axios.create({
        timeout: config_.timeoutMs,
        maxRedirects: 0,
        responseType: "text",
        transformResponse: [(data: unknown) => data],
        validateStatus: () => true,
        transitional: { clarifyTimeoutError: true },
        headers: {
          // Dreamkas answers 400 to a body without this header (PROTOCOLS §4).
          "Content-Type": "application/json",
          Accept: "application/json",
        },
      })
  }

  /** `POST /api/receipts`: creates a fiscalization operation. */
  createReceipt(body: DreamkasReceiptRequest, ctx?: ProviderCallContext) {
    return this.send_(
      { operation: "receipt", method: "POST", path: "/receipts", body },
      ctx
    )
  }

  /** `GET /api/operations/{id}`. */
  getOperation(id: string, ctx?: ProviderCallContext) {
    return this.send_(
      {
        operation: "operation",
        method: "GET",
        path: `/operations/${encodeURIComponent(id)}`,
      },
      ctx
    )
  }

  /** `GET /api/operations?externalId=`: the operations created under one external id. */
  findOperations(externalId: string, ctx?: ProviderCallContext) {
    return this.send_(
      {
        operation: "operations",
        method: "GET",
        path: "/operations",
        query: { externalId },
      },
      ctx
    )
  }

  /** `GET /api/receipts/{id}`: the fiscal receipt an operation produced. */
  getReceipt(id: string, ctx?: ProviderCallContext) {
    return this.send_(
      {
        operation: "fiscal_receipt",
        method: "GET",
        path: `/receipts/${encodeURIComponent(id)}`,
      },
      ctx
    )
  }

  /** `GET /api/devices`: the kassas of the account. */
  listDevices(ctx?: ProviderCallContext) {
    return this.send_(
      { operation: "devices", method: "GET", path: "/devices" },
      ctx
    )
  }

  /** `GET /api/webhooks`. */
  listWebhooks(ctx?: ProviderCallContext) {
    return this.send_(
      {
        operation: "webhooks",
        method: "GET",
        path: "/webhooks",
        webhookBodies: true,
      },
      ctx
    )
  }

  /** `POST /api/webhooks`. */
  createWebhook(body: DreamkasWebhook, ctx?: ProviderCallContext) {
    return this.send_(
      {
        operation: "webhooks",
        method: "POST",
        path: "/webhooks",
        body,
        webhookBodies: true,
      },
      ctx
    )
  }

  private async send_(
    call: Call,
    ctx?: ProviderCallContext
  ): Promise<DreamkasCallResult> {
    const search = call.query
      ? `?${new URLSearchParams(call.query).toString()}`
      : ""
    const url = `${this.config_.apiBase}${call.path}${search}`
    const started = Date.now()
    // axios' timeout is a socket idle timer; this deadline also bounds a slowly dribbling answer.
    const deadline = new AbortController()
    const timer = setTimeout(
      () => deadline.abort(),
      this.config_.timeoutMs + 50
    )
    timer.unref?.()
    let result: DreamkasCallResult
    try {
      const response: AxiosResponse<string> = await this.http_.request({
        method: call.method,
        url,
        data: call.body === undefined ? undefined : JSON.stringify(call.body),
        headers: { Authorization: `Bearer ${this.config_.token}` },
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
    const scrub = (value: unknown) => {
      const redacted = redactSecrets(value)
      return call.webhookBodies ? redactWebhookUrls(redacted) : redacted
    }
    ctx?.onExchange?.({
      operation: call.operation,
      method: call.method,
      url,
      request: call.body === undefined ? undefined : scrub(call.body),
      response:
        result.kind === "answer" ? scrub(result.answer.body) : undefined,
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
