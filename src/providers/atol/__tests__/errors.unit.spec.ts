import {
  AuthError,
  ConfigError,
  IndeterminateError,
  RetryableError,
  ValidationError,
  VendorFailedError,
} from "../../../modules/fiscal/errors"
import {
  fromTransportFailure,
  isTokenRejected,
  parseAtolFieldErrors,
  toAtolProviderError,
} from "../errors"
import { isTransientFailure } from "../kkt-failures"

function answer(status: number, code?: number, text = "text") {
  return {
    status,
    body:
      code === undefined
        ? undefined
        : { error: { error_id: "e", code, text, type: "system" } },
  }
}

const REGISTER = { operation: "sell", mayHaveRegistered: true }

describe('toAtolProviderError (docs/vendors/atol.md, "Error codes")', () => {
  it.each([
    [400, 0, RetryableError],
    [400, 1, RetryableError],
    [401, 10, AuthError],
    [401, 11, AuthError],
    [401, 12, AuthError],
    [400, 13, ValidationError],
    [403, 14, AuthError],
    [401, 20, AuthError],
    [401, 21, ConfigError],
    [400, 31, ConfigError],
    [400, 32, ValidationError],
    [400, 40, VendorFailedError],
    [415, 41, VendorFailedError],
    [500, 50, RetryableError],
    [400, 99, VendorFailedError],
    [503, 99, RetryableError],
  ])("HTTP %i code %i → %p", (status, code, type) => {
    const error = toAtolProviderError(REGISTER, answer(status, code))
    expect(error).toBeInstanceOf(type)
    expect(error.code).toBe(String(code))
    expect(error.httpStatus).toBe(status)
    expect(error.message).toBe(`ATOL sell failed: ${status} ${code} - text`)
  })

  it("429 is retryable with ATOL's Retry-After", () => {
    const error = toAtolProviderError(REGISTER, {
      status: 429,
      body: undefined,
      retryAfterMs: 1000,
    })
    expect(error).toBeInstanceOf(RetryableError)
    expect((error as RetryableError).retryAfterMs).toBe(1000)
  })

  it("carries the field list of 32", () => {
    const error = toAtolProviderError(
      REGISTER,
      answer(
        400,
        32,
        "Ошибка валидации входящего чека. Ошибочные поля : StringTooLong: #/receipt.items[0].name; NumberTooSmall: #/receipt.total"
      )
    ) as ValidationError
    expect(error.fields).toEqual(["receipt.items[0].name", "receipt.total"])
  })

  it("classifies answers without ATOL's body by status", () => {
    expect(
      toAtolProviderError(REGISTER, { status: 502, body: "<html>" })
    ).toBeInstanceOf(IndeterminateError)
    expect(
      toAtolProviderError(REGISTER, { status: 504, body: undefined })
    ).toBeInstanceOf(IndeterminateError)
    expect(
      toAtolProviderError(
        { operation: "report" },
        { status: 504, body: undefined }
      )
    ).toBeInstanceOf(RetryableError)
    expect(
      toAtolProviderError(REGISTER, { status: 503, body: undefined })
    ).toBeInstanceOf(RetryableError)
    expect(
      toAtolProviderError(REGISTER, { status: 200, body: "garbage" })
    ).toBeInstanceOf(IndeterminateError)
    expect(
      toAtolProviderError(
        { operation: "report" },
        { status: 200, body: "garbage" }
      )
    ).toBeInstanceOf(RetryableError)
    expect(
      toAtolProviderError(REGISTER, { status: 404, body: "Not Found" })
    ).toBeInstanceOf(ConfigError)
    expect(
      toAtolProviderError(REGISTER, { status: 403, body: undefined })
    ).toBeInstanceOf(AuthError)
  })

  it("recognises a rejected token only on 401 with 10 or 11", () => {
    expect(isTokenRejected(answer(401, 11))).toBe(true)
    expect(isTokenRejected(answer(401, 10))).toBe(true)
    expect(isTokenRejected(answer(401, 12))).toBe(false)
    expect(isTokenRejected(answer(400, 11))).toBe(false)
  })
})

describe("parseAtolFieldErrors", () => {
  it("reads NJsonSchema paths in both notations", () => {
    expect(
      parseAtolFieldErrors("Ошибочные поля : PatternMismatch: #/login")
    ).toEqual(["login"])
    expect(
      parseAtolFieldErrors("Ошибочные поля : NumberTooSmall: #/receipt.total")
    ).toEqual(["receipt.total"])
    expect(
      parseAtolFieldErrors("x #/receipt/items/0/name, #/receipt/items/0/name")
    ).toEqual(["receipt.items.0.name"])
    expect(parseAtolFieldErrors("no paths")).toEqual([])
  })
})

describe("fromTransportFailure", () => {
  it("a refused connection never registered anything", () => {
    expect(
      fromTransportFailure(REGISTER, {
        code: "ECONNREFUSED",
        message: "refused",
        written: false,
      })
    ).toBeInstanceOf(RetryableError)
    expect(
      fromTransportFailure(REGISTER, {
        code: "ENOTFOUND",
        message: "dns",
        written: true,
      })
    ).toBeInstanceOf(RetryableError)
  })

  it("a receipt written and then timed out or reset may be registered", () => {
    expect(
      fromTransportFailure(REGISTER, {
        code: "ETIMEDOUT",
        message: "t",
        written: true,
      })
    ).toBeInstanceOf(IndeterminateError)
    expect(
      fromTransportFailure(REGISTER, {
        code: "ECONNRESET",
        message: "r",
        written: true,
      })
    ).toBeInstanceOf(IndeterminateError)
  })

  it("a request that never finished writing, or a read, is retryable", () => {
    expect(
      fromTransportFailure(REGISTER, {
        code: "ETIMEDOUT",
        message: "t",
        written: false,
      })
    ).toBeInstanceOf(RetryableError)
    expect(
      fromTransportFailure(
        { operation: "report" },
        { code: "ETIMEDOUT", message: "t", written: true }
      )
    ).toBeInstanceOf(RetryableError)
  })
})

describe("isTransientFailure", () => {
  it.each([
    ["timeout", 1, true],
    ["agent", 2009, false],
    ["agent", 2003, false],
    ["agent", 2006, false],
    ["agent", 2004, true],
    ["driver", 1, true], // connection not established
    ["driver", 2, true], // no link
    ["driver", 68, true], // shift over 24 h
    ["driver", 241, true], // connection to the KKT lost
    ["driver", 421, true], // marking check timeout
    ["driver", 16, false], // bad price
    ["driver", 66, false], // not fully paid
    ["driver", 143, false], // wrong taxation system
    ["driver", 144, false], // bad VAT rate
    ["driver", -3897, false],
    ["driver", -1, true],
    ["system", 1, true],
    ["system", -2146233033, false],
    ["mystery", 1, false],
  ])("%s %i → %p", (type, code, transient) => {
    expect(isTransientFailure({ type, code })).toBe(transient)
  })
})
