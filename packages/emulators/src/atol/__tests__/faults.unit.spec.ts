import request from "supertest"

import { startAtolEmulator, type AtolEmulator } from ".."
import { ATOL_TEST_ACCOUNTS, ATOL_TEST_INN } from "../accounts"
import { V5, nextExternalId, startCallbackSink, v5Sell } from "./fixtures"
import { HANG_TIMEOUT_MS } from "../../_shared/__tests__/timing"

let atol: AtolEmulator

beforeAll(async () => {
  atol = await startAtolEmulator({ processingDelayMs: 0, seed: 42 })
})
afterAll(() => atol.close())
beforeEach(() => atol.reset())

async function token(emulator = atol): Promise<string> {
  const res = await request(emulator.url)
    .post("/possystem/v5/getToken")
    .set("Content-Type", "application/json")
    .send({ login: V5.login, pass: V5.password })
  return res.body.token
}

function sell(body: unknown, tokenValue: string, emulator = atol) {
  return request(emulator.url)
    .post(`/possystem/v5/${V5.group}/sell`)
    .set("Content-Type", "application/json; charset=utf-8")
    .set("Token", tokenValue)
    .send(body as object)
}

describe("fault injection", () => {
  it("server_error answers 500 + 50 and registers nothing", async () => {
    const t = await token()
    atol.setFaults({ next: [{ fault: "server_error", on: "register" }] })
    const res = await sell(v5Sell(nextExternalId()), t)
    expect(res.status).toBe(500)
    expect(res.body.error).toMatchObject({
      code: 50,
      text: "Ошибка сервера. Обратитесь к Администратору.",
    })
    expect(atol.ledger()).toHaveLength(0)
    expect(atol.stats().faults_injected).toEqual({ server_error: 1 })
  })

  it("rate_limit answers 429 with Retry-After", async () => {
    atol.setFaults({ next: [{ fault: "rate_limit", on: "getToken" }] })
    const res = await request(atol.url)
      .post("/possystem/v5/getToken")
      .set("Content-Type", "application/json")
      .send({ login: V5.login, pass: V5.password })
    expect(res.status).toBe(429)
    expect(res.headers["retry-after"]).toBe("1")
  })

  it("hang never answers and registers nothing", async () => {
    const t = await token()
    atol.setFaults({ next: [{ fault: "hang", on: "register" }] })
    await expect(
      sell(v5Sell(nextExternalId()), t).timeout(HANG_TIMEOUT_MS)
    ).rejects.toThrow(/Timeout/)
    expect(atol.ledger()).toHaveLength(0)
  })

  it("process_then_hang registers the document and never answers", async () => {
    const t = await token()
    atol.setFaults({ next: [{ fault: "process_then_hang", on: "register" }] })
    await expect(
      sell(v5Sell(nextExternalId()), t).timeout(HANG_TIMEOUT_MS)
    ).rejects.toThrow(/Timeout/)
    expect(atol.ledger()).toHaveLength(1)
  })

  it("process_then_drop registers the document and resets the connection", async () => {
    const t = await token()
    const externalId = nextExternalId()
    atol.setFaults({ next: [{ fault: "process_then_drop", on: "register" }] })
    await expect(sell(v5Sell(externalId), t)).rejects.toThrow(
      /socket hang up|ECONNRESET/
    )
    const again = await sell(v5Sell(externalId), t)
    expect(again.body.error.code).toBe(33)
    expect(atol.ledger()).toHaveLength(1)
    expect(again.body.uuid).toBe(atol.ledger()[0].uuid)
  })

  it("queued faults are consumed in order and only by matching requests", async () => {
    atol.setFaults({
      next: [
        { fault: "server_error", on: "register", count: 2 },
        { fault: "rate_limit", on: "any" },
      ],
    })
    const t = await token() // getToken meets the `any` entry
    expect(t).toBeUndefined()
    const t2 = await token()
    expect((await sell(v5Sell(nextExternalId()), t2)).status).toBe(500)
    expect((await sell(v5Sell(nextExternalId()), t2)).status).toBe(500)
    expect((await sell(v5Sell(nextExternalId()), t2)).status).toBe(200)
    expect(atol.setFaults({}).next).toEqual([])
  })

  it("latency delays answers", async () => {
    atol.setFaults({ latencyMs: 60 })
    const started = Date.now()
    await token()
    expect(Date.now() - started).toBeGreaterThanOrEqual(55)
  })

  it("failNext fails the next documents with the given KKT error", async () => {
    const t = await token()
    atol.setFaults({ failNext: { count: 2, type: "timeout", code: 1 } })
    for (let i = 0; i < 3; i++) {
      await sell(v5Sell(nextExternalId()), t)
    }
    await atol.idle()
    expect(atol.ledger().map((entry) => entry.status)).toEqual([
      "fail",
      "fail",
      "done",
    ])
    expect(atol.ledger()[0].error).toEqual({
      type: "timeout",
      code: 1,
      text: "Превышено время ожидания чека в очереди.",
    })
  })

  it("stuckInWait keeps documents waiting until switched off", async () => {
    const t = await token()
    atol.setFaults({ stuckInWait: true })
    await sell(v5Sell(nextExternalId()), t)
    await atol.idle()
    expect(atol.ledger()[0].status).toBe("wait")
    atol.setFaults({ stuckInWait: false })
    await atol.idle()
    expect(atol.ledger()[0].status).toBe("done")
  })

  it("the same seed gives the same tokens, uuids, fiscal numbers and dice", async () => {
    const run = async () => {
      const emulator = await startAtolEmulator({
        seed: 9,
        processingDelayMs: 0,
        faults: { serverErrorRate: 0.5 },
      })
      try {
        const statuses: number[] = []
        let t: string | undefined
        while (!t) t = await token(emulator)
        for (let i = 0; i < 8; i++) {
          statuses.push((await sell(v5Sell(`seeded-${i}`), t, emulator)).status)
        }
        await emulator.idle()
        return {
          t,
          statuses,
          ledger: emulator
            .ledger()
            .map((e) => [e.uuid, e.fiscal?.fiscal_document_attribute]),
        }
      } finally {
        await emulator.close()
      }
    }
    const first = await run()
    expect(first.statuses).toContain(500)
    expect(first.statuses).toContain(200)
    expect(await run()).toEqual(first)
  })

  it("refuses a malformed fault plan without changing the current one", async () => {
    const res = await request(atol.url)
      .post("/__control/faults")
      .send({ serverErrorRate: 2 })
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(/serverErrorRate/)
    const bad = await request(atol.url)
      .post("/__control/faults")
      .send({ next: [{ fault: "explode" }] })
    expect(bad.status).toBe(400)
    expect(
      (await request(atol.url).get("/__control/faults")).body.serverErrorRate
    ).toBe(0)
  })
})

