import https from "node:https"

import type { CheckonlineEmulator } from ".."
import {
  CHECKONLINE_TEST_CA_CERTIFICATE,
  CHECKONLINE_TEST_CLIENT_CERTIFICATE,
  CHECKONLINE_TEST_CLIENT_PRIVATE_KEY,
} from ".."
import { COMPLEX, api, complexBody, startTestEmulator } from "./fixtures"
import { HANG_TIMEOUT_MS } from "../../_shared/__tests__/timing"

let emulator: CheckonlineEmulator

beforeAll(async () => {
  emulator = await startTestEmulator()
})
afterAll(() => emulator.close())
beforeEach(() => emulator.reset())

/** A raw POST with a deadline: an answer, or how the connection ended. */
function post(
  body: unknown,
  timeoutMs = 10_000
): Promise<{ status?: number; body?: string; code?: string }> {
  return new Promise((resolve) => {
    const req = https.request(
      emulator.endpoint,
      {
        method: "POST",
        ca: CHECKONLINE_TEST_CA_CERTIFICATE,
        cert: CHECKONLINE_TEST_CLIENT_CERTIFICATE,
        key: CHECKONLINE_TEST_CLIENT_PRIVATE_KEY,
        timeout: timeoutMs,
      },
      (res) => {
        let text = ""
        res.on("data", (chunk) => (text += chunk))
        res.on("end", () => resolve({ status: res.statusCode, body: text }))
      }
    )
    req.on("timeout", () =>
      req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" }))
    )
    req.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ code: error.code })
    )
    req.end(JSON.stringify(body))
  })
}

describe("request faults", () => {
  it("server_error and no_free_device: non-fatal cloud errors, nothing executed", async () => {
    emulator.setFaults({
      next: [{ fault: "server_error" }, { fault: "no_free_device" }],
    })
    const body = complexBody()
    expect((await api(emulator).post(COMPLEX, body)).body).toMatchObject({
      FCEError: 6,
      Fatal: false,
    })
    expect((await api(emulator).post(COMPLEX, body)).body).toMatchObject({
      FCEError: 5,
      Fatal: false,
    })
    expect(emulator.ledger()).toHaveLength(0)
    expect((await api(emulator).post(COMPLEX, body)).status).toBe(200)
  })

  it("hang: no answer, nothing executed", async () => {
    emulator.setFaults({ next: [{ fault: "hang" }] })
    expect(await post(complexBody(), HANG_TIMEOUT_MS)).toEqual({
      code: "TIMEOUT",
    })
    expect(emulator.ledger()).toHaveLength(0)
  })

  it("process_then_drop: executed and cached, then the connection is reset; a repeat gets the cached answer", async () => {
    emulator.setFaults({ next: [{ fault: "process_then_drop" }] })
    const body = complexBody()
    expect(await post(body)).toEqual({ code: "ECONNRESET" })
    expect(emulator.ledger()).toHaveLength(1)
    const repeat = await api(emulator).post(COMPLEX, body)
    expect(repeat.headers["x-emulator-cache"]).toBe("hit")
    expect(repeat.body.FiscalDocNumber).toBe(
      emulator.ledger()[0].fiscal!.fiscal_document_number
    )
  })

  it("process_then_hang: executed and cached, no answer", async () => {
    emulator.setFaults({ next: [{ fault: "process_then_hang" }] })
    expect(await post(complexBody(), HANG_TIMEOUT_MS)).toEqual({
      code: "TIMEOUT",
    })
    expect(emulator.ledger()).toHaveLength(1)
  })

  it("rates are drawn from the seed: the same plan gives the same faults", async () => {
    const run = async () => {
      emulator.reset()
      emulator.setFaults({
        serverErrorRate: 0.25,
        dropAfterProcessingRate: 0.5,
      })
      const outcomes = []
      for (let i = 0; i < 20; i++) {
        const res = await post(complexBody())
        outcomes.push(
          res.code ?? (res.body?.includes("FCEError") ? "fce" : "ok")
        )
      }
      return outcomes
    }
    const first = await run()
    expect(first).toEqual(await run())
    expect(new Set(first)).toEqual(new Set(["ok", "fce", "ECONNRESET"]))
  })

  it("latency delays the answer", async () => {
    emulator.setFaults({ latencyMs: 60 })
    const started = Date.now()
    await api(emulator).post(COMPLEX, complexBody())
    expect(Date.now() - started).toBeGreaterThanOrEqual(60)
  })
})

