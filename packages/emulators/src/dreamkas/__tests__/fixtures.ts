import http from "node:http"
import type { AddressInfo } from "node:net"

import request from "supertest"

import { DREAMKAS_TEST_DEVICE_ID, DREAMKAS_TEST_TOKEN } from "../accounts"

let counter = 0
export function nextExternalId(prefix = "ext"): string {
  counter += 1
  return `${prefix}-${counter}`
}

/** A valid sale: 2 × 100.00 at 22 % and 300.00 delivery, paid by card, in kopecks. */
export function sale(
  externalId?: string,
  overrides: Record<string, unknown> = {}
) {
  return {
    ...(externalId === undefined ? {} : { externalId }),
    deviceId: DREAMKAS_TEST_DEVICE_ID,
    type: "SALE",
    timeout: 5,
    taxMode: "DEFAULT",
    positions: [
      {
        name: "Чайник",
        type: "COUNTABLE",
        quantity: 2,
        price: 10000,
        priceSum: 20000,
        tax: "NDS_22",
        taxSum: 3607,
        tags: [
          { tag: 1214, value: 4 },
          { tag: 1212, value: 1 },
        ],
      },
      {
        name: "Доставка",
        type: "SERVICE",
        quantity: 1,
        price: 30000,
        priceSum: 30000,
        tax: "NDS_22",
      },
    ],
    payments: [{ sum: 50000, type: "CASHLESS" }],
    attributes: { email: "buyer@example.com" },
    total: { priceSum: 50000 },
    ...overrides,
  }
}

/** Requests of the default account against `url`. */
export function api(url: string, token = DREAMKAS_TEST_TOKEN) {
  const auth = (req: request.Test) =>
    req.set("Authorization", `Bearer ${token}`)
  return {
    post: (path: string, body: unknown) =>
      auth(request(url).post(path))
        .set("Content-Type", "application/json")
        .send(JSON.stringify(body)),
    get: (path: string) => auth(request(url).get(path)),
    delete: (path: string) => auth(request(url).delete(path)),
  }
}

/** A local HTTP server that records the JSON bodies POSTed to it (the shop's webhook endpoint). */
export async function startWebhookSink(): Promise<{
  url: string
  bodies: { action: string; type: string; data: Record<string, unknown> }[]
  raw: Buffer[]
  close(): Promise<void>
}> {
  const bodies: {
    action: string
    type: string
    data: Record<string, unknown>
  }[] = []
  const raw: Buffer[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      const body = Buffer.concat(chunks)
      raw.push(body)
      bodies.push(JSON.parse(body.toString("utf8")))
      res.writeHead(200).end("ok")
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks/fiscal/dreamkas/s3cr3t-callback`,
    bodies,
    raw,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
