import request from "supertest"

import { startDreamkasEmulator, type DreamkasEmulator } from ".."
import { DREAMKAS_TEST_TOKEN } from "../accounts"
import { api, nextExternalId, sale, startWebhookSink } from "./fixtures"

const OPERATION_ID = /^[0-9a-f]{32}$/
const OPERATION_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/

let dreamkas: DreamkasEmulator

beforeAll(async () => {
  dreamkas = await startDreamkasEmulator({
    processingDelayMs: 0,
    accounts: [
      {
        token: DREAMKAS_TEST_TOKEN,
        devices: [
          { id: 123456, name: "Интернет-магазин", inn: "7712345671" },
          {
            id: 222,
            name: "Только ОСН",
            inn: "7712345671",
            taxModes: ["DEFAULT"],
          },
        ],
      },
      {
        token: "other-account-token",
        devices: [{ id: 333, name: "Чужая касса", inn: "7700000009" }],
      },
      { token: "read-only-token", forbidden: true, devices: [] },
    ],
  })
})
afterAll(() => dreamkas.close())
beforeEach(() => dreamkas.reset())

async function created(body: unknown = sale(nextExternalId())) {
  const res = await api(dreamkas.url).post("/api/receipts", body)
  expect(res.status).toBe(200)
  return res.body as { id: string; status: string; externalId: string | null }
}

describe('authorization (Authorization: Bearer; docs/vendors/dreamkas.md, "Authentication")', () => {
  it("answers 401 {status, code, message} without a token, with an unknown or a revoked one", async () => {
    const none = await request(dreamkas.url).get("/api/devices")
    expect(none.status).toBe(401)
    expect(none.body).toEqual({
      status: 401,
      code: "UNAUTHORIZED",
      message: "Требуется авторизация",
    })
    expect((await api(dreamkas.url, "nope").get("/api/devices")).status).toBe(
      401
    )
    expect(
      (
        await request(dreamkas.url)
          .get("/api/devices")
          .set("Authorization", DREAMKAS_TEST_TOKEN)
      ).status
    ).toBe(401)
    dreamkas.revokeTokens(DREAMKAS_TEST_TOKEN)
    expect((await api(dreamkas.url).get("/api/devices")).status).toBe(401)
    expect(
      (await api(dreamkas.url, "other-account-token").get("/api/devices"))
        .status
    ).toBe(200)
  })

  it("answers 403 to a token without API rights", async () => {
    const res = await api(dreamkas.url, "read-only-token").get("/api/devices")
    expect(res.status).toBe(403)
    expect(res.body.code).toBe("FORBIDDEN")
  })

  it("answers 404 to unknown routes", async () => {
    expect((await api(dreamkas.url).get("/api/nothing")).status).toBe(404)
    expect((await api(dreamkas.url).get("/")).body.code).toBe("NOT_FOUND")
    expect((await api(dreamkas.url).get("/api/receipts/x/y")).status).toBe(404)
  })
})

