import axios, {
  type AxiosInstance,
  type AxiosRequestConfig,
  type AxiosResponse,
  type CreateAxiosDefaults,
} from "axios"

import type { ProviderCallContext } from "../../modules/fiscal/types/provider"

/** One HTTP answer, parsed. */
export type HttpAnswer = {
  status: number
  body: unknown
  /** From `Retry-After`, in milliseconds. */
  retryAfterMs?: number
}

/** A request that got no HTTP answer. */
export type TransportFailure = {
  /** Node/axios error code, e.g. `ECONNREFUSED`, `ETIMEDOUT`, `ECONNRESET`. */
  code?: string
  message: string
  /** The whole request reached the socket, so the server may have acted on it. */
  written: boolean
}

/** An HTTP exchange ended either with an answer or without one. */
export type CallResult =
  | { kind: "answer"; answer: HttpAnswer }
  | { kind: "no_answer"; failure: TransportFailure }

/** What a secret is replaced with in reported exchanges. */
export const REDACTED = "***"

/**
 * Least time a request may start with before the caller's deadline: a request that could not
 * finish within its lease is not started at all.
 */
const MIN_REQUEST_MS = 1_000

/** Longest non-JSON answer kept for the exchange log (an HTML error page, say). */
const MAX_LOGGED_TEXT = 4000

/**
 * A function that copies a JSON value with every field named in `secretKeys` (a vendor's own
 * list) replaced by `***`; `ignoreCase` matches keys in any case (lists are then lowercase).
 */
export function secretRedactor(
  secretKeys: readonly string[],
  options: { ignoreCase?: boolean } = {}
): (value: unknown) => unknown {
  const keys = new Set(secretKeys)
  const isSecret = (key: string) =>
    keys.has(options.ignoreCase ? key.toLowerCase() : key)
  const redact = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      return value.map(redact)
    }
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value).map(([key, inner]) => [
          key,
          isSecret(key) && inner !== null && inner !== undefined
            ? REDACTED
            : redact(inner),
        ])
      )
    }
    return value
  }
  return redact
}

/** An answer body as JSON, or its (truncated) text when it is not JSON; none when empty. */
export function parseBody(text: unknown): unknown {
  if (typeof text !== "string" || text.trim() === "") {
    return undefined
  }
  try {
    return JSON.parse(text)
  } catch {
    return text.length > MAX_LOGGED_TEXT ? text.slice(0, MAX_LOGGED_TEXT) : text
  }
}

/** `Retry-After` (seconds or an HTTP date) in milliseconds from now. */
export function retryAfterMs(header: unknown): number | undefined {
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

/**
 * What went wrong with a request that got no answer. Only the code, the message and whether the
 * request was written are kept: the axios error's config holds the vendor's credentials.
 * `preferCause` reads the code and message of the underlying error first (a TLS alert wrapped
 * by axios).
 */
export function transportFailure(
  error: unknown,
  options: { preferCause?: boolean } = {}
): TransportFailure {
  const err = error as {
    code?: string
    message?: string
    request?: { writableFinished?: boolean }
    cause?: { code?: string; message?: string }
  }
  const cause = options.preferCause ? err.cause : undefined
  return {
    code: err.code === "ERR_CANCELED" ? "ETIMEDOUT" : (cause?.code ?? err.code),
    message:
      err.code === "ERR_CANCELED"
        ? "request deadline exceeded"
        : (cause?.message ?? err.message ?? String(error)),
    // `writableFinished`: the whole request was flushed to the socket, so the vendor may have
    // it — a timeout or reset after that is indeterminate, a refusal before it is retryable.
    written: err.request?.writableFinished === true,
  }
}

/**
 * The axios instance every provider talks through: plain node transport (errors then carry the
 * ClientRequest, which tells whether the request was written), no redirects, the raw text of
 * every answer whatever its status. `extra` adds a vendor's transport (an mTLS agent).
 */
export function createHttp(options: {
  timeoutMs: number
  headers: Record<string, string>
  extra?: CreateAxiosDefaults
}): AxiosInstance {
  return axios.create({
    timeout: options.timeoutMs,
    ...options.extra,
    maxRedirects: 0,
    responseType: "text",
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    transitional: { clarifyTimeoutError: true },
    headers: options.headers,
  })
}

/** One request `exchange` sends, times and reports. */
export type ExchangeCall = {
  /** The name reported in `WireExchange.operation`. */
  operation: string
  method: string
  url: string
  body?: unknown
  headers?: Record<string, string>
  /** Bounds the whole exchange, answer included. */
  timeoutMs: number
  ctx?: ProviderCallContext
  /** Scrubs request and response bodies before they are reported. */
  redact: (value: unknown) => unknown
  /** Per-request axios settings (a probe's own agent and timeout). */
  overrides?: AxiosRequestConfig
  /** Classifies a failure; default `transportFailure`. */
  failure?: (error: unknown) => TransportFailure
  /** Runs once the request has settled, before it is reported (closing a one-off agent). */
  settled?: () => void
}

/**
 * Sends one JSON request and reports it, redacted, through `ctx.onExchange`. Never throws: a
 * request without an answer comes back as `no_answer` with its transport failure.
 */
export async function exchange(
  http: AxiosInstance,
  call: ExchangeCall
): Promise<CallResult> {
  const { body, ctx, redact } = call
  const started = Date.now()
  const leaseLeft =
    ctx?.deadline === undefined ? Infinity : ctx.deadline - started
  if (leaseLeft < MIN_REQUEST_MS) {
    // the worker's lease on the receipt is (nearly) over: another worker may hold it now,
    // so nothing may reach the vendor; certainly not written, so safe to retry
    return {
      kind: "no_answer",
      failure: {
        code: "ELEASE",
        message:
          "not sent: this worker's lease on the receipt ran out before the request could start",
        written: false,
      },
    }
  }
  const timeoutMs = Math.min(call.timeoutMs, leaseLeft - MIN_REQUEST_MS / 2)
  // axios' timeout is a socket idle timer; this deadline also bounds a slowly dribbling answer.
  const deadline = new AbortController()
  const timer = setTimeout(() => deadline.abort(), timeoutMs + 50)
  timer.unref?.()
  let result: CallResult
  try {
    const response: AxiosResponse<string> = await http.request({
      method: call.method,
      url: call.url,
      data: body === undefined ? undefined : JSON.stringify(body),
      headers: call.headers,
      signal: deadline.signal,
      ...call.overrides,
      timeout: Math.min(call.overrides?.timeout ?? timeoutMs, timeoutMs),
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
    result = {
      kind: "no_answer",
      failure: (call.failure ?? transportFailure)(error),
    }
  } finally {
    clearTimeout(timer)
    call.settled?.()
  }
  ctx?.onExchange?.({
    operation: call.operation,
    method: call.method,
    url: call.url,
    request: body === undefined ? undefined : redact(body),
    response: result.kind === "answer" ? redact(result.answer.body) : undefined,
    http_status: result.kind === "answer" ? result.answer.status : undefined,
    duration_ms: Date.now() - started,
    error:
      result.kind === "no_answer"
        ? `${result.failure.code ?? "error"}: ${result.failure.message}`
        : undefined,
  })
  return result
}
