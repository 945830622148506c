import request from "supertest"

import { startDreamkasEmulator, type DreamkasEmulator } from ".."
import { runCli } from "../../cli"
import {
  DREAMKAS_TEST_DEVICE_ID,
  DREAMKAS_TEST_INN,
  DREAMKAS_TEST_TOKEN,
} from "../accounts"
import { harness } from "../harness"
import { api, nextExternalId, sale } from "./fixtures"
import { HANG_TIMEOUT_MS } from "../../_shared/__tests__/timing"

let dreamkas: DreamkasEmulator

beforeAll(async () => {
  dreamkas = await startDreamkasEmulator({ processingDelayMs: 0 })
})
afterAll(() => dreamkas.close())
beforeEach(() => dreamkas.reset())

/** A request that fails at the transport: the client sees no HTTP answer. */
function withoutAnswer(send: Promise<unknown>) {
  return send.then(
    () => {
      throw new Error("expected no answer")
    },
    (error: { code?: string; timeout?: number }) => error
  )
}

describe("queued faults", () => {
  it.each([
    ["server_error", 500, "INTERNAL_ERROR", undefined],
    ["unavailable", 503, "SERVICE_UNAVAILABLE", "1"],
    ["rate_limit", 429, "TOO_MANY_REQUESTS", "1"],
  ] as const)(
    "%s → %i %s, nothing done",
    async (fault, status, code, retryAfter) => {
      dreamkas.setFaults({ next: [{ fault, on: "receipt" }] })
      const res = await api(dreamkas.url).post(
        "/api/receipts",
        sale(nextExternalId())
      )
      expect(res.status).toBe(status)
      expect(res.body).toMatchObject({ status, code })
      expect(res.headers["retry-after"]).toBe(retryAfter)
      expect(dreamkas.ledger()).toEqual([])
      expect(dreamkas.stats().faults_injected).toEqual({ [fault]: 1 })
      expect(
        (await api(dreamkas.url).post("/api/receipts", sale(nextExternalId())))
          .status
      ).toBe(200)
    }
  )

  it("process_then_drop creates the operation and resets the connection", async () => {
    dreamkas.setFaults({
      next: [{ fault: "process_then_drop", on: "receipt" }],
    })
    const error = await withoutAnswer(
      api(dreamkas.url).post("/api/receipts", sale("dropped"))
    )
    expect(error.code).toBe("ECONNRESET")
    expect(dreamkas.ledger().map((e) => e.external_id)).toEqual(["dropped"])
  })

  it("process_then_hang creates the operation and never answers; hang does nothing", async () => {
    dreamkas.setFaults({
      next: [
        { fault: "process_then_hang", on: "receipt" },
        { fault: "hang", on: "receipt" },
      ],
    })
    const first = await withoutAnswer(
      api(dreamkas.url)
        .post("/api/receipts", sale("hung"))
        .timeout(HANG_TIMEOUT_MS)
    )
    expect(first.timeout).toBe(HANG_TIMEOUT_MS)
    await withoutAnswer(
      api(dreamkas.url)
        .post("/api/receipts", sale("never"))
        .timeout(HANG_TIMEOUT_MS)
    )
    expect(dreamkas.ledger().map((e) => e.external_id)).toEqual(["hung"])
  }, 10_000) // two hangs of HANG_TIMEOUT_MS

  it("targets one route, counts down, and `any` matches every route", async () => {
    dreamkas.setFaults({
      next: [{ fault: "server_error", on: "devices", count: 2 }],
    })
    expect(
      (await api(dreamkas.url).post("/api/receipts", sale(nextExternalId())))
        .status
    ).toBe(200)
    expect((await api(dreamkas.url).get("/api/devices")).status).toBe(500)
    expect((await api(dreamkas.url).get("/api/devices")).status).toBe(500)
    expect((await api(dreamkas.url).get("/api/devices")).status).toBe(200)
    dreamkas.setFaults({ next: [{ fault: "unavailable" }] })
    expect((await api(dreamkas.url).get("/api/operations")).status).toBe(503)
  })

  it("refuses a bad plan with a readable message and changes nothing", async () => {
    const res = await request(dreamkas.url)
      .post("/__control/faults")
      .send({ serverErrorRate: 2 })
    expect(res.status).toBe(400)
    expect(res.body.message).toBe(
      "serverErrorRate must be a number between 0 and 1"
    )
    const bad = await request(dreamkas.url)
      .post("/__control/faults")
      .send({ next: [{ fault: "explode" }] })
    expect(bad.body.message).toMatch(
      /^next\[\]\.fault must be one of server_error/
    )
    expect(dreamkas.setFaults({})).toMatchObject({
      serverErrorRate: 0,
      next: [],
    })
  })
})

