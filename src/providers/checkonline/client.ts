import https from "node:https"
import { createSecureContext, rootCertificates } from "node:tls"

import type { AxiosInstance } from "axios"

import type { ProviderCallContext } from "../../modules/fiscal/types/provider"
import {
  createHttp,
  exchange,
  secretRedactor,
  transportFailure,
  type TransportFailure,
} from "../_shared/http-exchange"
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

/** `Password` is the cash register's operator password: weak, but still not for logs. */
export const redactSecrets = secretRedactor(["Password"])

/** The TLS layer's own code and message (a certificate alert) say more than axios' wrapper. */
function checkonlineFailure(error: unknown): TransportFailure {
  return transportFailure(error, { preferCause: true })
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
      createHttp({
        timeoutMs: config_.timeoutMs,
        extra: {
          httpsAgent: new https.Agent(this.tls_),
          // A proxy from the environment would terminate TLS and drop the client certificate.
          proxy: false,
        },
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          Accept: "application/json",
        },
      })
  }

  /** `POST /fr/api/v2/Complex` (docs/vendors/checkonline.md, "Registration request"). */
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
    return exchange(this.http_, {
      operation,
      method,
      url: this.config_.endpoint,
      body,
      timeoutMs: overrides.timeout ?? this.config_.timeoutMs,
      ctx,
      redact: redactSecrets,
      overrides,
      failure: checkonlineFailure,
      settled: () => overrides.httpsAgent?.destroy(),
    })
  }
}
