import { noAnswerError } from "../_shared/transport-errors"
import { vendorText } from "../kit/vendor-text"
import {
  AuthError,
  ConfigError,
  IndeterminateError,
  RetryableError,
  ValidationError,
  VendorFailedError,
  type FiscalProviderError,
} from "../../modules/fiscal/errors"
import type { DreamkasAnswer, DreamkasTransportFailure } from "./client"
import type { DreamkasApiError } from "./types"

/** Where an answer came from and whether it may have created a receipt. */
export type ErrorContext = {
  operation: string
  /**
   * True for `POST /api/receipts`: an answer that does not say "nothing was done" leaves the
   * receipt possibly created, and Dreamkas does not promise to deduplicate a resend.
   */
  mayHaveRegistered?: boolean
}

/** The API's `{status, code, message}` error of an answer, when it has one. */
export function dreamkasErrorOf(body: unknown): DreamkasApiError | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return undefined
  }
  const { status, code, message, data } = body as Record<string, unknown>
  if (typeof message !== "string" && typeof code !== "string") {
    return undefined
  }
  const error: DreamkasApiError = {
    status: typeof status === "number" ? status : undefined,
    code: typeof code === "string" ? code : undefined,
    message: typeof message === "string" ? message.trim() : undefined,
  }
  const errors = (data as { errors?: unknown } | null | undefined)?.errors
  if (Array.isArray(errors)) {
    error.data = {
      errors: errors
        .filter(
          (e): e is Record<string, unknown> => !!e && typeof e === "object"
        )
        .map((e) => ({
          field: typeof e.field === "string" ? e.field : undefined,
          message: typeof e.message === "string" ? e.message : undefined,
        })),
    }
  }
  return error
}

/** Field paths named by a validation answer, e.g. `positions[0].priceSum`. */
export function fieldsOf(error: DreamkasApiError | undefined): string[] {
  const fields = (error?.data?.errors ?? [])
    .map((e) => e.field)
    .filter((f): f is string => typeof f === "string" && f !== "")
  return [...new Set(fields)]
}

function describe(
  context: ErrorContext,
  status: number,
  error?: DreamkasApiError
): string {
  const code = error?.code ? ` ${vendorText(error.code, 64)}` : ""
  const details = (error?.data?.errors ?? [])
    .map((e) => [e.field, e.message].filter(Boolean).join(": "))
    .filter(Boolean)
  const message = vendorText(
    [error?.message, ...details].filter(Boolean).join("; ")
  )
  return `Dreamkas ${context.operation} failed: ${status}${code}${message ? ` - ${message}` : ""}`
}

/**
 * Picks the typed error for an answer that is not a success. The API documents only
 * "4xx client error, 503 Service not available" (docs/vendors/dreamkas.md, "Error codes");
 * the rest is this choice:
 * - 401/403: the token is wrong, revoked or lacks rights → {@link AuthError}.
 * - 400/422 naming `deviceId`: the configured kassa is not in the account → {@link ConfigError};
 *   naming other fields → {@link ValidationError} with the fields.
 * - 404 on a route that must exist: wrong `base_url` → {@link ConfigError}.
 * - 429 and 503: refused before any work → {@link RetryableError} (with Retry-After).
 * - other 5xx, or a 2xx that cannot be read, on a receipt POST: the receipt may exist →
 *   {@link IndeterminateError}, which makes the pipeline look it up before sending again.
 */
export function toDreamkasProviderError(
  context: ErrorContext,
  answer: DreamkasAnswer
): FiscalProviderError {
  const error = dreamkasErrorOf(answer.body)
  const init = {
    provider: "dreamkas",
    operation: context.operation,
    message: describe(context, answer.status, error),
    code: error?.code ?? String(answer.status),
    httpStatus: answer.status,
  }
  const status = answer.status
  if (status === 401 || status === 403) {
    return new AuthError(init)
  }
  if (status === 429 || status === 503) {
    return new RetryableError({ ...init, retryAfterMs: answer.retryAfterMs })
  }
  if (status >= 500 || (status >= 200 && status < 300)) {
    if (status < 300) {
      init.message = `Dreamkas ${context.operation} answered ${status} without a readable body`
    }
    return context.mayHaveRegistered
      ? new IndeterminateError(init)
      : new RetryableError({ ...init, retryAfterMs: answer.retryAfterMs })
  }
  if (status === 400 || status === 422) {
    const fields = fieldsOf(error)
    if (fields.some((field) => field === "deviceId")) {
      return new ConfigError(init)
    }
    return new ValidationError({ ...init, fields })
  }
  if (status === 404) {
    return new ConfigError({
      ...init,
      message: `${init.message}; check base_url`,
    })
  }
  return new VendorFailedError(init)
}

/**
 * No answer: a request that never left (refused, DNS, not fully written) is retryable; a
 * receipt POST that was written and then timed out or was reset is indeterminate.
 */
export function fromTransportFailure(
  context: ErrorContext,
  failure: DreamkasTransportFailure
): FiscalProviderError {
  const init = {
    provider: "dreamkas",
    operation: context.operation,
    message: `Dreamkas ${context.operation} failed: ${failure.code ?? "network error"} - ${vendorText(failure.message)}`,
    code: failure.code,
  }
  return noAnswerError(init, failure, context.mayHaveRegistered)
}
