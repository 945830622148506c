import http from "node:http"
import type { AddressInfo } from "node:net"

import request from "supertest"

import { MODULKASSA_TEST_ACCOUNTS } from "../accounts"
import type { ModulKassaEmulator } from "../server"

export const SHOP = MODULKASSA_TEST_ACCOUNTS[0]
export const POINT = SHOP.retailPoints[0]
export const OTHER = MODULKASSA_TEST_ACCOUNTS[1]
export const OTHER_POINT = OTHER.retailPoints[0]

export const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+03:00$/

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`
}

let seq = 0
export function nextId(): string {
  seq += 1
  return `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`
}

/** A valid sale of 2790.00 (the doc's example shape). */
export function document(
  overrides: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    id: nextId(),
    docNum: `DOC-${seq}`,
    docType: "SALE",
    checkoutDateTime: "2026-03-14T10:16:05+03:00",
    email: "buyer@example.com",
    taxMode: "COMMON",
    printReceipt: false,
    inventPositions: [
      {
        name: "Чайник электрический",
        price: 2490,
        quantity: 1,
        vatTag: 1102,
        paymentObject: "commodity",
        paymentMethod: "full_payment",
      },
      {
        name: "Доставка",
        price: 300,
        quantity: 1,
        vatTag: 1102,
        paymentObject: "service",
        paymentMethod: "full_payment",
      },
    ],
    moneyPositions: [{ paymentType: "CARD", sum: 2790 }],
    ...overrides,
  }
}

/** A client of one emulator with the shop's point associated. */
export function client(emulator: ModulKassaEmulator, prefix = "/api/fn") {
  const association = emulator.associate(POINT.id)
  const auth = basic(association.userName, association.password)
  return {
    association,
    auth,
    send: (body: unknown, version: 1 | 2 = 2) =>
      request(emulator.url)
        .post(`${prefix}/v${version}/doc`)
        .set("Authorization", auth)
        .set("Content-Type", "application/json")
        .send(JSON.stringify(body)),
    status: (id: string) =>
      request(emulator.url)
        .get(`${prefix}/v1/doc/${id}/status`)
        .set("Authorization", auth),
    requeue: (id: string) =>
      request(emulator.url)
        .put(`${prefix}/v1/doc/${id}/re-queue`)
        .set("Authorization", auth),
    fnStatus: () =>
      request(emulator.url)
        .get(`${prefix}/v1/status`)
        .set("Authorization", auth),
  }
}

/** A shop endpoint that records notices and answers `status`. */
export async function startSink(status = 200): Promise<{
  url: string
  requests: { url: string; method: string; contentType: string; body: string }[]
  close(): Promise<void>
}> {
  const requests: {
    url: string
    method: string
    contentType: string
    body: string
  }[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      requests.push({
        url: req.url ?? "",
        method: req.method ?? "",
        contentType: String(req.headers["content-type"] ?? ""),
        body: Buffer.concat(chunks).toString("utf8"),
      })
      res.writeHead(status).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/complete-doc?id=1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
