import { noAnswerError } from "../_shared/transport-errors"
import { vendorText } from "../kit/vendor-text"
import type { HttpAnswer, TransportFailure } from "../_shared/http-exchange"
import {
  AuthError,
  ConfigError,
  IndeterminateError,
  RetryableError,
  ValidationError,
  VendorFailedError,
  type FiscalProviderError,
} from "../../modules/fiscal/errors"
import type { CloudErrorBody, ComplexResponse } from "./types"

/**
 * How Checkonline's failures map to the pipeline's typed errors
 * (docs/vendors/checkonline.md, "Error codes"). The answer cache decides it: a repeat of the same
 * RequestId returns what was cached, and only receipts and final device errors are cached.
 *
 * - Cloud error (HTTP 500 + FCEError), `Fatal: false` (or no `Fatal`): nothing was executed and
 *   nothing cached → {@link RetryableError}; the pipeline repeats the same RequestId later.
 * - Cloud error, `Fatal: true`: repeating fails again. By what it means: the request's data →
 *   {@link ValidationError} (the document is rebuilt after the fix and sent under the same
 *   RequestId, which is safe because the cloud did not cache the refusal); the certificate or the
 *   group → {@link AuthError}; a wrong `Device` → {@link ConfigError}; anything else →
 *   {@link VendorFailedError}.
 * - Device error (HTTP 200, `Response.Error ≠ 0`) of a passing kind (17, 80, 200, 249, 250, 253,
 *   254): not cached → {@link RetryableError}. Any other device error is cached under this
 *   RequestId, so only a new RequestId can get past it → {@link VendorFailedError} (the pipeline
 *   re-sends under a new generation), never ValidationError (which would repeat the cached refusal).
 */

/** Cloud error codes. None are published [?]; these are the emulator's, named by what they mean. */
export const CHECKONLINE_CLOUD_ERRORS = {
  BAD_FORMAT: 1,
  INVALID_FIELD: 2,
  UNKNOWN_GROUP: 3,
  DEVICE_NOT_FOUND: 4,
  NO_FREE_DEVICE: 5,
  INTERNAL: 6,
  REQUEST_IN_PROGRESS: 7,
  PAYMENT_MISMATCH: 8,
} as const

/** Fatal cloud errors caused by the request's data. */
const DATA_ERRORS = new Set<number>([
  CHECKONLINE_CLOUD_ERRORS.BAD_FORMAT,
  CHECKONLINE_CLOUD_ERRORS.INVALID_FIELD,
  CHECKONLINE_CLOUD_ERRORS.PAYMENT_MISMATCH,
])

/** Device errors that pass by themselves; the same RequestId is executed again [V: MKKM]. */
export const NON_FATAL_DEVICE_ERROR_CODES: ReadonlySet<number> = new Set([
  17, 80, 200, 249, 250, 253, 254,
])

/** One HTTP answer of Checkonline, already parsed. */
export type CheckonlineAnswer = HttpAnswer

/** A request to Checkonline that got no HTTP answer; `code` may be OpenSSL's, e.g. `ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED`. */
export type CheckonlineTransportFailure = TransportFailure

type ErrorContext = {
  operation: string
  /** True for a registration: a failed answer may still mean the receipt was registered. */
  mayHaveRegistered?: boolean
}

/** The cloud error of an answer body, when it is one. */
export function cloudErrorOf(body: unknown): CloudErrorBody | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return undefined
  }
  const value = body as Record<string, unknown>
  if (typeof value.FCEError !== "number") {
    return undefined
  }
  return {
    FCEError: value.FCEError,
    ErrorDescription:
      typeof value.ErrorDescription === "string"
        ? value.ErrorDescription.trim()
        : undefined,
    Fatal: typeof value.Fatal === "boolean" ? value.Fatal : undefined,
    LogRequestId:
      typeof value.LogRequestId === "string" ? value.LogRequestId : undefined,
  }
}

/** The device error of a 200 answer (`Response.Error ≠ 0`), when it is one. */
export function deviceErrorOf(
  body: unknown
): { code: number; messages: string[] } | undefined {
  const response = (body as ComplexResponse | undefined)?.Response
  if (!response || typeof response.Error !== "number" || response.Error === 0) {
    return undefined
  }
  const messages = Array.isArray(response.ErrorMessages)
    ? response.ErrorMessages.filter((m): m is string => typeof m === "string")
    : []
  return { code: response.Error, messages }
}

