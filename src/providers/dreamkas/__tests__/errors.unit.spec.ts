import type { AxiosInstance } from "axios"

import {
  AuthError,
  ConfigError,
  IndeterminateError,
  RetryableError,
  ValidationError,
  VendorFailedError,
} from "../../../modules/fiscal/errors"
import { DreamkasClient, redactCallbackUrl, redactSecrets } from "../client"
import { fromTransportFailure, toDreamkasProviderError } from "../errors"
import { isTransientOperationError } from "../operation-failures"
import { DreamkasFiscalProvider, decisiveOperation } from "../service"
import { TEST_COMPANY, saleDocument } from "./fixtures"

type Reply = { status: number; body?: unknown }

/** A provider whose HTTP layer answers from `reply(method, path)`, for answers the emulator never gives. */
function stubbed(reply: (method: string, path: string) => Reply) {
  const calls: string[] = []
  const http = {
    request: async (config: { method: string; url: string }) => {
      const path = config.url.replace("https://kabinet.dreamkas.ru/api", "")
      calls.push(`${config.method} ${path}`)
      const { status, body } = reply(config.method, path)
      return {
        status,
        data:
          body === undefined
            ? ""
            : typeof body === "string"
              ? body
              : JSON.stringify(body),
        headers: {},
      }
    },
  } as unknown as AxiosInstance
  const options = DreamkasFiscalProvider.parseConfig({
    token: "t0k3n",
    device_id: 1,
  })
  const client = new DreamkasClient(
    {
      apiBase: "https://kabinet.dreamkas.ru/api",
      token: "t0k3n",
      timeoutMs: 100,
    },
    http
  )
  return { provider: new DreamkasFiscalProvider({}, options, client), calls }
}

const register = (provider: DreamkasFiscalProvider) =>
  provider.register({
    externalId: "ftx_1:0",
    document: saleDocument(),
    company: TEST_COMPANY,
  })

const OPERATION = {
  id: "0123456789abcdef0123456789abcdef",
  externalId: "ftx_1:0",
  createdAt: "2026-03-14T10:16:05.123000",
}

