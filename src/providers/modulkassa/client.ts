import type { AxiosInstance } from "axios"

import type { ProviderCallContext } from "../../modules/fiscal/types/provider"
import { createHttp, exchange, secretRedactor } from "../_shared/http-exchange"
import type { ModulAnswer, ModulTransportFailure } from "./errors"
import type { ModulDocument } from "./types"

/** Basic-auth credentials: the account's for `associate`, the association's for the rest. */
export type ModulCredentials = { user: string; password: string }

/** An HTTP exchange ended either with an answer or without one. */
export type ModulCallResult =
  | { kind: "answer"; answer: ModulAnswer }
  | { kind: "no_answer"; failure: ModulTransportFailure }

/** Copies a JSON value with every password field replaced by `***`. */
export const redactSecrets = secretRedactor([
  "password",
  "service_password",
  "pass",
])

function basicAuth(credentials: ModulCredentials): string {
  return `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`, "utf8").toString("base64")}`
}

/**
 * МодульКасса's HTTP verbs (docs/vendors/modulkassa.md, "At a glance"). Every exchange is
 * reported to `ctx.onExchange` with passwords replaced by `***`; credentials travel only in
 * the Authorization header, which is never reported.
 */
export class ModulKassaClient {
  private readonly http_: AxiosInstance

  constructor(
    private readonly config_: { apiBase: string; timeoutMs: number },
    http?: AxiosInstance
  ) {
    this.http_ =
      http ??
      createHttp({
        timeoutMs: config_.timeoutMs,
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
    const headers: Record<string, string> = {
      Authorization: basicAuth(credentials),
    }
    if (body !== undefined) {
      headers["Content-Type"] = "application/json; charset=utf-8"
    }
    return exchange(this.http_, {
      operation,
      method,
      url: `${this.config_.apiBase}${path}`,
      body,
      headers,
      timeoutMs: this.config_.timeoutMs,
      ctx,
      redact: redactSecrets,
    })
  }
}
