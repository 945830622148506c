import http from "node:http"
import type { AddressInfo } from "node:net"
import { AtolFiscalProvider } from "../../atol/service"
import { DreamkasFiscalProvider } from "../../dreamkas/service"
import { MAX_VENDOR_TEXT, vendorText } from "../../kit"
import { MAX_CONNECTION_MESSAGE } from "../../kit/vendor-text"
import { ModulKassaFiscalProvider } from "../../modulkassa/service"
import { TEST_TIMEOUT_MS } from "./spec-helpers"

/**
 * A connection test can be pointed at any URL. Whatever that URL answers, the message shown
 * quotes at most a short piece of a vendor's own error wording and never a raw page, so the
 * test cannot be used to read another server's answers.
 */

const PAGE = `<html><body>${"PAGE-MARKER ".repeat(800)}</body></html>`
const WORDS = "JSON-MARKER ".repeat(800)
/** Every field a vendor's error is read from, each holding a long text. */
const JSON_BODY = {
  error: { code: 13, text: WORDS, type: "system" },
  code: WORDS,
  message: WORDS,
  status: 400,
  errors: [{ field: "f", message: WORDS }, WORDS],
  data: { errors: [{ field: "f", message: WORDS }] },
  ErrorDescription: WORDS,
  FCEError: 1,
}

type Answer = { status: number; json: boolean }

let answer: Answer = { status: 400, json: true }
let server: http.Server
let url: string

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume()
    req.on("end", () => {
      const body = answer.json ? JSON.stringify(JSON_BODY) : PAGE
      res
        .writeHead(answer.status, {
          "content-type": answer.json ? "application/json" : "text/html",
        })
        .end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const providers = {
  atol: () =>
    new AtolFiscalProvider(
      {},
      AtolFiscalProvider.parseConfig({
        login: "shop",
        password: "pass-word",
        group: "group",
        base_url: url,
        kassa_count: 1000,
        timeout_ms: TEST_TIMEOUT_MS,
      })
    ),
  dreamkas: () =>
    new DreamkasFiscalProvider(
      {},
      DreamkasFiscalProvider.parseConfig({
        token: "token-value",
        device_id: 1,
        base_url: url,
        timeout_ms: TEST_TIMEOUT_MS,
      })
    ),
  modulkassa: () =>
    new ModulKassaFiscalProvider(
      {},
      ModulKassaFiscalProvider.parseConfig({
        retail_point_id: "point",
        service_user: "user",
        service_password: "service-pass",
        base_url: url,
        timeout_ms: TEST_TIMEOUT_MS,
      })
    ),
}

const answers: Answer[] = [200, 400, 401, 403, 404, 422, 500, 503].flatMap(
  (status) => [
    { status, json: true },
    { status, json: false },
  ]
)

describe("connection test messages quote another server's answer only briefly", () => {
  it.each(
    Object.keys(providers).flatMap((vendor) =>
      answers.map((a) => [vendor, a.status, a.json ? "json" : "page"] as const)
    )
  )("%s, HTTP %s with a %s", async (vendor, status, kind) => {
    answer = { status, json: kind === "json" }
    const result =
      await providers[vendor as keyof typeof providers]().testConnection()
    expect(result.message.length).toBeLessThanOrEqual(MAX_CONNECTION_MESSAGE)
    expect(result.message).not.toContain("PAGE-MARKER")
    expect(result.message).not.toMatch(/[\r\n]/)
    const quoted = result.message.split("JSON-MARKER").length - 1
    expect(quoted * "JSON-MARKER ".length).toBeLessThanOrEqual(
      2 * MAX_VENDOR_TEXT
    )
  })
})

describe("vendorText", () => {
  it("puts a vendor's text on one bounded line", () => {
    expect(vendorText("  a\r\n\tb\u0000c\u202e ")).toBe("a b c")
    const long = vendorText("x".repeat(1000))
    expect(long).toHaveLength(MAX_VENDOR_TEXT)
    expect(long.endsWith("…")).toBe(true)
    expect(vendorText(undefined)).toBe("")
  })
})
