/**
 * Typed failures of a vendor call. The pipeline decides from the class alone what to do
 * with the receipt, so a provider must pick the class carefully:
 * a wrong `RetryableError` for a request that reached the vendor can make a duplicate.
 */

import type { ReceiptErrorKind } from "../../types/lists"

/**
 * Which way a failure sends the receipt: one of the receipt's error kinds, or `auth`
 * (refused credentials), which the receipt records as `config`.
 */
export type FiscalErrorKind = ReceiptErrorKind | "auth"

export type FiscalProviderErrorInit = {
  provider: string
  operation: string
  message: string
  code?: string
  httpStatus?: number
  cause?: unknown
}

/** Base class of every provider failure. */
export abstract class FiscalProviderError extends Error {
  abstract readonly kind: FiscalErrorKind
  readonly provider: string
  readonly operation: string
  /** The vendor's error code, when it gave one. */
  readonly code?: string
  readonly httpStatus?: number

  constructor(init: FiscalProviderErrorInit) {
    super(init.message)
    this.name = new.target.name
    this.provider = init.provider
    this.operation = init.operation
    this.code = init.code
    this.httpStatus = init.httpStatus
    if (init.cause !== undefined) {
      ;(this as { cause?: unknown }).cause = init.cause
    }
  }
}

/** The request certainly did not register anything (5xx, 429, connection refused): send again later. */
export class RetryableError extends FiscalProviderError {
  readonly kind = "retryable" as const
  /** Vendor's hint (Retry-After), in milliseconds. */
  readonly retryAfterMs?: number
  constructor(init: FiscalProviderErrorInit & { retryAfterMs?: number }) {
    super(init)
    this.retryAfterMs = init.retryAfterMs
  }
}

/** The request may have reached the vendor (timeout, reset after writing): resolve before resending anew. */
export class IndeterminateError extends FiscalProviderError {
  readonly kind = "indeterminate" as const
}

/** Credentials were refused (wrong login/password, blocked user, foreign group). */
export class AuthError extends FiscalProviderError {
  readonly kind = "auth" as const
}

/** The vendor rejected the document before registering it; `fields` names what is wrong. */
export class ValidationError extends FiscalProviderError {
  readonly kind = "invalid_data" as const
  readonly fields: string[]
  constructor(init: FiscalProviderErrorInit & { fields?: string[] }) {
    super(init)
    this.fields = init.fields ?? []
  }
}

/** The vendor refused the operation for a reason that is not the document's data. */
export class VendorFailedError extends FiscalProviderError {
  readonly kind = "vendor_failed" as const
}

/** The connection settings are incomplete or contradictory (missing group, wrong API version). */
export class ConfigError extends FiscalProviderError {
  readonly kind = "config" as const
}

/** Narrows an unknown thrown value to a provider error. */
export function isFiscalProviderError(e: unknown): e is FiscalProviderError {
  return e instanceof FiscalProviderError
}

/** Why a connection could not be set up. */
export type ProviderSetupProblem = "not_installed" | "invalid_config"

/**
 * A receipt's provider cannot be used with the current settings: its id is not among the
 * registered providers, or its connection settings do not pass its validation. The message
 * is for the admin and names the field and the rule, never a value.
 */
export class ProviderSetupError extends Error {
  readonly providerId: string
  readonly problem: ProviderSetupProblem

  constructor(
    providerId: string,
    problem: ProviderSetupProblem,
    message: string
  ) {
    super(message)
    this.name = "ProviderSetupError"
    this.providerId = providerId
    this.problem = problem
  }
}
