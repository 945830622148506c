import {
  IndeterminateError,
  RetryableError,
  type FiscalProviderError,
  type FiscalProviderErrorInit,
} from "../../modules/fiscal/errors"
import type { TransportFailure } from "./http-exchange"

/** Network-level failure codes that mean no connection was made, so nothing was sent. */
const NOT_CONNECTED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ERR_INVALID_URL",
])

/** Whether the request certainly never reached the vendor (refused, DNS, not fully written). */
export function neverSent(failure: TransportFailure): boolean {
  return (
    (failure.code !== undefined && NOT_CONNECTED.has(failure.code)) ||
    !failure.written
  )
}

/**
 * A request without an answer: retryable when it never left; indeterminate when it may have
 * registered a receipt (`mayHaveRegistered`) and was written before the timeout or reset — the
 * vendor may have it, so repeating blindly could fiscalize twice. `init` carries the vendor's
 * message.
 */
export function noAnswerError(
  init: FiscalProviderErrorInit,
  failure: TransportFailure,
  mayHaveRegistered: boolean | undefined
): FiscalProviderError {
  if (mayHaveRegistered && !neverSent(failure)) {
    return new IndeterminateError(init)
  }
  return new RetryableError(init)
}
