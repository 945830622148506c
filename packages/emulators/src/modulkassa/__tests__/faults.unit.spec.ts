import request from "supertest"

import { startModulKassaEmulator, type ModulKassaEmulator } from ".."
import { runCli } from "../../cli"
import { POINT, SHOP, basic, client, document } from "./fixtures"

let modul: ModulKassaEmulator

beforeAll(async () => {
  modul = await startModulKassaEmulator({ processingDelayMs: 0 })
})
afterAll(() => modul.close())
beforeEach(() => modul.reset({ associations: true }))

function control(method: "get" | "post", path: string, body?: unknown) {
  const req = request(modul.url)[method](`/__control/${path}`)
  return body === undefined
    ? req
    : req.set("Content-Type", "application/json").send(JSON.stringify(body))
}

describe("request faults", () => {
  it("server_error → 500, unavailable → 503, rate_limit → 429 with Retry-After; nothing stored", async () => {
    const c = client(modul)
    modul.setFaults({
      next: [
        { fault: "server_error", on: "send" },
        { fault: "unavailable", on: "send" },
        { fault: "rate_limit", on: "send" },
      ],
    })
    const server = await c.send(document())
    expect(server.status).toBe(500)
    expect(server.body).toMatchObject({
      status: 500,
      error: "Internal Server Error",
      path: "/api/fn/v2/doc",
    })
    expect((await c.send(document())).status).toBe(503)
    const limited = await c.send(document())
    expect(limited.status).toBe(429)
    expect(limited.headers["retry-after"]).toBe("1")
    expect(modul.ledger()).toHaveLength(0)
    expect(modul.stats().faults_injected).toEqual({
      server_error: 1,
      unavailable: 1,
      rate_limit: 1,
    })
  })

  it("process_then_drop stores the document and resets the connection", async () => {
    const c = client(modul)
    modul.setFaults({ next: [{ fault: "process_then_drop", on: "send" }] })
    await expect(c.send(document())).rejects.toThrow(
      /socket hang up|ECONNRESET/
    )
    expect(modul.ledger()).toHaveLength(1)
  })

  it("queued faults match their target only", async () => {
    const c = client(modul)
    modul.setFaults({
      next: [{ fault: "server_error", on: "status", count: 2 }],
    })
    const body = document()
    expect((await c.send(body)).status).toBe(200)
    expect((await c.status(body.id as string)).status).toBe(500)
    expect((await c.status(body.id as string)).status).toBe(500)
    expect((await c.status(body.id as string)).status).toBe(200)
  })

  it("rates are drawn from the seeded dice: the same seed injects the same faults", async () => {
    const runs: number[][] = []
    for (let run = 0; run < 2; run++) {
      const seeded = await startModulKassaEmulator({
        seed: 42,
        processingDelayMs: 0,
        faults: { serverErrorRate: 0.3 },
      })
      try {
        const c = client(seeded)
        const statuses: number[] = []
        for (let i = 0; i < 20; i++) {
          statuses.push((await c.send(document())).status)
        }
        runs.push(statuses)
      } finally {
        await seeded.close()
      }
    }
    expect(runs[0]).toEqual(runs[1])
    expect(runs[0].filter((s) => s === 500).length).toBeGreaterThan(0)
  })

  it("stuckInWait keeps documents QUEUED until switched off", async () => {
    const c = client(modul)
    modul.setFaults({ stuckInWait: true })
    const body = document()
    await c.send(body)
    await modul.idle()
    expect((await c.status(body.id as string)).body.status).toBe("QUEUED")
    modul.setFaults({ stuckInWait: false })
    await modul.idle()
    expect((await c.status(body.id as string)).body.status).toBe("COMPLETED")
  })

  it("failNext fails that many documents, with the type's text or a given one", async () => {
    const c = client(modul)
    modul.setFaults({
      failNext: {
        type: "NON_FN_FAILURE",
        message: "Принтер недоступен",
        count: 2,
      },
    })
    for (let i = 0; i < 3; i++) {
      await c.send(document())
    }
    await modul.idle()
    expect(
      modul.ledger().map((d) => d.failureInfo?.message ?? d.status)
    ).toEqual(["Принтер недоступен", "Принтер недоступен", "COMPLETED"])
  })
})