describe("rates are seeded", () => {
  async function outcomes(seed: number) {
    const emulator = await startDreamkasEmulator({
      seed,
      processingDelayMs: 0,
      faults: { serverErrorRate: 0.3, dropAfterProcessingRate: 0.3 },
    })
    try {
      const results: string[] = []
      for (let i = 0; i < 30; i++) {
        const res = await api(emulator.url)
          .post("/api/receipts", sale(`seeded-${i}`))
          .then(
            (r) => String(r.status),
            (e: { code?: string }) => e.code ?? "error"
          )
        results.push(res)
      }
      return { results, ledger: emulator.ledger().length }
    } finally {
      await emulator.close()
    }
  }

  it("the same seed injects the same faults into the same requests", async () => {
    const a = await outcomes(5)
    const b = await outcomes(5)
    expect(a).toEqual(b)
    expect(a.results).toEqual(
      expect.arrayContaining(["200", "500", "ECONNRESET"])
    )
    // Dropped answers were processed: the ledger has every 200 and every reset.
    expect(a.ledger).toBe(a.results.filter((r) => r !== "500").length)
  })
})

describe("processing faults", () => {
  it("stuckInWait keeps operations PENDING until switched off", async () => {
    dreamkas.setFaults({ stuckInWait: true })
    const op = (
      await api(dreamkas.url).post("/api/receipts", sale(nextExternalId()))
    ).body
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(
      (await api(dreamkas.url).get(`/api/operations/${op.id}`)).body.status
    ).toBe("PENDING")
    await request(dreamkas.url)
      .post("/__control/faults")
      .send({ stuckInWait: false })
      .expect(200)
    await dreamkas.idle()
    expect(
      (await api(dreamkas.url).get(`/api/operations/${op.id}`)).body.status
    ).toBe("SUCCESS")
  })

  it("deviceOffline ends operations in ERROR RECEIPT_TIMEOUT", async () => {
    dreamkas.setFaults({ deviceOffline: true })
    await api(dreamkas.url).post("/api/receipts", sale(nextExternalId()))
    await dreamkas.idle()
    expect(dreamkas.ledger()[0]).toMatchObject({
      status: "ERROR",
      receipt: null,
      error: {
        code: "RECEIPT_TIMEOUT",
        message: "Истёк таймаут фискализации: касса не вышла на связь",
      },
    })
  })

  it("failNext ends the next operations in ERROR with the code given", async () => {
    dreamkas.setFaults({ failNext: { code: "FN_ERROR", count: 2 } })
    for (let i = 0; i < 3; i++) {
      await api(dreamkas.url).post("/api/receipts", sale(nextExternalId()))
    }
    await dreamkas.idle()
    expect(dreamkas.ledger().map((e) => e.error?.code ?? e.status)).toEqual([
      "FN_ERROR",
      "FN_ERROR",
      "SUCCESS",
    ])
  })

  it("latency delays answers", async () => {
    dreamkas.setFaults({ latencyMs: 60 })
    const started = Date.now()
    await api(dreamkas.url).get("/api/devices")
    expect(Date.now() - started).toBeGreaterThanOrEqual(55)
  })
})