describe("POST /api/receipts", () => {
  it("creates a PENDING operation echoing the externalId", async () => {
    const externalId = nextExternalId()
    const res = await api(dreamkas.url).post("/api/receipts", sale(externalId))
    expect(res.status).toBe(200)
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8")
    expect(res.body).toEqual({
      id: expect.stringMatching(OPERATION_ID),
      externalId,
      type: "RECEIPT",
      status: "PENDING",
      createdAt: expect.stringMatching(OPERATION_TIME),
    })
  })

  it("accepts a receipt without externalId", async () => {
    expect((await created(sale())).externalId).toBeNull()
  })

  it("answers 400 BAD_REQUEST without Content-Type: application/json, or with broken JSON", async () => {
    const plain = await request(dreamkas.url)
      .post("/api/receipts")
      .set("Authorization", `Bearer ${DREAMKAS_TEST_TOKEN}`)
      .set("Content-Type", "text/plain")
      .send(JSON.stringify(sale()))
    expect(plain.status).toBe(400)
    expect(plain.body).toMatchObject({
      code: "BAD_REQUEST",
      message: "Content-Type должен быть application/json",
    })
    const broken = await request(dreamkas.url)
      .post("/api/receipts")
      .set("Authorization", `Bearer ${DREAMKAS_TEST_TOKEN}`)
      .set("Content-Type", "application/json")
      .send("{")
    expect(broken.body.code).toBe("BAD_REQUEST")
    expect(dreamkas.ledger()).toEqual([])
  })

  const position = (overrides: Record<string, unknown>) => ({
    positions: [{ ...sale().positions[1], ...overrides }],
    payments: [{ sum: 30000, type: "CASHLESS" }],
    total: { priceSum: 30000 },
  })

  it.each([
    ["no deviceId", "deviceId", { deviceId: undefined }],
    ["a device of another account", "deviceId", { deviceId: 333 }],
    ["an unknown type", "type", { type: "SELL" }],
    ["an unknown taxMode", "taxMode", { taxMode: "OSN" }],
    ["a timeout of 0", "timeout", { timeout: 0 }],
    ["an empty externalId", "externalId", { externalId: "" }],
    [
      "a 129-character externalId",
      "externalId",
      { externalId: "x".repeat(129) },
    ],
    ["no positions", "positions", { positions: [] }],
    [
      "101 positions",
      "positions",
      { positions: Array.from({ length: 101 }, () => sale().positions[1]) },
    ],
    ["an empty name", "positions[0].name", position({ name: " " })],
    [
      "a 129-unit name",
      "positions[0].name",
      position({ name: "я".repeat(129) }),
    ],
    [
      "an emoji name over 128 UTF-16 units",
      "positions[0].name",
      position({ name: "🍵".repeat(65) }),
    ],
    [
      "an unknown position type",
      "positions[0].type",
      position({ type: "PIECE" }),
    ],
    [
      "a fractional quantity",
      "positions[0].quantity",
      position({ quantity: 0.5, priceSum: 15000 }),
    ],
    ["a price in rubles", "positions[0].price", position({ price: 300.5 })],
    [
      "priceSum ≠ price × quantity",
      "positions[0].priceSum",
      position({ quantity: 2 }),
    ],
    ["the retired 18 %", "positions[0].tax", position({ tax: "NDS_18" })],
    ["an unknown tax", "positions[0].tax", position({ tax: "VAT20" })],
    ["a wrong taxSum", "positions[0].taxSum", position({ taxSum: 100 })],
    [
      "a bad tag",
      "positions[0].tags[0].tag",
      position({ tags: [{ tag: 12, value: 1 }] }),
    ],
    [
      "a marked position of 2",
      "positions[0].quantity",
      position({
        quantity: 2,
        priceSum: 60000,
        tags: [{ tag: 2000, value: "010460" }],
      }),
    ],
    ["no payments", "payments", { payments: [] }],
    [
      "an unknown payment type",
      "payments[0].type",
      { payments: [{ sum: 50000, type: "CARD" }] },
    ],
    [
      "payments ≠ total",
      "payments",
      { payments: [{ sum: 49999, type: "CASHLESS" }] },
    ],
    ["positions ≠ total", "total.priceSum", { total: { priceSum: 50001 } }],
    ["no contact", "attributes", { attributes: {} }],
    ["a bad email", "attributes.email", { attributes: { email: "buyer" } }],
    [
      "a bad phone",
      "attributes.phone",
      { attributes: { phone: "8 (900) 123" } },
    ],
  ] as [string, string, Record<string, unknown>][])(
    "refuses %s with 400 VALIDATION_ERROR naming %s",
    async (_name, field, overrides) => {
      const res = await api(dreamkas.url).post(
        "/api/receipts",
        sale(nextExternalId(), overrides)
      )
      expect(res.status).toBe(400)
      expect(res.body).toMatchObject({
        status: 400,
        code: "VALIDATION_ERROR",
        message: "Ошибка валидации",
      })
      expect(
        res.body.data.errors.map((e: { field: string }) => e.field)
      ).toContain(field)
      expect(dreamkas.ledger()).toEqual([])
    }
  )

  it("a refused receipt may be sent again under the same externalId once fixed", async () => {
    const externalId = nextExternalId()
    expect(
      (
        await api(dreamkas.url).post(
          "/api/receipts",
          sale(externalId, { attributes: {} })
        )
      ).status
    ).toBe(400)
    expect(
      (await api(dreamkas.url).post("/api/receipts", sale(externalId))).status
    ).toBe(200)
  })

  it("SCALABLE quantities are thousandths: 700 × 14286 per kg = 10000 kopecks (half a kopeck tolerated)", async () => {
    const weighed = (priceSum: number) =>
      sale(nextExternalId(), {
        positions: [
          {
            name: "Яблоки",
            type: "SCALABLE",
            quantity: 700,
            price: 14286,
            priceSum,
            tax: "NDS_10",
          },
        ],
        payments: [{ sum: priceSum, type: "CASHLESS" }],
        total: { priceSum },
      })
    expect(
      (await api(dreamkas.url).post("/api/receipts", weighed(10000))).status
    ).toBe(200)
    expect(
      (await api(dreamkas.url).post("/api/receipts", weighed(10001))).body.data
        .errors[0].field
    ).toBe("positions[0].priceSum")
  })

  it("accepts the 22 % names it is configured with, and refuses them when it knows none", async () => {
    expect(
      (await api(dreamkas.url).post("/api/receipts", sale(nextExternalId())))
        .status
    ).toBe(200)
    dreamkas.configure({ vat22Names: null })
    const res = await api(dreamkas.url).post(
      "/api/receipts",
      sale(nextExternalId())
    )
    expect(res.body.data.errors).toContainEqual({
      field: "positions[0].tax",
      message: "Неизвестная ставка НДС NDS_22",
    })
    dreamkas.configure({
      vat22Names: { vat22: "NDS_22_NEW", vat122: "NDS_122_NEW" },
    })
    const renamed = sale(nextExternalId())
    renamed.positions = renamed.positions.map((p) => ({
      ...p,
      tax: "NDS_22_NEW",
    }))
    expect(
      (await api(dreamkas.url).post("/api/receipts", renamed)).status
    ).toBe(200)
  })
})