describe("answers the emulator never gives", () => {
  it("a 2xx receipt answer without an operation → Indeterminate", async () => {
    const { provider } = stubbed(() => ({
      status: 200,
      body: "<html>ok</html>",
    }))
    await expect(register(provider)).rejects.toBeInstanceOf(IndeterminateError)
  })

  it("a 404 on POST /api/receipts → ConfigError (wrong base_url)", async () => {
    const { provider } = stubbed(() => ({ status: 404, body: "Not Found" }))
    const error = await register(provider).catch((e) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toMatch(/check base_url/)
  })

  it("a 502 from a gateway → Indeterminate; a 413 → VendorFailed", async () => {
    expect(
      await register(stubbed(() => ({ status: 502 })).provider).catch((e) => e)
    ).toBeInstanceOf(IndeterminateError)
    expect(
      await register(stubbed(() => ({ status: 413 })).provider).catch((e) => e)
    ).toBeInstanceOf(VendorFailedError)
  })

  it("409 whose lookup finds nothing, or fails → Indeterminate: resolved by check() later", async () => {
    const empty = stubbed((method) =>
      method === "POST"
        ? { status: 409, body: { status: 409, code: "CONFLICT" } }
        : { status: 200, body: [] }
    )
    expect(await register(empty.provider).catch((e) => e)).toBeInstanceOf(
      IndeterminateError
    )
    const failing = stubbed((method) =>
      method === "POST" ? { status: 409 } : { status: 500 }
    )
    const error = await register(failing.provider).catch((e) => e)
    expect(error).toBeInstanceOf(IndeterminateError)
    expect(error.message).toMatch(
      /409 - externalId ftx_1:0 exists; Dreamkas operations failed: 500/
    )
  })

  it.each([
    [
      "SUCCESS without a receiptId",
      { ...OPERATION, status: "SUCCESS" },
      undefined,
    ],
    [
      "SUCCESS whose receipt is not in the read model yet",
      { ...OPERATION, status: "SUCCESS", data: { receiptId: "r1" } },
      { status: 404 },
    ],
    [
      "SUCCESS whose receipt lacks ФП",
      { ...OPERATION, status: "SUCCESS", data: { receiptId: "r1" } },
      { status: 200, body: { id: "r1", fiscalDocumentNumber: "5" } },
    ],
  ])("%s → wait", async (_name, operation, receipt) => {
    const { provider } = stubbed((_m, path) =>
      path.startsWith("/receipts/")
        ? (receipt as Reply)
        : { status: 200, body: operation }
    )
    expect(
      await provider.check({
        externalId: "ftx_1:0",
        vendorDocumentId: OPERATION.id,
      })
    ).toEqual({ kind: "wait" })
  })

  it("an unknown operation status, or a list that is not one, is retryable — never not_found", async () => {
    const odd = stubbed(() => ({
      status: 200,
      body: { ...OPERATION, status: "CANCELLED_MAYBE" },
    }))
    await expect(
      odd.provider.check({
        externalId: "ftx_1:0",
        vendorDocumentId: OPERATION.id,
      })
    ).rejects.toBeInstanceOf(RetryableError)
    const notList = stubbed(() => ({ status: 200, body: { items: [] } }))
    await expect(
      notList.provider.check({ externalId: "ftx_1:0" })
    ).rejects.toBeInstanceOf(RetryableError)
  })

  it("a list Dreamkas did not filter proves nothing about absence: ConfigError, never not_found", async () => {
    const other = { ...OPERATION, externalId: "ftx_2:0", status: "SUCCESS" }
    const unfiltered = stubbed(() => ({ status: 200, body: [other] }))
    const error = await unfiltered.provider
      .check({ externalId: "ftx_1:0" })
      .catch((e) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toMatch(/ignored the externalId filter/)
    const mixed = stubbed(() => ({
      status: 200,
      body: [other, { ...OPERATION, status: "PENDING" }],
    }))
    expect(await mixed.provider.check({ externalId: "ftx_1:0" })).toEqual({
      kind: "wait",
      vendorDocumentId: OPERATION.id,
    })
  })
})

describe("decisiveOperation", () => {
  it("prefers SUCCESS, then running, then ERROR; the newest breaks ties", () => {
    const op = (id: string, status: string, createdAt: string) => ({
      id,
      status,
      createdAt,
      externalId: "x",
    })
    expect(
      decisiveOperation(
        [
          op("a", "ERROR", "3"),
          op("b", "SUCCESS", "1"),
          op("c", "PENDING", "2"),
        ],
        "x"
      )?.id
    ).toBe("b")
    expect(
      decisiveOperation(
        [op("a", "ERROR", "3"), op("c", "IN_PROGRESS", "2")],
        "x"
      )?.id
    ).toBe("c")
    expect(
      decisiveOperation([op("a", "ERROR", "1"), op("b", "ERROR", "2")], "x")?.id
    ).toBe("b")
    expect(decisiveOperation([op("a", "SUCCESS", "1")], "y")).toBeUndefined()
  })
})

describe("classification", () => {
  const answer = (status: number, body?: unknown) => ({ status, body })
  it.each([
    [401, undefined, AuthError],
    [403, undefined, AuthError],
    [429, undefined, RetryableError],
    [503, undefined, RetryableError],
    [500, undefined, IndeterminateError],
    [
      400,
      {
        code: "VALIDATION_ERROR",
        message: "x",
        data: { errors: [{ field: "positions[0].name", message: "y" }] },
      },
      ValidationError,
    ],
    [
      400,
      {
        code: "VALIDATION_ERROR",
        message: "x",
        data: { errors: [{ field: "deviceId", message: "y" }] },
      },
      ConfigError,
    ],
    [400, { code: "BAD_REQUEST", message: "Content-Type" }, ValidationError],
    [404, undefined, ConfigError],
  ])("a receipt POST answered %i %j → %p", (status, body, type) => {
    expect(
      toDreamkasProviderError(
        { operation: "receipt", mayHaveRegistered: true },
        answer(status, body)
      )
    ).toBeInstanceOf(type)
  })

  it("a 500 on a read is only retryable", () => {
    expect(
      toDreamkasProviderError({ operation: "operation" }, answer(500))
    ).toBeInstanceOf(RetryableError)
  })

  it.each([
    [
      { code: "ECONNREFUSED", message: "x", written: false },
      true,
      RetryableError,
    ],
    [
      { code: "ECONNRESET", message: "x", written: false },
      true,
      RetryableError,
    ],
    [
      { code: "ECONNRESET", message: "x", written: true },
      true,
      IndeterminateError,
    ],
    [
      { code: "ETIMEDOUT", message: "x", written: true },
      true,
      IndeterminateError,
    ],
    [{ code: "ETIMEDOUT", message: "x", written: true }, false, RetryableError],
  ])("no answer %j (receipt: %p) → %p", (failure, mayHaveRegistered, type) => {
    expect(
      fromTransportFailure({ operation: "receipt", mayHaveRegistered }, failure)
    ).toBeInstanceOf(type)
  })

  it.each([
    [{ code: "RECEIPT_TIMEOUT" }, true],
    [{ code: "SHIFT_EXPIRED" }, true],
    [{ code: "INTERNAL_ERROR" }, true],
    [{ code: "FN_ERROR", message: "timeout" }, false],
    [{ code: "TAX_MODE_NOT_SUPPORTED" }, false],
    [{ code: "KKT_REJECTED" }, false],
    [{ code: "E42", message: "Касса не в сети" }, true],
    [{ code: 17, message: "Неизвестно" }, false],
    [{}, false],
  ])("operation error %j transient: %p", (error, transient) => {
    expect(isTransientOperationError(error)).toBe(transient)
  })
})

describe("redaction", () => {
  it("replaces tokens at any depth and the secret tail of callback URLs", () => {
    expect(
      redactSecrets({
        a: { token: "x", Authorization: "Bearer y" },
        list: [{ password: "p" }],
      })
    ).toEqual({
      a: { token: "***", Authorization: "***" },
      list: [{ password: "***" }],
    })
    expect(
      redactCallbackUrl("https://shop.ru/hooks/fiscal/dreamkas/abc123")
    ).toBe("https://shop.ru/hooks/fiscal/dreamkas/***")
    expect(
      redactCallbackUrl("https://shop.ru/hooks/fiscal/dreamkas/abc123?x=1")
    ).toBe("https://shop.ru/hooks/fiscal/dreamkas/***?x=1")
  })

  it("sends the token only in the Authorization header", async () => {
    const seen: unknown[] = []
    const http = {
      request: async (config: unknown) => {
        seen.push(config)
        return { status: 200, data: "[]", headers: {} }
      },
    } as unknown as AxiosInstance
    const exchanges: unknown[] = []
    await new DreamkasClient(
      { apiBase: "https://k/api", token: "t0k3n", timeoutMs: 100 },
      http
    ).listDevices({
      onExchange: (e) => exchanges.push(e),
    })
    expect(seen[0]).toMatchObject({
      headers: { Authorization: "Bearer t0k3n" },
      url: "https://k/api/devices",
    })
    expect(JSON.stringify(exchanges)).not.toContain("t0k3n")
  })
})