/** Field paths named in a cloud error description, e.g. `Lines[0].Qty`, `NonCash`. */
export function fieldsOf(description: string | undefined): string[] {
  const fields = new Set<string>()
  for (const match of (description ?? "").matchAll(
    /(?<![A-Za-z0-9_.])((?:Lines\[\d+\]\.)?[A-Z][A-Za-z]+(?:\[\d+\])?)(?![A-Za-z0-9_])/g
  )) {
    if (
      KNOWN_FIELDS.has(
        match[1].replace(/^Lines\[\d+\]\./, "").replace(/\[\d+\]$/, "")
      )
    ) {
      fields.add(match[1])
    }
  }
  return [...fields]
}

const KNOWN_FIELDS = new Set([
  "Device",
  "Password",
  "RequestId",
  "ClientId",
  "Group",
  "DocumentType",
  "Lines",
  "NonCash",
  "Cash",
  "AdvancePayment",
  "Credit",
  "Consideration",
  "TaxMode",
  "PhoneOrEmail",
  "Place",
  "FullResponse",
  "AdditionalAttribute",
  "Description",
  "Qty",
  "Price",
  "TaxId",
  "PayAttribute",
  "LineAttribute",
  "Measure",
  "CGNFloat",
])

/** True for the pages nginx (and kin) answer when the TLS client certificate is missing or bad. */
function isCertificatePage(status: number, body: unknown): boolean {
  if (status === 495 || status === 496) {
    return true
  }
  return (
    status === 400 &&
    typeof body === "string" &&
    /ssl certificate|client certificate/i.test(body)
  )
}

/** Picks the typed error for a Checkonline answer that is not a registered receipt. */
export function toCheckonlineError(
  context: ErrorContext,
  answer: CheckonlineAnswer
): FiscalProviderError {
  const base = {
    provider: "checkonline",
    operation: context.operation,
    httpStatus: answer.status,
  }
  const cloud = cloudErrorOf(answer.body)
  if (cloud) {
    const init = {
      ...base,
      code: `fce_${cloud.FCEError}`,
      message:
        `Checkonline ${context.operation} failed: cloud error ${cloud.FCEError}` +
        `${cloud.Fatal ? " (fatal)" : ""}${cloud.ErrorDescription ? ` - ${vendorText(cloud.ErrorDescription)}` : ""}` +
        `${cloud.LogRequestId ? ` [LogRequestId ${vendorText(cloud.LogRequestId, 64)}]` : ""}`,
    }
    if (cloud.Fatal !== true) {
      // "Fatal: false" — repeat the same request later; nothing was executed or cached.
      return new RetryableError({ ...init, retryAfterMs: answer.retryAfterMs })
    }
    if (DATA_ERRORS.has(cloud.FCEError)) {
      return new ValidationError({
        ...init,
        fields: fieldsOf(cloud.ErrorDescription),
      })
    }
    if (cloud.FCEError === CHECKONLINE_CLOUD_ERRORS.UNKNOWN_GROUP) {
      return new AuthError(init)
    }
    if (cloud.FCEError === CHECKONLINE_CLOUD_ERRORS.DEVICE_NOT_FOUND) {
      return new ConfigError({
        ...init,
        message: `${init.message}. Check the device setting (auto or a cash register's name).`,
      })
    }
    return new VendorFailedError(init)
  }
  const device = answer.status === 200 ? deviceErrorOf(answer.body) : undefined
  if (device) {
    const detail = device.messages.length
      ? ` - ${vendorText(device.messages.join("; "))}`
      : ""
    const init = { ...base, code: `device_${device.code}` }
    if (NON_FATAL_DEVICE_ERROR_CODES.has(device.code)) {
      return new RetryableError({
        ...init,
        message: `Checkonline's cash register could not register the receipt yet: device error ${device.code}${detail}`,
      })
    }
    return new VendorFailedError({
      ...init,
      message:
        `Checkonline's cash register refused the receipt: device error ${device.code}${detail}. ` +
        `Checkonline keeps this answer for the same RequestId, so the receipt goes out under a new one when retried.`,
    })
  }
  if (
    isCertificatePage(answer.status, answer.body) ||
    answer.status === 401 ||
    answer.status === 403
  ) {
    return new AuthError({
      ...base,
      code: "certificate",
      message: `Checkonline refused the client certificate (HTTP ${answer.status}): the certificate was refused. Check that it is the one Checkonline issued, not expired, and that its key matches.`,
    })
  }
  if (answer.status === 429) {
    return new RetryableError({
      ...base,
      message: `Checkonline ${context.operation} failed: 429 too many requests`,
      retryAfterMs: answer.retryAfterMs,
    })
  }
  if (answer.status >= 500) {
    const init = {
      ...base,
      message: `Checkonline ${context.operation} failed: HTTP ${answer.status} without Checkonline's error body`,
    }
    // A gateway that gave up waiting (502/504) cannot say whether the receipt was registered.
    return (answer.status === 502 || answer.status === 504) &&
      context.mayHaveRegistered
      ? new IndeterminateError(init)
      : new RetryableError(init)
  }
  if (answer.status >= 200 && answer.status < 300) {
    const init = {
      ...base,
      message: `Checkonline ${context.operation} answered ${answer.status} without a readable receipt`,
    }
    return context.mayHaveRegistered
      ? new IndeterminateError(init)
      : new RetryableError(init)
  }
  return new ConfigError({
    ...base,
    message: `Checkonline ${context.operation} failed: unexpected HTTP ${answer.status}; check host/base_url`,
  })
}

