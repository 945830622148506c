import {
  AuthError,
  ConfigError,
  IndeterminateError,
  RetryableError,
  ValidationError,
} from "../../../modules/fiscal/errors"
import {
  fromTransportFailure,
  modulErrorDetails,
  toModulProviderError,
} from "../errors"

const send = {
  operation: "send",
  mayHaveRegistered: true,
  credentials: "service" as const,
}
const status = { operation: "status", credentials: "service" as const }

describe("answers → typed errors", () => {
  it.each([
    [send, 429, RetryableError],
    [send, 503, RetryableError],
    [send, 500, IndeterminateError],
    [send, 502, IndeterminateError],
    [send, 504, IndeterminateError],
    [status, 500, RetryableError],
    [send, 401, AuthError],
    [send, 403, AuthError],
    [send, 400, ValidationError],
    [send, 404, ConfigError],
    [send, 415, ConfigError],
    [send, 204, IndeterminateError],
    [status, 204, RetryableError],
  ] as const)("%j %i → %p", (context, code, type) => {
    expect(
      toModulProviderError(context, { status: code, body: undefined })
    ).toBeInstanceOf(type)
  })

  it("passes Retry-After on", () => {
    expect(
      toModulProviderError(send, {
        status: 429,
        body: undefined,
        retryAfterMs: 2000,
      })
    ).toMatchObject({ retryAfterMs: 2000 })
  })

  it("tells account credentials from service credentials", () => {
    expect(
      toModulProviderError(
        { operation: "associate", credentials: "account" },
        { status: 401, body: undefined }
      ).message
    ).toMatch(/account login or password is wrong/)
    expect(
      toModulProviderError(send, { status: 401, body: undefined }).message
    ).toMatch(/Associate again/)
  })

  it("reads what a 400 body may carry", () => {
    expect(
      modulErrorDetails({
        message: "Bad",
        errors: [{ field: "email", message: "invalid" }, "other"],
      })
    ).toEqual({
      message: "email: invalid; other",
      fields: ["email"],
    })
    expect(
      modulErrorDetails({
        timestamp: "t",
        status: 400,
        error: "Bad Request",
        path: "/api/fn/v2/doc",
      })
    ).toEqual({
      message: "Bad Request",
      fields: [],
    })
    // a page that is not МодульКасса's JSON is never quoted (it stays in the exchange log)
    expect(modulErrorDetails("plain text")).toEqual({
      message: "an answer that is not JSON",
      fields: [],
    })
    expect(modulErrorDetails(undefined)).toEqual({ fields: [] })
  })
})

describe("no answer", () => {
  it.each([
    [
      { code: "ECONNREFUSED", message: "refused", written: false },
      send,
      RetryableError,
    ],
    [
      { code: "ETIMEDOUT", message: "timeout", written: false },
      send,
      RetryableError,
    ],
    [
      { code: "ETIMEDOUT", message: "timeout", written: true },
      send,
      IndeterminateError,
    ],
    [
      { code: "ECONNRESET", message: "reset", written: true },
      send,
      IndeterminateError,
    ],
    [
      { code: "ECONNRESET", message: "reset", written: true },
      status,
      RetryableError,
    ],
  ] as const)("%j on %j → %p", (failure, context, type) => {
    expect(fromTransportFailure(context, failure)).toBeInstanceOf(type)
  })
})