describe("harness", () => {
  it("starts Dreamkas for the cross-vendor tests and reports the ledger in neutral terms", async () => {
    const running = await harness.start({ port: 0, processingDelayMs: 0 })
    try {
      expect(harness.provider).toBe("dreamkas")
      expect(running.connection).toEqual({
        token: DREAMKAS_TEST_TOKEN,
        device_id: DREAMKAS_TEST_DEVICE_ID,
        base_url: running.url,
        timeout_ms: 1500,
      })
      expect(running.company).toEqual({ inn: DREAMKAS_TEST_INN, sno: "osn" })
      await api(running.url).post(
        "/api/receipts",
        sale("h-1", { tags: [{ tag: 1192, value: "3826359105" }] })
      )
      await api(running.url).post(
        "/api/receipts",
        sale("h-1", { type: "REFUND" })
      )
      running.setFaults({ stuckInWait: true })
      await api(running.url).post("/api/receipts", sale("h-2"))
      await new Promise((resolve) => setTimeout(resolve, 20))
      const ledger = running.ledger()
      // accept_new: the harness runs Dreamkas' worst answer to a repeated externalId.
      expect(ledger).toEqual([
        {
          external_id: "h-1",
          vendor_document_id: expect.any(String),
          operation: "sell",
          total: 50000,
          status: "done",
          additional_check_props: "3826359105",
        },
        {
          external_id: "h-1",
          vendor_document_id: expect.any(String),
          operation: "sell_refund",
          total: 50000,
          status: "done",
          additional_check_props: null,
        },
        {
          external_id: "h-2",
          vendor_document_id: expect.any(String),
          operation: "sell",
          total: 50000,
          status: "wait",
          additional_check_props: null,
        },
      ])
      running.setFaults({ serverErrorRate: 1 })
      expect((await api(running.url).get("/api/devices")).status).toBe(500)
      running.reset()
      expect(running.ledger()).toEqual([])
      expect((await api(running.url).get("/api/devices")).status).toBe(200)
    } finally {
      await running.close()
    }
  })
})

describe("CLI", () => {
  function sink() {
    let text = ""
    return { write: (chunk: string) => (text += chunk), text: () => text }
  }

  afterEach(() => {
    process.exitCode = undefined
  })

  it("starts Dreamkas, prints the token and devices, honours --duplicate-external-id", async () => {
    const out = sink()
    const running = await runCli(
      [
        "dreamkas",
        "--port",
        "0",
        "--delay",
        "0",
        "--duplicate-external-id=conflict_409",
      ],
      out,
      sink()
    )
    try {
      expect(out.text()).toContain(
        `Dreamkas emulator listening on ${running!.url}`
      )
      expect(out.text()).toContain(
        `token ${DREAMKAS_TEST_TOKEN}  device_id 123456 "Интернет-магазин"  INN ${DREAMKAS_TEST_INN}`
      )
      await api(running!.url).post("/api/receipts", sale("cli-1")).expect(200)
      await api(running!.url).post("/api/receipts", sale("cli-1")).expect(409)
    } finally {
      await running?.close()
    }
  })

  it("--no-vat22 starts a Dreamkas that knows no 22 % names", async () => {
    const running = await runCli(
      ["dreamkas", "--port", "0", "--no-vat22"],
      sink(),
      sink()
    )
    try {
      const res = await api(running!.url).post(
        "/api/receipts",
        sale(nextExternalId())
      )
      expect(res.status).toBe(400)
    } finally {
      await running?.close()
    }
  })

  it("refuses an unknown duplicate mode", async () => {
    await expect(
      runCli(
        ["dreamkas", "--port", "0", "--duplicate-external-id=sometimes"],
        sink(),
        sink()
      )
    ).rejects.toThrow(
      /--duplicate-external-id must be one of return_existing, conflict_409, accept_new/
    )
  })
})
