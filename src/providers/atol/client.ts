import type { AxiosInstance } from "axios"

import type { ProviderCallContext } from "../../modules/fiscal/types/provider"
import { createHttp, exchange, secretRedactor } from "../_shared/http-exchange"
import type { AtolAnswer, AtolTransportFailure } from "./errors"
import type {
  AtolOperation,
  AtolCorrectionRequest,
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

/** Copies a JSON value with every secret field replaced by `***`. */
export const redactSecrets = secretRedactor(["pass", "password", "token"])

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
      createHttp({
        timeoutMs: config_.timeoutMs,
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          Accept: "application/json",
        },
      })
  }

  /** `POST getToken` (docs/vendors/atol.md, "Authentication"). */
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

  /** `POST {group}/{operation}` (docs/vendors/atol.md, "Registration request"). */
  register(
    operation: AtolOperation,
    body: AtolRegistrationRequest | AtolCorrectionRequest,
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

  /** `GET {group}/report/{uuid}` (docs/vendors/atol.md, "Status and report answers"). */
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
    return exchange(this.http_, {
      operation,
      method,
      url: `${this.config_.apiBase}${path}`,
      body,
      headers: token ? { Token: token } : undefined,
      timeoutMs: this.config_.timeoutMs,
      ctx,
      redact: redactSecrets,
    })
  }
}
