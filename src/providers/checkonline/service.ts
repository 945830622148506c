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
import { summarizeCertificate, type CertificateSummary } from "./certificates"
import { CheckonlineClient } from "./client"
import {
  CHECKONLINE_CLOUD_ERRORS,
  certificateRefused,
  cloudErrorOf,
  fromTransportFailure,
  isCertificateRefusal,
  isResetAfterWrite,
  isUntrustedServer,
  toCheckonlineError,
  type CheckonlineTransportFailure,
} from "./errors"
import {
  CHECKONLINE_CORRECTIONS,
  CHECKONLINE_MARKING,
  CHECKONLINE_MAX_LINES,
  CHECKONLINE_MAX_NAME_LENGTH,
  fromComplexResponse,
  toComplexRequest,
  vendorDocumentIdOf,
} from "./mappers"
import {
  CHECKONLINE_CONFIG_FIELDS,
  CHECKONLINE_SECRET_FIELDS,
  checkonlineEndpoint,
  checkonlineOptionsSchema,
  type CheckonlineOptions,
} from "./options"
import type { ComplexResponse } from "./types"

/** A probe after a reset needs no more than this to show whether the certificate is accepted. */
const PROBE_TIMEOUT_MS = 5_000

/**
 * Checkonline (Чеконлайн) "Complex" connection (docs/vendors/checkonline.md, "At a glance").
 * Registration is synchronous: a successful answer is the registered receipt. There is no
 * status endpoint and no callback; the cloud caches each answer under (Group, RequestId,
 * ClientId), and our external id is the RequestId, so repeating a registration returns the
 * first answer instead of printing again — that is how a lost answer is recovered.
 */
export class CheckonlineFiscalProvider extends AbstractFiscalProvider<CheckonlineOptions> {
  static override readonly identifier = "checkonline"
  static override readonly title = "Checkonline (Чеконлайн)"
  static override readonly configSchema = checkonlineOptionsSchema
  static override readonly secretFields = CHECKONLINE_SECRET_FIELDS
  static override readonly configFields = CHECKONLINE_CONFIG_FIELDS
  /**
   * Where the client certificate is presented: the installation, its URL, and the CA the
   * server must prove itself with.
   */
  static override readonly endpointFields = [
    "host",
    "base_url",
    "ca_certificate",
  ]

  /**
   * Answers are cached per (Group, RequestId, ClientId) of one installation; the Group
   * defaults to the certificate's, so the certificate (by fingerprint, never its key) names
   * the account.
   */
  static accountKey(config: CheckonlineOptions): string {
    return [
      "checkonline",
      checkonlineEndpoint(config),
      summarizeCertificate(config.certificate).fingerprint,
      config.group ?? "",
      config.client_id ?? "",
    ].join("|")
  }

  readonly capabilities: ProviderCapabilities = {
    async: false,
    // A repeat of the same RequestId returns the cached answer: the pipeline resolves a lost
    // answer by sending again, and never needs check().
    dedupesExternalId: true,
    callbacks: false,
    // Complex carries tag numbers; which ФФД the cash register speaks is the cloud's business.
    ffd: ["1.05", "1.2"],
    maxLines: CHECKONLINE_MAX_LINES,
    maxNameLength: CHECKONLINE_MAX_NAME_LENGTH,
    minCheckIntervalMs: 0,
    marking: { ...CHECKONLINE_MARKING },
    corrections: { ...CHECKONLINE_CORRECTIONS },
  }

  private readonly endpoint_: string
  private readonly client_: CheckonlineClient

  constructor(
    deps: ProviderDeps | undefined,
    options: CheckonlineOptions,
    client?: CheckonlineClient
  ) {
    super(deps, options)
    this.endpoint_ = checkonlineEndpoint(options)
    this.client_ =
      client ??
      new CheckonlineClient({
        endpoint: this.endpoint_,
        certificate: options.certificate,
        privateKey: options.private_key,
        caCertificate: options.ca_certificate,
        timeoutMs: options.timeout_ms,
      })
  }

  protected async registerDocument(
    req: RegisterRequest,
    ctx?: ProviderCallContext
  ): Promise<RegisterOutcome> {
    const body = toComplexRequest({
      externalId: req.externalId,
      document: req.document,
      company: req.company,
      device: this.options_.device,
      group: this.options_.group,
      clientId: this.options_.client_id,
      taxIds: this.options_.tax_ids,
    })
    const result = await this.client_.complex(body, ctx)
    if (result.kind === "no_answer") {
      throw await this.noAnswer_(result.failure, ctx)
    }
    const { answer } = result
    const response = answer.body as ComplexResponse | undefined
    if (
      answer.status === 200 &&
      response &&
      typeof response === "object" &&
      response.Response?.Error === 0
    ) {
      const fiscal = fromComplexResponse(response)
      const vendorDocumentId = vendorDocumentIdOf(response)
      if (!fiscal || !vendorDocumentId) {
        // Registered, but the answer cannot be read: the same RequestId brings it back from the cache.
        throw new IndeterminateError({
          provider: "checkonline",
          operation: "register",
          message:
            "Checkonline registered the receipt but its answer lacks the fiscal data (FNSerialNumber, FiscalDocNumber, FiscalSign)",
          httpStatus: 200,
        })
      }
      // A cached answer looks exactly like the first one, so a repeat cannot be told apart.
      return { kind: "registered", vendorDocumentId, duplicate: false, fiscal }
    }
    throw toCheckonlineError(
      { operation: "register", mayHaveRegistered: true },
      answer
    )
  }