describe('a repeated externalId (docs/vendors/dreamkas.md, "Idempotency")', () => {
  it("return_existing (default): 200 with the first operation, nothing new", async () => {
    const externalId = nextExternalId()
    const first = await created(sale(externalId))
    const second = await api(dreamkas.url).post(
      "/api/receipts",
      sale(externalId, { total: { priceSum: 50000 } })
    )
    expect(second.status).toBe(200)
    expect(second.body.id).toBe(first.id)
    expect(dreamkas.ledger()).toHaveLength(1)
    expect(dreamkas.stats().duplicates.return_existing).toBe(1)
  })

  it("conflict_409: 409 CONFLICT, nothing new", async () => {
    dreamkas.configure({ duplicateExternalId: "conflict_409" })
    const externalId = nextExternalId()
    await created(sale(externalId))
    const second = await api(dreamkas.url).post(
      "/api/receipts",
      sale(externalId)
    )
    expect(second.status).toBe(409)
    expect(second.body).toEqual({
      status: 409,
      code: "CONFLICT",
      message: `Операция с externalId ${externalId} уже существует`,
    })
    expect(dreamkas.ledger()).toHaveLength(1)
  })

  it("accept_new: a second operation, a second receipt", async () => {
    dreamkas.configure({ duplicateExternalId: "accept_new" })
    const externalId = nextExternalId()
    const first = await created(sale(externalId))
    const second = await created(sale(externalId))
    expect(second.id).not.toBe(first.id)
    await dreamkas.idle()
    expect(dreamkas.ledger().map((e) => [e.external_id, e.status])).toEqual([
      [externalId, "SUCCESS"],
      [externalId, "SUCCESS"],
    ])
  })

  it("externalIds are per account", async () => {
    const externalId = nextExternalId()
    await created(sale(externalId))
    const other = await api(dreamkas.url, "other-account-token").post(
      "/api/receipts",
      sale(externalId, { deviceId: 333 })
    )
    expect(other.status).toBe(200)
    expect(dreamkas.ledger()).toHaveLength(2)
  })

  it("reset restores the mode the emulator started with", async () => {
    dreamkas.configure({ duplicateExternalId: "accept_new" })
    dreamkas.reset()
    expect(dreamkas.configure({}).duplicateExternalId).toBe("return_existing")
  })
})

