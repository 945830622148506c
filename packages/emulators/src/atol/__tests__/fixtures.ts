import http from "node:http"
import type { AddressInfo } from "node:net"

import { ATOL_TEST_ACCOUNTS, ATOL_TEST_INN } from "../accounts"

export const V4 = {
  login: ATOL_TEST_ACCOUNTS[0].login,
  password: ATOL_TEST_ACCOUNTS[0].password,
  group: ATOL_TEST_ACCOUNTS[0].groups[0].code,
}
export const V5 = {
  login: ATOL_TEST_ACCOUNTS[1].login,
  password: ATOL_TEST_ACCOUNTS[1].password,
  group: ATOL_TEST_ACCOUNTS[1].groups[0].code,
}

let counter = 0
export function nextExternalId(prefix = "ext"): string {
  counter += 1
  return `${prefix}-${counter}`
}

type Overrides = {
  receipt?: Record<string, unknown>
  root?: Record<string, unknown>
}

/** A valid v5 sale of 2 × 100.00 + 300.00 shipping, paid cashless. */
export function v5Sell(externalId: string, overrides: Overrides = {}) {
  return {
    external_id: externalId,
    timestamp: "14.03.2026 10:16:05",
    ...overrides.root,
    receipt: {
      client: { email: "buyer@example.com" },
      company: {
        email: "shop@example.com",
        sno: "osn",
        inn: ATOL_TEST_INN,
        payment_address: "https://v5.online.atol.ru",
      },
      items: [
        {
          name: "Чайник",
          price: 100,
          quantity: 2,
          sum: 200,
          measure: 0,
          payment_method: "full_payment",
          payment_object: 1,
          vat: { type: "vat22", sum: 36.07 },
        },
        {
          name: "Доставка",
          price: 300,
          quantity: 1,
          sum: 300,
          measure: 0,
          payment_method: "full_payment",
          payment_object: 4,
          vat: { type: "vat22", sum: 54.1 },
        },
      ],
      payments: [{ type: 1, sum: 500 }],
      vats: [{ type: "vat22", sum: 90.17 }],
      total: 500,
      ...overrides.receipt,
    },
  }
}

/** A valid v4 sale of one 2490.00 position. */
export function v4Sell(externalId: string, overrides: Overrides = {}) {
  return {
    external_id: externalId,
    timestamp: "14.03.2026 10:16:05",
    ...overrides.root,
    receipt: {
      client: { phone: "+79001234567" },
      company: {
        email: "shop@example.com",
        sno: "osn",
        inn: ATOL_TEST_INN,
        payment_address: "https://v4.online.atol.ru",
      },
      items: [
        {
          name: "Чайник электрический",
          price: 2490,
          quantity: 1,
          sum: 2490,
          measurement_unit: "шт",
          payment_method: "full_payment",
          payment_object: "commodity",
          vat: { type: "vat20", sum: 415 },
        },
      ],
      payments: [{ type: 1, sum: 2490 }],
      total: 2490,
      ...overrides.receipt,
    },
  }
}

/** A local HTTP server that records the JSON bodies POSTed to it (a shop's callback endpoint). */
export async function startCallbackSink(): Promise<{
  url: string
  bodies: unknown[]
  close(): Promise<void>
}> {
  const bodies: unknown[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")))
      res.writeHead(200).end("ok")
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks/atol`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