describe("control API", () => {
  it("sets faults, lists the ledger, expires tokens, resets", async () => {
    const t = await token()
    const externalId = nextExternalId()
    await sell(v5Sell(externalId), t)
    await request(atol.url).get("/__control/idle").expect(200)

    const ledger = await request(atol.url).get(
      `/__control/ledger?group=${V5.group}&external_id=${externalId}`
    )
    expect(ledger.body).toHaveLength(1)
    expect(ledger.body[0]).toMatchObject({
      group: V5.group,
      external_id: externalId,
      operation: "sell",
      api_version: 5,
      status: "done",
      total: 500,
    })
    expect(ledger.body[0].payload.receipt.company.inn).toBe(ATOL_TEST_INN)

    await request(atol.url).post("/__control/tokens/expire").expect(200)
    expect((await sell(v5Sell(nextExternalId()), t)).body.error.code).toBe(11)

    const faults = await request(atol.url)
      .post("/__control/faults")
      .send({ latencyMs: 5 })
    expect(faults.body.latencyMs).toBe(5)

    const stats = await request(atol.url).get("/__control/stats")
    expect(stats.body.requests).toMatchObject({ getToken: 1, register: 2 })
    expect(stats.body.tokens_issued).toBe(1)

    await request(atol.url).post("/__control/reset").expect(200)
    expect((await request(atol.url).get("/__control/ledger")).body).toEqual([])
    expect(
      (await request(atol.url).get("/__control/faults")).body.latencyMs
    ).toBe(0)
    const accounts = await request(atol.url).get("/__control/accounts")
    expect(accounts.body.map((a: { login: string }) => a.login)).toEqual(
      ATOL_TEST_ACCOUNTS.map((a) => a.login)
    )
  })

  it("answers 404 for unknown paths", async () => {
    expect((await request(atol.url).get("/__control/nothing")).status).toBe(404)
    expect((await request(atol.url).get("/possystem/v3/getToken")).status).toBe(
      404
    )
  })
})

