import https from "node:https"

import { CHECKONLINE_TEST_CA_CERTIFICATE } from "medusa-fiscal-emulator/checkonline"
import {
  AuthError,
  ConfigError,
  IndeterminateError,
  RetryableError,
  ValidationError,
  VendorFailedError,
} from "../../../modules/fiscal/errors"
import {
  fieldsOf,
  fromTransportFailure,
  isCertificateRefusal,
  toCheckonlineError,
  type CheckonlineTransportFailure,
} from "../errors"
import { startTestEmulator } from "./harness"

const register = { operation: "register", mayHaveRegistered: true }
const cloud = (
  FCEError: number,
  Fatal?: boolean,
  ErrorDescription = "описание"
) => ({
  status: 500,
  body: { FCEError, Fatal, ErrorDescription, LogRequestId: "abc" },
})

describe('answers → typed errors (the cache decides: docs/vendors/checkonline.md, "Error codes")', () => {
  it.each([
    ["cloud error, Fatal: false", cloud(6, false), RetryableError, "fce_6"],
    ["cloud error without Fatal", cloud(6), RetryableError, "fce_6"],
    [
      "cloud error 5 (no free device)",
      cloud(5, false),
      RetryableError,
      "fce_5",
    ],
    ["fatal bad format", cloud(1, true), ValidationError, "fce_1"],
    ["fatal invalid field", cloud(2, true), ValidationError, "fce_2"],
    ["fatal payment mismatch", cloud(8, true), ValidationError, "fce_8"],
    ["fatal unknown group/certificate", cloud(3, true), AuthError, "fce_3"],
    ["fatal unknown device", cloud(4, true), ConfigError, "fce_4"],
    ["fatal unknown code", cloud(99, true), VendorFailedError, "fce_99"],
    [
      "passing device error 17",
      {
        status: 200,
        body: { Response: { Error: 17, ErrorMessages: ["нет связи"] } },
      },
      RetryableError,
      "device_17",
    ],
    [
      "passing device error 254",
      { status: 200, body: { Response: { Error: 254 } } },
      RetryableError,
      "device_254",
    ],
    [
      "final device error",
      { status: 200, body: { Response: { Error: 69, ErrorMessages: ["x"] } } },
      VendorFailedError,
      "device_69",
    ],
    [
      "nginx: no certificate",
      {
        status: 400,
        body: "<html>400 No required SSL certificate was sent</html>",
      },
      AuthError,
      "certificate",
    ],
    [
      "nginx: bad certificate",
      { status: 400, body: "<center>The SSL certificate error</center>" },
      AuthError,
      "certificate",
    ],
    ["495", { status: 495, body: undefined }, AuthError, "certificate"],
    ["403", { status: 403, body: undefined }, AuthError, "certificate"],
    [
      "429",
      { status: 429, body: undefined, retryAfterMs: 2000 },
      RetryableError,
      undefined,
    ],
    [
      "503 without a body",
      { status: 503, body: "Service Unavailable" },
      RetryableError,
      undefined,
    ],
    [
      "504 from a gateway",
      { status: 504, body: undefined },
      IndeterminateError,
      undefined,
    ],
    [
      "200 without a receipt",
      { status: 200, body: "<html>" },
      IndeterminateError,
      undefined,
    ],
    ["404", { status: 404, body: undefined }, ConfigError, undefined],
  ])("%s", (_name, answer, type, code) => {
    const error = toCheckonlineError(register, answer)
    expect(error).toBeInstanceOf(type)
    expect(error.code).toBe(code)
  })

  it("keeps Retry-After and names the cloud's log id", () => {
    const error = toCheckonlineError(register, {
      ...cloud(6, false),
      retryAfterMs: 1500,
    }) as RetryableError
    expect(error.retryAfterMs).toBe(1500)
    expect(error.message).toBe(
      "Checkonline register failed: cloud error 6 - описание [LogRequestId abc]"
    )
  })

  it("reads field paths out of a cloud error description", () => {
    expect(
      fieldsOf(
        "Неверное значение параметра: Lines[0].Qty (ожидается целое); NonCash[1] (x); Lines (y); Unknown (z)"
      )
    ).toEqual(["Lines[0].Qty", "NonCash[1]", "Lines"])
    const error = toCheckonlineError(
      register,
      cloud(2, true, "Неверное значение параметра: PhoneOrEmail (нет)")
    ) as ValidationError
    expect(error.fields).toEqual(["PhoneOrEmail"])
  })
})

describe("no answer → typed errors", () => {
  const failure = (
    code: string,
    written: boolean,
    message = "x"
  ): CheckonlineTransportFailure => ({ code, written, message })

  it.each([
    ["refused connection", failure("ECONNREFUSED", false), RetryableError],
    ["unknown host", failure("ENOTFOUND", false), RetryableError],
    ["timeout after writing", failure("ETIMEDOUT", true), IndeterminateError],
    ["timeout before writing", failure("ETIMEDOUT", false), RetryableError],
    [
      "reset after writing",
      failure("ECONNRESET", true, "socket hang up"),
      IndeterminateError,
    ],
    [
      "TLS 1.3 certificate_required alert",
      failure("ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED", true),
      AuthError,
    ],
    [
      "TLS unknown_ca alert",
      failure("ERR_SSL_TLSV1_ALERT_UNKNOWN_CA", false),
      AuthError,
    ],
    [
      "TLS 1.2 handshake failure",
      failure(
        "EPROTO",
        true,
        "ssl3_read_bytes:sslv3 alert handshake failure:SSL alert number 40"
      ),
      AuthError,
    ],
    [
      "untrusted server",
      failure("SELF_SIGNED_CERT_IN_CHAIN", false),
      ConfigError,
    ],
    [
      "wrong host name",
      failure("ERR_TLS_CERT_ALTNAME_INVALID", false),
      ConfigError,
    ],
    [
      "plain http server",
      failure("ERR_SSL_WRONG_VERSION_NUMBER", false),
      ConfigError,
    ],
  ])("%s", (_name, input, type) => {
    expect(fromTransportFailure(register, input)).toBeInstanceOf(type)
  })

  it("a status probe that times out is only retryable: it registers nothing", () => {
    expect(
      fromTransportFailure({ operation: "probe" }, failure("ETIMEDOUT", true))
    ).toBeInstanceOf(RetryableError)
  })

  it("the emulator's TLS layer answers a missing certificate with an alert the provider recognizes", async () => {
    const emulator = await startTestEmulator()
    try {
      const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
        const req = https.request(
          `${emulator.endpoint}`,
          { method: "POST", ca: CHECKONLINE_TEST_CA_CERTIFICATE },
          () => resolve(new Error("answered") as NodeJS.ErrnoException)
        )
        req.on("error", resolve)
        req.end("{}")
      })
      expect(error.code).toBe("ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED")
      const classified = fromTransportFailure(register, {
        code: error.code,
        message: error.message,
        written: true,
      })
      expect(
        isCertificateRefusal({
          code: error.code,
          message: error.message,
          written: true,
        })
      ).toBe(true)
      expect(classified).toBeInstanceOf(AuthError)
      expect(classified.message).toMatch(/the certificate was refused/)
    } finally {
      await emulator.close()
    }
  })
})