describe("control API", () => {
  it("faults: read, change, refuse bad input without changing anything", async () => {
    expect(
      (await control("post", "faults", { serverErrorRate: 0.5 })).body
    ).toMatchObject({ serverErrorRate: 0.5 })
    const bad = await control("post", "faults", {
      next: [{ fault: "explode" }],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toMatch(/next\[\]\.fault must be one of/)
    expect(
      (await control("post", "faults", { failNext: { type: "NOPE" } })).status
    ).toBe(400)
    expect((await control("get", "faults")).body).toMatchObject({
      serverErrorRate: 0.5,
      next: [],
    })
  })

  it("ledger with filters, stats, accounts, associations", async () => {
    const c = client(modul)
    const body = document()
    await c.send(body)
    await c.send(document())
    expect((await control("get", `ledger?id=${body.id}`)).body).toEqual([
      expect.objectContaining({ id: body.id }),
    ])
    expect(
      (await control("get", `ledger?docNum=${body.docNum}`)).body
    ).toHaveLength(1)
    expect(
      (await control("get", `ledger?retail_point_id=${POINT.id}`)).body
    ).toHaveLength(2)
    expect((await control("get", "stats")).body).toMatchObject({
      documents: 2,
      requests: { send: 2 },
      associations_issued: 1,
    })
    expect((await control("get", "accounts")).body[0]).toMatchObject({
      login: SHOP.login,
    })
    expect((await control("get", "associations")).body).toEqual([
      expect.objectContaining({
        retailPointId: POINT.id,
        userName: c.association.userName,
      }),
    ])
  })

  it("fn-state and associate", async () => {
    const issued = (
      await control("post", "associate", { retailPointId: POINT.id })
    ).body
    expect(issued).toMatchObject({ retailPointId: POINT.id, login: SHOP.login })
    expect(
      (await control("post", "fn-state", { status: "failed" })).status
    ).toBe(200)
    const status = await request(modul.url)
      .get("/api/fn/v1/status")
      .set("Authorization", basic(issued.userName, issued.password))
    expect(status.body.status).toBe("FAILED")
    expect(
      (await control("post", "fn-state", { status: "BROKEN" })).status
    ).toBe(400)
    expect(
      (await control("post", "associate", { retailPointId: "nope" })).status
    ).toBe(400)
  })

  it("reset keeps associations unless asked; idle answers", async () => {
    const c = client(modul)
    await c.send(document())
    expect((await control("post", "reset")).body).toEqual({ reset: true })
    expect(modul.ledger()).toHaveLength(0)
    expect((await c.fnStatus()).status).toBe(200)
    await control("post", "reset?associations=1")
    expect((await c.fnStatus()).status).toBe(401)
    expect((await control("get", "idle")).body).toEqual({ idle: true })
    expect((await control("get", "nope")).status).toBe(404)
  })

  it("unknown API paths are 404", async () => {
    expect((await request(modul.url).get("/api/fn/v3/doc")).status).toBe(404)
    expect((await request(modul.url).get("/elsewhere")).status).toBe(404)
  })
})

describe("CLI", () => {
  function sink() {
    let text = ""
    return { write: (chunk: string) => (text += chunk), text: () => text }
  }

  it("starts the emulator, prints the accounts and ready service credentials", async () => {
    const out = sink()
    const running = await runCli(
      ["modulkassa", "--port", "0", "--delay", "0", "--duplicate-ids=reject"],
      out,
      sink()
    )
    try {
      const text = out.text()
      expect(text).toContain(
        `МодульКасса emulator listening on ${running!.url}`
      )
      expect(text).toContain(`retail point ${POINT.id}`)
      expect(text).toContain(
        `account login ${SHOP.login}  password ${SHOP.password}`
      )
      const [, user, password] =
        /service_user (\S+)  service_password (\S+)/.exec(text)!
      const status = await request(running!.url)
        .get("/api/fn/v1/status")
        .set("Authorization", basic(user, password))
      expect(status.status).toBe(200)
    } finally {
      await running?.close()
      process.exitCode = undefined
    }
  })

  it("refuses a bad choice", async () => {
    await expect(
      runCli(
        ["modulkassa", "--port", "0", "--duplicate-ids=maybe"],
        sink(),
        sink()
      )
    ).rejects.toThrow(
      /--duplicate-ids must be one of return-existing, reject, create/
    )
  })
})