describe("operations: PENDING → IN_PROGRESS → SUCCESS | ERROR", () => {
  it("GET /api/operations/{id} shows SUCCESS with the receipt id, and the receipt has the fiscal data", async () => {
    const slow = await startDreamkasEmulator({ processingDelayMs: 1000 })
    try {
      const res = await api(slow.url).post(
        "/api/receipts",
        sale(nextExternalId())
      )
      const id = res.body.id
      await new Promise((resolve) => setTimeout(resolve, 700))
      expect(
        (await api(slow.url).get(`/api/operations/${id}`)).body.status
      ).toBe("IN_PROGRESS")
      await slow.idle()
      const done = await api(slow.url).get(`/api/operations/${id}`)
      expect(done.body).toEqual({
        id,
        externalId: expect.any(String),
        type: "RECEIPT",
        status: "SUCCESS",
        createdAt: expect.stringMatching(OPERATION_TIME),
        completedAt: expect.stringMatching(OPERATION_TIME),
        data: { receiptId: expect.stringMatching(/^[0-9a-f]{24}$/), uuid: id },
      })
      const receipt = await api(slow.url).get(
        `/api/receipts/${done.body.data.receiptId}`
      )
      expect(receipt.status).toBe(200)
      expect(receipt.body).toMatchObject({
        type: "SALE",
        amount: 50000,
        deviceId: 123456,
        operationId: id,
        fiscalDocumentNumber: expect.stringMatching(/^\d+$/),
        fiscalDocumentSign: expect.stringMatching(/^\d{10}$/),
        fnNumber: expect.stringMatching(/^9999\d{12}$/),
        registryNumber: expect.stringMatching(/^\d{16}$/),
        number: 1,
        payments: [{ type: "CASHLESS", amount: 50000 }],
        localDate: expect.stringMatching(
          /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/
        ),
        checkURL: expect.stringMatching(/^https:\/\/.*&s=500\.00&n=1$/),
      })
      expect(
        receipt.body.positions.map((p: { quantity: number }) => p.quantity)
      ).toEqual([2000, 1000])
    } finally {
      await slow.close()
    }
  })

  it("fiscal numbers grow per kassa: ФД +1 and the receipt number within the shift", async () => {
    await created()
    await created()
    await dreamkas.idle()
    const [a, b] = dreamkas.ledger().map((e) => e.receipt!)
    expect(Number(b.fiscalDocumentNumber)).toBe(
      Number(a.fiscalDocumentNumber) + 1
    )
    expect([a.number, b.number]).toEqual([1, 2])
    expect(b.fnNumber).toBe(a.fnNumber)
  })

  it("a refund prints as REFUND with n=2 in the OFD link", async () => {
    await created(sale(nextExternalId(), { type: "REFUND" }))
    await dreamkas.idle()
    expect(dreamkas.ledger()[0].receipt!.checkURL).toMatch(/&n=2$/)
  })

  it("a taxMode the kassa is not registered for ends in ERROR TAX_MODE_NOT_SUPPORTED", async () => {
    const op = await created(
      sale(nextExternalId(), { deviceId: 222, taxMode: "SIMPLE" })
    )
    await dreamkas.idle()
    const res = await api(dreamkas.url).get(`/api/operations/${op.id}`)
    expect(res.body).toMatchObject({
      status: "ERROR",
      data: {
        error: {
          code: "TAX_MODE_NOT_SUPPORTED",
          message: expect.stringContaining("SIMPLE"),
        },
      },
    })
  })

  it("ENVD is refused by default kassas (abolished in 2021)", async () => {
    await created(sale(nextExternalId(), { taxMode: "ENVD" }))
    await dreamkas.idle()
    expect(dreamkas.ledger()[0].error?.code).toBe("TAX_MODE_NOT_SUPPORTED")
  })

  it("another account's operations and receipts are 404", async () => {
    const op = await created()
    await dreamkas.idle()
    const other = api(dreamkas.url, "other-account-token")
    expect((await other.get(`/api/operations/${op.id}`)).status).toBe(404)
    const receiptId = dreamkas.ledger()[0].receipt!.id
    expect((await other.get(`/api/receipts/${receiptId}`)).status).toBe(404)
    expect(
      (
        await api(dreamkas.url).get(
          "/api/operations/ffffffffffffffffffffffffffffffff"
        )
      ).body.code
    ).toBe("NOT_FOUND")
  })

  it("GET /api/operations lists the account's operations newest first; ?externalId= filters", async () => {
    const a = await created(sale("same-id"))
    const b = await created(sale(nextExternalId()))
    const all = await api(dreamkas.url).get("/api/operations")
    expect(all.body.map((o: { id: string }) => o.id)).toEqual(
      expect.arrayContaining([a.id, b.id])
    )
    const filtered = await api(dreamkas.url).get(
      "/api/operations?externalId=same-id"
    )
    expect(filtered.body.map((o: { id: string }) => o.id)).toEqual([a.id])
    expect(
      (await api(dreamkas.url).get("/api/operations?externalId=none")).body
    ).toEqual([])
    expect(
      (await api(dreamkas.url).get("/api/operations?limit=1")).body
    ).toHaveLength(1)
    expect(
      (await api(dreamkas.url, "other-account-token").get("/api/operations"))
        .body
    ).toEqual([])
  })
})