describe("injected cloud and device errors", () => {
  it("cloudErrorNext: the next valid requests get the error, not cached", async () => {
    emulator.setFaults({
      cloudErrorNext: {
        code: 42,
        fatal: true,
        description: "Касса заблокирована",
        count: 2,
      },
    })
    const body = complexBody()
    for (let i = 0; i < 2; i++) {
      expect((await api(emulator).post(COMPLEX, body)).body).toMatchObject({
        FCEError: 42,
        Fatal: true,
        ErrorDescription: "Касса заблокирована",
      })
    }
    expect((await api(emulator).post(COMPLEX, body)).status).toBe(200)
  })

  it("deviceErrorNext with a final code is cached and recorded as fail", async () => {
    emulator.setFaults({
      deviceErrorNext: { code: 69, messages: ["Сумма оплат меньше итога"] },
    })
    const body = complexBody()
    expect((await api(emulator).post(COMPLEX, body)).body.Response).toEqual({
      Error: 69,
      ErrorMessages: ["Сумма оплат меньше итога"],
    })
    expect((await api(emulator).post(COMPLEX, body)).body.Response.Error).toBe(
      69
    )
    expect(emulator.ledger().map((e) => [e.status, e.error?.code])).toEqual([
      ["fail", 69],
    ])
  })
})

describe("stuckInWait: the cash register never finishes until released", () => {
  it("holds requests, then executes each key once and answers those still listening", async () => {
    emulator.setFaults({ stuckInWait: true })
    const body = complexBody()
    const held = api(emulator).post(COMPLEX, body)
    const timedOut = await post(body, 100)
    expect(timedOut).toEqual({ code: "TIMEOUT" })
    expect(emulator.ledger()).toHaveLength(0)
    emulator.setFaults({ stuckInWait: false })
    const res = await held
    expect(res.status).toBe(200)
    await emulator.idle()
    expect(emulator.ledger()).toHaveLength(1)
  })
})

describe("control API", () => {
  it("reads and changes the fault plan, refusing bad input with 400", async () => {
    const set = await api(emulator).post("/__control/faults", {
      serverErrorRate: 0.5,
      next: [{ fault: "hang", count: 2 }],
    })
    expect(set.status).toBe(200)
    expect(set.body).toMatchObject({
      serverErrorRate: 0.5,
      next: [{ fault: "hang", count: 2 }],
    })
    expect(
      (await api(emulator).get("/__control/faults")).body.serverErrorRate
    ).toBe(0.5)
    for (const bad of [
      { serverErrorRate: 2 },
      { next: [{ fault: "explode" }] },
      { stuckInWait: "yes" },
      { cloudErrorNext: { code: 1 } },
      [1],
    ]) {
      const res = await api(emulator).post("/__control/faults", bad)
      expect(res.status).toBe(400)
      expect(res.body.message).toEqual(expect.any(String))
    }
  })

  it("ledger, stats, enterprises, idle and reset", async () => {
    await api(emulator).post(COMPLEX, complexBody())
    expect((await api(emulator).get("/__control/ledger")).body).toHaveLength(1)
    expect((await api(emulator).get("/__control/stats")).body).toMatchObject({
      requests: { complex: 1 },
      documents: 1,
    })
    expect(
      (await api(emulator).get("/__control/enterprises")).body.map(
        (e: { group: string }) => e.group
      )
    ).toEqual(["TEST-ENTERPRISE", "TEST-ENTERPRISE-2"])
    expect((await api(emulator).get("/__control/idle")).body).toEqual({
      idle: true,
    })
    expect((await api(emulator).post("/__control/reset")).body).toEqual({
      reset: true,
    })
    expect(emulator.ledger()).toHaveLength(0)
    expect((await api(emulator).get("/__control/nope")).status).toBe(404)
  })

  it("reset restarts the seeded sequences: the same receipts get the same fiscal numbers", async () => {
    const numbers = async () => {
      emulator.reset()
      const res = await api(emulator).post(COMPLEX, complexBody())
      return [
        res.body.FNSerialNumber,
        res.body.FiscalDocNumber,
        res.body.FiscalSign,
      ]
    }
    expect(await numbers()).toEqual(await numbers())
  })
})
