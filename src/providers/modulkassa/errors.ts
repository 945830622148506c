import { noAnswerError } from "../_shared/transport-errors"
import { vendorText } from "../kit/vendor-text"
import type { HttpAnswer, TransportFailure } from "../_shared/http-exchange"
import {
  AuthError,
  ConfigError,
  IndeterminateError,
  RetryableError,
  ValidationError,
  type FiscalProviderError,
} from "../../modules/fiscal/errors"

/** One HTTP answer of МодульКасса, already parsed. */
export type ModulAnswer = HttpAnswer

/** A request to МодульКасса that got no HTTP answer. */
export type ModulTransportFailure = TransportFailure

/** Which call failed, for the message and the error class. */
export type ModulErrorContext = {
  operation: string
  /** True for the document POST: a failed answer may still mean the document was stored. */
  mayHaveRegistered?: boolean
  /** Whose credentials the call carried: the account's (associate) or the association's. */
  credentials?: "account" | "service"
}

/**
 * Details of a 4xx. The doc promises no body on 400
 * (docs/vendors/modulkassa.md, "Error codes"); a server that sends one anyway (`message`,
 * `errors[{field, message}]`, Spring's `error`) is read for the message.
 */
export function modulErrorDetails(body: unknown): {
  message?: string
  fields: string[]
} {
  if (typeof body === "string") {
    // a text or HTML page is not МодульКасса's answer: it is kept in the exchange log, never
    // quoted in a message (a connection test may point at any URL)
    return {
      message: body.trim() ? "an answer that is not JSON" : undefined,
      fields: [],
    }
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return { fields: [] }
  }
  const record = body as Record<string, unknown>
  const fields: string[] = []
  const texts: string[] = []
  if (Array.isArray(record.errors)) {
    for (const entry of record.errors) {
      if (entry && typeof entry === "object") {
        const { field, message } = entry as {
          field?: unknown
          message?: unknown
        }
        if (typeof field === "string" && field !== "") {
          fields.push(field)
        }
        if (typeof message === "string" && message !== "") {
          texts.push(
            typeof field === "string" && field !== ""
              ? `${field}: ${message}`
              : message
          )
        }
      } else if (typeof entry === "string") {
        texts.push(entry)
      }
    }
  }
  const message =
    texts.length > 0
      ? texts.join("; ")
      : typeof record.message === "string" && record.message !== ""
        ? record.message
        : typeof record.error === "string"
          ? record.error
          : undefined
  return { message, fields: [...new Set(fields)] }
}

function describe(
  context: ModulErrorContext,
  status: number,
  detail?: string
): string {
  return `МодульКасса ${context.operation} failed: ${status}${detail ? ` - ${vendorText(detail)}` : ""}`
}

/**
 * Picks the typed error for a МодульКасса answer that is not a success. The doc lists only
 * 200/400/401/403 (404 for associate); everything else is classified by HTTP meaning:
 * - 429 and 503 say the server refused to work: nothing was stored, resend later;
 * - any other 5xx of the document POST may come after the document was stored, and
 *   МодульКасса's duplicate-id rule is unknown, so the caller resolves it by id first;
 * - 401/403: credentials; 404: a wrong base URL.
 */
export function toModulProviderError(
  context: ModulErrorContext,
  answer: ModulAnswer
): FiscalProviderError {
  const details = modulErrorDetails(answer.body)
  const init = {
    provider: "modulkassa",
    operation: context.operation,
    message: describe(context, answer.status, details.message),
    code: String(answer.status),
    httpStatus: answer.status,
  }
  const { status } = answer
  if (status === 429 || status === 503) {
    return new RetryableError({ ...init, retryAfterMs: answer.retryAfterMs })
  }
  if (status >= 500) {
    return context.mayHaveRegistered
      ? new IndeterminateError({
          ...init,
          message: `${init.message}; the document may have been stored, it is looked up by id before any resend`,
        })
      : new RetryableError({ ...init, retryAfterMs: answer.retryAfterMs })
  }
  if (status === 401) {
    return new AuthError({
      ...init,
      message:
        context.credentials === "account"
          ? `${init.message}: the account login or password is wrong`
          : `${init.message}: the service credentials were refused; they stop working when the retail point is associated again elsewhere. Associate again.`,
    })
  }
  if (status === 403) {
    return new AuthError({
      ...init,
      message:
        context.credentials === "account"
          ? `${init.message}: the account has no rights to this retail point`
          : `${init.message}: the service user has no rights for this operation`,
    })
  }
  if (status === 400) {
    return new ValidationError({
      ...init,
      message: details.message
        ? init.message
        : `${init.message} - МодульКасса rejected the document without details (check the buyer contact, VAT tags, payment objects and sums)`,
      fields: details.fields,
    })
  }
  if (status >= 200 && status < 300) {
    const message = `МодульКасса ${context.operation} answered ${status} without a readable body`
    return context.mayHaveRegistered
      ? new IndeterminateError({ ...init, message })
      : new RetryableError({ ...init, message })
  }
  return new ConfigError({
    ...init,
    message: `${init.message}: unexpected HTTP ${status}; check host/base_url (the API base ends in /api/fn or /fn)`,
  })
}

/**
 * No answer: a request that never left (refused, DNS) is retryable; a document POST that
 * was written and then timed out or was reset is indeterminate — МодульКасса may have it.
 */
export function fromTransportFailure(
  context: ModulErrorContext,
  failure: ModulTransportFailure
): FiscalProviderError {
  const init = {
    provider: "modulkassa",
    operation: context.operation,
    message: `МодульКасса ${context.operation} failed: ${failure.code ?? "network error"} - ${vendorText(failure.message)}`,
    code: failure.code,
  }
  return noAnswerError(init, failure, context.mayHaveRegistered)
}