describe("devices", () => {
  it("GET /api/devices lists the account's kassas; GET /api/devices/{id} one of them", async () => {
    const list = await api(dreamkas.url).get("/api/devices")
    expect(list.body).toEqual([
      {
        id: 123456,
        name: "Интернет-магазин",
        groupId: 1,
        sort: 0,
        timezoneOffset: 3,
      },
      { id: 222, name: "Только ОСН", groupId: 1, sort: 0, timezoneOffset: 3 },
    ])
    expect((await api(dreamkas.url).get("/api/devices/222")).body.name).toBe(
      "Только ОСН"
    )
    expect((await api(dreamkas.url).get("/api/devices/333")).status).toBe(404)
  })
})

describe("webhooks", () => {
  it("subscribes, lists, delivers {action, type, data} for operations and receipts, deletes", async () => {
    const sink = await startWebhookSink()
    try {
      const hook = await api(dreamkas.url).post("/api/webhooks", {
        url: sink.url,
        isActive: true,
        types: { operations: true, receipts: true },
      })
      expect(hook.status).toBe(200)
      expect(hook.body).toEqual({
        id: expect.stringMatching(OPERATION_ID),
        url: sink.url,
        isActive: true,
        types: {
          products: false,
          devices: false,
          encashments: false,
          receipts: true,
          shifts: false,
          operations: true,
          deviceRegistrations: false,
        },
      })
      expect((await api(dreamkas.url).get("/api/webhooks")).body).toEqual([
        hook.body,
      ])
      const op = await created()
      await dreamkas.idle()
      expect(
        sink.bodies.map((b) =>
          `${b.action} ${b.type} ${b.data.status ?? ""}`.trim()
        )
      ).toEqual([
        "CREATE OPERATION PENDING",
        "UPDATE OPERATION IN_PROGRESS",
        "UPDATE OPERATION SUCCESS",
        "CREATE RECEIPT",
      ])
      expect(sink.bodies[3].data).toMatchObject({
        operationId: op.id,
        fiscalDocumentNumber: expect.any(String),
      })
      expect(dreamkas.ledger()[0].webhooks.every((d) => d.status === 200)).toBe(
        true
      )

      expect(
        (await api(dreamkas.url).delete(`/api/webhooks/${hook.body.id}`)).status
      ).toBe(204)
      await created()
      await dreamkas.idle()
      expect(sink.bodies).toHaveLength(4)
    } finally {
      await sink.close()
    }
  })

  it("delivers only the kinds subscribed, only to active hooks of the account", async () => {
    const sink = await startWebhookSink()
    try {
      await api(dreamkas.url).post("/api/webhooks", {
        url: sink.url,
        types: { receipts: true },
      })
      await api(dreamkas.url).post("/api/webhooks", {
        url: `${sink.url}-inactive`,
        isActive: false,
        types: { operations: true },
      })
      await api(dreamkas.url, "other-account-token").post("/api/webhooks", {
        url: `${sink.url}-other`,
        types: { operations: true },
      })
      await created()
      await dreamkas.idle()
      expect(sink.bodies.map((b) => b.type)).toEqual(["RECEIPT"])
    } finally {
      await sink.close()
    }
  })

  it("refuses a subscription without an http(s) url or types", async () => {
    const res = await api(dreamkas.url).post("/api/webhooks", {
      url: "ftp://x",
      isActive: "yes",
    })
    expect(res.status).toBe(400)
    expect(res.body.data.errors.map((e: { field: string }) => e.field)).toEqual(
      ["url", "isActive", "types"]
    )
  })

  it("records a failed delivery and carries on", async () => {
    await api(dreamkas.url).post("/api/webhooks", {
      url: "http://127.0.0.1:9/closed",
      types: { operations: true },
    })
    await created()
    await dreamkas.idle()
    const [entry] = dreamkas.ledger()
    expect(entry.status).toBe("SUCCESS")
    expect(entry.webhooks[0]).toMatchObject({
      url: "http://127.0.0.1:9/closed",
      type: "OPERATION",
      error: expect.any(String),
    })
  })
})

