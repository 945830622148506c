import type { AxiosInstance } from "axios"

import type { ProviderCallContext } from "../../modules/fiscal/types/provider"
import {
  createHttp,
  exchange,
  REDACTED,
  secretRedactor,
  type HttpAnswer,
  type TransportFailure,
} from "../_shared/http-exchange"
import type { DreamkasReceiptRequest, DreamkasWebhook } from "./types"

/** What the client needs to reach one Dreamkas account. */
export type DreamkasClientConfig = {
  /** API base without a trailing slash, e.g. `https://kabinet.dreamkas.ru/api`. */
  apiBase: string
  token: string
  timeoutMs: number
}

/** One HTTP answer of Dreamkas, already parsed. */
export type DreamkasAnswer = HttpAnswer

/** A request to Dreamkas that got no HTTP answer. */
export type DreamkasTransportFailure = TransportFailure

/** An exchange ended either with an answer or without one. */
export type DreamkasCallResult =
  | { kind: "answer"; answer: DreamkasAnswer }
  | { kind: "no_answer"; failure: DreamkasTransportFailure }

/** Copies a JSON value with every secret field (any case) replaced by `***`. */
export const redactSecrets = secretRedactor(
  ["token", "access_token", "authorization", "password"],
  { ignoreCase: true }
)

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
      createHttp({
        timeoutMs: config_.timeoutMs,
        headers: {
          // Dreamkas answers 400 to a body without this header
          // (docs/vendors/dreamkas.md, "Hosts").
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
    return exchange(this.http_, {
      operation: call.operation,
      method: call.method,
      url: `${this.config_.apiBase}${call.path}${search}`,
      body: call.body,
      headers: { Authorization: `Bearer ${this.config_.token}` },
      timeoutMs: this.config_.timeoutMs,
      ctx,
      redact: (value) => {
        const redacted = redactSecrets(value)
        return call.webhookBodies ? redactWebhookUrls(redacted) : redacted
      },
    })
  }
}
