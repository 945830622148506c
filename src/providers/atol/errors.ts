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
import type { AtolError } from "./types"

/** Service error codes of ATOL Online (docs/vendors/atol.md, "Error codes"). */
export const ATOL_CODES = {
  UNDEFINED: 0,
  PROCESSING_FAILED: 1,
  MISSING_TOKEN: 10,
  EXPIRED_TOKEN: 11,
  WRONG_LOGIN_OR_PASSWORD: 12,
  VALIDATION: 13,
  USER_BLOCKED: 14,
  GROUP_AND_TOKEN_MISMATCH: 20,
  GROUP_NOT_FOR_PROTOCOL: 21,
  MISSING_UUID: 30,
  OPERATION_NOT_SUPPORTED: 31,
  INCOMING_VALIDATION: 32,
  EXTERNAL_ID_EXISTS: 33,
  STATE_NOT_FOUND: 34,
  BAD_REQUEST: 40,
  UNSUPPORTED_MEDIA_TYPE: 41,
  SERVER_CONFIGURATION: 50,
} as const

/** One HTTP answer of ATOL, already parsed. */
export type AtolAnswer = HttpAnswer

/** ATOL's error object of an answer, when it has a well-formed one. */
export function atolErrorOf(body: unknown): AtolError | undefined {
  if (!body || typeof body !== "object") {
    return undefined
  }
  const error = (body as { error?: unknown }).error
  if (!error || typeof error !== "object") {
    return undefined
  }
  const { code, text, type } = error as Record<string, unknown>
  if (typeof code !== "number") {
    return undefined
  }
  return {
    code,
    text: typeof text === "string" ? text.trim() : "",
    type: typeof type === "string" ? type : "system",
  }
}

/**
 * 401 with code 10 or 11: the cached token is no good, a fresh one may be
 * (docs/vendors/atol.md, "Authentication").
 */
export function isTokenRejected(answer: AtolAnswer): boolean {
  const code = atolErrorOf(answer.body)?.code
  return (
    answer.status === 401 &&
    (code === ATOL_CODES.MISSING_TOKEN || code === ATOL_CODES.EXPIRED_TOKEN)
  )
}

/**
 * Field paths of a 13/32 text. ATOL validates with NJsonSchema and lists `<Kind>: #/<path>`
 * entries after "Ошибочные поля", e.g. `NumberTooSmall: #/receipt.total` or
 * `PatternMismatch: #/login`; paths are returned dotted: `receipt.items[0].name`.
 */
export function parseAtolFieldErrors(text: string): string[] {
  const fields = new Set<string>()
  for (const match of text.matchAll(/#\/?([^\s,;"']*)/g)) {
    const path = match[1].replace(/\//g, ".").replace(/\.+$/, "")
    if (path) {
      fields.add(path)
    }
  }
  return [...fields]
}

type ErrorContext = {
  operation: string
  /** True when a failed answer may still mean the document was registered (a POST of a receipt). */
  mayHaveRegistered?: boolean
}

function describe(
  context: ErrorContext,
  status: number,
  error?: AtolError
): string {
  const code = error ? ` ${error.code}` : ""
  const detail = error?.text ? ` - ${vendorText(error.text)}` : ""
  return `ATOL ${context.operation} failed: ${status}${code}${detail}`
}

/**
 * Picks the typed error for an ATOL answer that is not a success
 * (docs/vendors/atol.md, "Error codes").
 */
export function toAtolProviderError(
  context: ErrorContext,
  answer: AtolAnswer
): FiscalProviderError {
  const error = atolErrorOf(answer.body)
  const init = {
    provider: "atol",
    operation: context.operation,
    message: describe(context, answer.status, error),
    code: error ? String(error.code) : undefined,
    httpStatus: answer.status,
  }
  if (answer.status === 429) {
    return new RetryableError({ ...init, retryAfterMs: answer.retryAfterMs })
  }
  if (!error) {
    return withoutAtolBody(context, answer.status, init)
  }
  switch (error.code) {
    case ATOL_CODES.UNDEFINED:
    case ATOL_CODES.PROCESSING_FAILED:
    case ATOL_CODES.SERVER_CONFIGURATION:
      // The doc: "report error_id to support", nothing was registered; retrying is safe.
      return new RetryableError({ ...init, retryAfterMs: answer.retryAfterMs })
    case ATOL_CODES.MISSING_TOKEN:
    case ATOL_CODES.EXPIRED_TOKEN:
    case ATOL_CODES.WRONG_LOGIN_OR_PASSWORD:
    case ATOL_CODES.USER_BLOCKED:
    case ATOL_CODES.GROUP_AND_TOKEN_MISMATCH:
      return new AuthError(init)
    case ATOL_CODES.GROUP_NOT_FOR_PROTOCOL:
    case ATOL_CODES.OPERATION_NOT_SUPPORTED:
      return new ConfigError(init)
    case ATOL_CODES.VALIDATION:
    case ATOL_CODES.INCOMING_VALIDATION:
      return new ValidationError({
        ...init,
        fields: parseAtolFieldErrors(error.text),
      })
    default:
      return answer.status >= 500
        ? new RetryableError({ ...init, retryAfterMs: answer.retryAfterMs })
        : new VendorFailedError(init)
  }
}

/** An answer without ATOL's error object came from something in front of ATOL, or a wrong URL. */
function withoutAtolBody(
  context: ErrorContext,
  status: number,
  init: ConstructorParameters<typeof VendorFailedError>[0]
): FiscalProviderError {
  if (status >= 500) {
    // A gateway that timed out waiting for ATOL (502/504) cannot say whether ATOL registered
    // the receipt; the same external_id must be resent before anything else.
    const gatewayGaveUp = status === 502 || status === 504
    return gatewayGaveUp && context.mayHaveRegistered
      ? new IndeterminateError(init)
      : new RetryableError(init)
  }
  if (status === 401 || status === 403) {
    return new AuthError(init)
  }
  if (status >= 200 && status < 300) {
    // A success status with a body we cannot read: the document may be registered.
    return context.mayHaveRegistered
      ? new IndeterminateError({
          ...init,
          message: `ATOL ${context.operation} answered ${status} without a readable body`,
        })
      : new RetryableError({
          ...init,
          message: `ATOL ${context.operation} answered ${status} without a readable body`,
        })
  }
  return new ConfigError({
    ...init,
    message: `ATOL ${context.operation} failed: unexpected HTTP ${status}; check host/base_url`,
  })
}

/** A request to ATOL that got no HTTP answer. */
export type AtolTransportFailure = TransportFailure

/**
 * No answer: a request that never left (refused, DNS) is retryable; a receipt POST that was
 * written and then timed out or was reset is indeterminate — ATOL may have registered it.
 */
export function fromTransportFailure(
  context: ErrorContext,
  failure: AtolTransportFailure
): FiscalProviderError {
  const init = {
    provider: "atol",
    operation: context.operation,
    message: `ATOL ${context.operation} failed: ${failure.code ?? "network error"} - ${vendorText(failure.message)}`,
    code: failure.code,
  }
  return noAnswerError(init, failure, context.mayHaveRegistered)
}