  /**
   * Checkonline has no status lookup: the only way to learn a document's fate is to send the same
   * RequestId again, which needs the document itself. The pipeline never asks (the provider is
   * synchronous and deduplicating); if something does, the answer is "unknown, resend", never a
   * guess — `not_found` would start a new generation and could print a second receipt.
   */
  protected async checkDocument(req: CheckRequest): Promise<StatusOutcome> {
    throw new IndeterminateError({
      provider: "checkonline",
      operation: "check",
      message: `Checkonline has no status lookup; receipt ${req.externalId} is resolved by sending it again under the same RequestId (Checkonline answers from its cache)`,
    })
  }

  protected override get vendorName(): string {
    return "Checkonline"
  }

  protected override get serviceUrl(): string {
    return this.endpoint_
  }

  // Checkonline posts no callbacks: the base's parseCallback (nothing is a notice) applies.

  protected async probeConnection(
    ctx?: ProviderCallContext
  ): Promise<{ ok: boolean; message: string }> {
    let certificate: CertificateSummary
    try {
      certificate = summarizeCertificate(this.options_.certificate)
    } catch {
      return {
        ok: false,
        message:
          "The client certificate cannot be read; paste it in PEM (-----BEGIN CERTIFICATE-----).",
      }
    }
    const who = `certificate "${certificate.commonName}" (issued by ${certificate.issuer})`
    const now = Date.now()
    if (certificate.validTo.getTime() < now) {
      return {
        ok: false,
        message: `The ${who} expired on ${certificate.validTo.toISOString().slice(0, 10)}. Ask Checkonline for a new one.`,
      }
    }
    if (certificate.validFrom.getTime() > now) {
      return {
        ok: false,
        message: `The ${who} is valid only from ${certificate.validFrom.toISOString().slice(0, 10)}.`,
      }
    }
    const result = await this.client_.probe(ctx)
    if (result.kind === "no_answer") {
      return { ok: false, message: this.explainFailure_(result.failure, who) }
    }
    const { status, body } = result.answer
    const cloud = cloudErrorOf(body)
    if (
      cloud?.FCEError === CHECKONLINE_CLOUD_ERRORS.UNKNOWN_GROUP &&
      cloud.Fatal
    ) {
      return {
        ok: false,
        message: `Checkonline accepted the TLS connection but does not know the ${who}${cloud.ErrorDescription ? `: ${vendorText(cloud.ErrorDescription)}` : ""}. Check that it is the certificate of your enterprise.`,
      }
    }
    if (status === 404) {
      return {
        ok: false,
        message: `Nothing answers at ${this.endpoint_} (HTTP 404). Check host/base_url.`,
      }
    }
    if (status >= 500 && !cloud) {
      return {
        ok: false,
        message: `Checkonline at ${this.endpoint_} answered HTTP ${status}: the service is unavailable right now. Try again later.`,
      }
    }
    const refusal = toCheckonlineError({ operation: "probe" }, result.answer)
    if (refusal instanceof AuthError && refusal.code === "certificate") {
      return {
        ok: false,
        message: `Checkonline at ${this.endpoint_} refused the ${who} (HTTP ${status}): the certificate was refused.`,
      }
    }
    const group = this.options_.group ? `, group "${this.options_.group}"` : ""
    return {
      ok: true,
      message:
        `Connected to Checkonline at ${this.endpoint_}: the ${who}${group} was accepted; valid until ` +
        `${certificate.validTo.toISOString().slice(0, 10)}. The group and cash registers are checked with the first receipt.`,
    }
  }

  /**
   * A registration that got no answer. A reset right after the request left is ambiguous: the
   * cloud may have registered the receipt and lost the answer, or the TLS layer may have refused
   * the certificate after the TLS 1.3 handshake. A probe on a fresh connection tells them apart;
   * either way the pipeline keeps the same RequestId, so the cache settles the receipt.
   */
  private async noAnswer_(
    failure: CheckonlineTransportFailure,
    ctx?: ProviderCallContext
  ) {
    if (isResetAfterWrite(failure) && !isCertificateRefusal(failure)) {
      const probe = await this.client_.probe(
        ctx,
        Math.min(PROBE_TIMEOUT_MS, this.options_.timeout_ms)
      )
      if (
        probe.kind === "no_answer" &&
        (isCertificateRefusal(probe.failure) ||
          isResetAfterWrite(probe.failure))
      ) {
        this.deps_.logger?.warn(
          "Checkonline closes every TLS connection without an answer: the client certificate is refused"
        )
        return certificateRefused(
          "register",
          `${failure.code ?? "reset"} after the TLS handshake, on every connection`
        )
      }
    }
    return fromTransportFailure(
      { operation: "register", mayHaveRegistered: true },
      failure
    )
  }

  /** A shop owner's reading of a probe that got no answer. */
  private explainFailure_(
    failure: CheckonlineTransportFailure,
    who: string
  ): string {
    if (isCertificateRefusal(failure) || isResetAfterWrite(failure)) {
      return `Checkonline at ${this.endpoint_} refused the ${who}: the certificate was refused (${failure.code ?? "TLS"}). Check that it is the certificate Checkonline issued and that the private key belongs to it.`
    }
    if (isUntrustedServer(failure)) {
      return `The server at ${this.endpoint_} presented a certificate this shop does not trust (${failure.code}). For the emulator or a private CA set ca_certificate; otherwise check base_url.`
    }
    const error = fromTransportFailure({ operation: "probe" }, failure)
    if (
      error instanceof RetryableError &&
      (failure.code === "ETIMEDOUT" || failure.code === "ECONNABORTED")
    ) {
      return `Checkonline at ${this.endpoint_} did not answer within ${this.options_.timeout_ms} ms. Check the network and base_url.`
    }
    if (error instanceof ConfigError) {
      return error.message
    }
    return `Checkonline is unreachable at ${this.endpoint_}: ${failure.code ?? "network error"}. Check host/base_url and the network.`
  }
}