/** OpenSSL alerts a server sends when it refuses the client certificate (TLS 1.2 and 1.3). */
const CERTIFICATE_ALERT =
  /alert (certificate required|bad certificate|unknown ca|certificate expired|certificate revoked|certificate unknown|unsupported certificate|access denied|handshake failure)/i

/** True when the TLS layer refused our client certificate (or the lack of one). */
export function isCertificateRefusal(
  failure: CheckonlineTransportFailure
): boolean {
  const code = failure.code ?? ""
  return (
    /^ERR_SSL_.*ALERT_(CERTIFICATE|BAD_CERTIFICATE|UNKNOWN_CA|UNSUPPORTED_CERTIFICATE|ACCESS_DENIED|HANDSHAKE_FAILURE)/.test(
      code
    ) || CERTIFICATE_ALERT.test(failure.message)
  )
}

/** Codes of a server certificate this process does not trust (nothing was sent). */
const UNTRUSTED_SERVER = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
])

/** True when this side refused the server's certificate. */
export function isUntrustedServer(
  failure: CheckonlineTransportFailure
): boolean {
  return failure.code !== undefined && UNTRUSTED_SERVER.has(failure.code)
}

/** A connection that was reset or ended without an answer after the request left. */
export function isResetAfterWrite(
  failure: CheckonlineTransportFailure
): boolean {
  return (
    failure.written &&
    (failure.code === "ECONNRESET" ||
      failure.code === "EPIPE" ||
      /socket hang up/i.test(failure.message))
  )
}

/** The certificate was refused at the TLS layer: a clear message, never the key. */
export function certificateRefused(
  operation: string,
  detail: string
): AuthError {
  return new AuthError({
    provider: "checkonline",
    operation,
    code: "certificate",
    message: `Checkonline refused the TLS connection: the certificate was refused (${detail}). Check that it is the certificate Checkonline issued, not expired, and that the private key belongs to it.`,
  })
}

/**
 * No answer: a refused certificate is an {@link AuthError}; an untrusted server certificate a
 * {@link ConfigError}; a request that never left is retryable; a registration that was written
 * and then timed out or was reset is indeterminate — the cloud may have registered it, and the
 * same RequestId will fetch the cached answer.
 */
export function fromTransportFailure(
  context: ErrorContext,
  failure: CheckonlineTransportFailure
): FiscalProviderError {
  const detail = `${failure.code ?? "network error"}`
  if (isCertificateRefusal(failure)) {
    return certificateRefused(context.operation, detail)
  }
  const init = {
    provider: "checkonline",
    operation: context.operation,
    code: failure.code,
    message: `Checkonline ${context.operation} failed: ${detail} - ${vendorText(failure.message)}`,
  }
  if (isUntrustedServer(failure)) {
    return new ConfigError({
      ...init,
      message: `Checkonline's server certificate is not trusted (${detail}). For the emulator or a private CA set ca_certificate; otherwise check base_url.`,
    })
  }
  if (
    failure.code === "ERR_SSL_WRONG_VERSION_NUMBER" ||
    failure.code === "EPROTO"
  ) {
    return new ConfigError({
      ...init,
      message: `Checkonline ${context.operation} failed: ${detail}: the URL does not speak TLS; check base_url (https://…).`,
    })
  }
  return noAnswerError(init, failure, context.mayHaveRegistered)
}