describe("control API", () => {
  it("ledger, stats, config, accounts, webhooks and reset over HTTP", async () => {
    await created(sale("ledger-1"))
    await request(dreamkas.url).get("/__control/idle").expect(200)
    const ledger = await request(dreamkas.url).get(
      "/__control/ledger?external_id=ledger-1"
    )
    expect(ledger.body).toEqual([
      expect.objectContaining({
        external_id: "ledger-1",
        status: "SUCCESS",
        total: 50000,
      }),
    ])
    expect(
      (await request(dreamkas.url).get("/__control/ledger?status=ERROR")).body
    ).toEqual([])
    expect(
      (await request(dreamkas.url).get("/__control/stats")).body
    ).toMatchObject({ operations: 1, requests: { receipt: 1 } })
    const config = await request(dreamkas.url)
      .post("/__control/config")
      .send({ duplicateExternalId: "conflict_409" })
    expect(config.body).toEqual({
      duplicateExternalId: "conflict_409",
      vat22Names: { vat22: "NDS_22", vat122: "NDS_22_CALCULATED" },
    })
    expect(
      (
        await request(dreamkas.url)
          .post("/__control/config")
          .send({ duplicateExternalId: "maybe" })
      ).status
    ).toBe(400)
    expect(
      (await request(dreamkas.url).get("/__control/accounts")).body[0].token
    ).toBe(DREAMKAS_TEST_TOKEN)
    expect(
      (await request(dreamkas.url).get("/__control/webhooks")).body
    ).toEqual([])
    await request(dreamkas.url)
      .post("/__control/tokens/revoke")
      .send({})
      .expect(200)
    expect((await api(dreamkas.url).get("/api/devices")).status).toBe(401)
    await request(dreamkas.url).post("/__control/reset").expect(200)
    expect((await request(dreamkas.url).get("/__control/ledger")).body).toEqual(
      []
    )
    expect((await api(dreamkas.url).get("/api/devices")).status).toBe(200)
    expect((await request(dreamkas.url).get("/__control/nothing")).status).toBe(
      404
    )
  })
})