describe('report rate limit (docs/vendors/atol.md, "Limits")', () => {
  it("refuses a second report within a second for a one-kassa group and counts it", async () => {
    const t = await token()
    const sent = await sell(v5Sell(nextExternalId()), t)
    const path = `/possystem/v5/${V5.group}/report/${sent.body.uuid}`
    const first = await request(atol.url).get(path).set("Token", t)
    const second = await request(atol.url).get(path).set("Token", t)
    expect(first.status).toBe(200)
    expect(second.status).toBe(429)
    expect(second.headers["retry-after"]).toBe("1")
    expect(atol.stats().reports[V5.group]).toMatchObject({
      kassa_count: 1,
      requests: 2,
      rejected: 1,
      max_per_second: 2,
      max_per_kassa_per_second: 2,
    })
  })

  it("allows one per second per kassa of a bigger group", async () => {
    const big = await startAtolEmulator({
      processingDelayMs: 0,
      accounts: [
        {
          login: "big",
          password: "pw",
          groups: [
            {
              code: "big_1",
              inn: ATOL_TEST_INN,
              api_version: 5,
              kassa_count: 3,
            },
          ],
        },
      ],
    })
    try {
      const t = (
        await request(big.url)
          .post("/possystem/v5/getToken")
          .set("Content-Type", "application/json")
          .send({ login: "big", pass: "pw" })
      ).body.token
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (
            await request(big.url)
              .get(
                `/possystem/v5/big_1/report/00000000-0000-0000-0000-000000000000`
              )
              .set("Token", t)
          ).status
        )
      }
      expect(statuses).toEqual([400, 400, 400, 429])
    } finally {
      await big.close()
    }
  })
})

describe('callbacks (docs/vendors/atol.md, "Callbacks")', () => {
  it("posts the report body to callback_url once the document is processed", async () => {
    const sink = await startCallbackSink()
    try {
      const t = await token()
      const externalId = nextExternalId()
      const sent = await sell(
        v5Sell(externalId, { root: { service: { callback_url: sink.url } } }),
        t
      )
      await atol.idle()
      expect(sink.bodies).toHaveLength(1)
      expect(sink.bodies[0]).toMatchObject({
        uuid: sent.body.uuid,
        status: "done",
        external_id: externalId,
        group_code: V5.group,
        callback_url: sink.url,
      })
      expect(atol.ledger()[0].callbacks).toEqual([
        expect.objectContaining({ url: sink.url, status: 200 }),
      ])
    } finally {
      await sink.close()
    }
  })

  it("also posts failures", async () => {
    const sink = await startCallbackSink()
    try {
      const t = await token()
      atol.setFaults({ failNext: { type: "agent", code: 2009 } })
      await sell(
        v5Sell(nextExternalId(), {
          root: { service: { callback_url: sink.url } },
        }),
        t
      )
      await atol.idle()
      expect(sink.bodies[0]).toMatchObject({
        status: "fail",
        error: { type: "agent", code: 2009 },
      })
    } finally {
      await sink.close()
    }
  })

  it("warns instead of calling back when the URL fails ATOL's mask", async () => {
    const t = await token()
    const sent = await sell(
      v5Sell(nextExternalId(), {
        root: { service: { callback_url: "ftp://shop/cb" } },
      }),
      t
    )
    expect(sent.status).toBe(200)
    await atol.idle()
    const entry = atol.ledger()[0]
    expect(entry.status).toBe("done")
    expect(entry.warnings).toEqual({
      callback_url: "callback_url не соответствует маске",
    })
    expect(entry.callbacks).toEqual([])
  })

  it("records an unreachable callback and still finishes the document", async () => {
    const t = await token()
    await sell(
      v5Sell(nextExternalId(), {
        root: { service: { callback_url: "http://127.0.0.1:1/cb" } },
      }),
      t
    )
    await atol.idle()
    expect(atol.ledger()[0].callbacks[0].error).toMatch(/ECONNREFUSED/)
  })
})
