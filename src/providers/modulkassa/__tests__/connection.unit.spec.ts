import type { ModulKassaEmulator } from "medusa-fiscal-emulator/modulkassa"
import {
  ACCOUNT,
  POINT,
  exchangeLog,
  providerFor,
  resetProcessState,
  rotateAssociation,
  serviceCredentials,
  startTestEmulator,
} from "./harness"
import { HANG_TIMEOUT_MS } from "../../_shared/__tests__/spec-helpers"
import { useEmulator } from "../../_shared/__tests__/use-emulator"

let modul: ModulKassaEmulator

useEmulator(
  () => startTestEmulator(),
  (e) => (modul = e),
  resetProcessState
)

describe('testConnection: GET /v1/status (docs/vendors/modulkassa.md, "Service status")', () => {
  it("READY → ok, through the service credentials", async () => {
    const { exchanges, ctx } = exchangeLog()
    const result = await providerFor(modul).testConnection(ctx)
    expect(result).toEqual({
      ok: true,
      message: expect.stringMatching(
        new RegExp(
          `^Connected to МодульКасса at ${modul.url}/api/fn, retail point "${POINT.id}": the fiscal storage is ready \\(reported \\d{4}-`
        )
      ),
    })
    expect(
      exchanges.map((e) => `${e.method} ${e.url} ${e.http_status}`)
    ).toEqual([`GET ${modul.url}/api/fn/v1/status 200`])
  })

  it("reads the lower-case states older documentation shows", async () => {
    const lower = await startTestEmulator({ statusCase: "lower" })
    try {
      expect((await providerFor(lower).testConnection()).ok).toBe(true)
    } finally {
      await lower.close()
    }
  })

  it.each([
    ["ASSOCIATED", /has never reported: receipts will wait in the queue/],
    ["FAILED", /cannot report its fiscal storage state/],
    ["DISABLED", /fiscalization is disabled for its kassa/],
  ] as const)("%s → not ok, explained", async (state, message) => {
    modul.setFnState(state)
    const result = await providerFor(modul).testConnection()
    expect(result.ok).toBe(false)
    expect(result.message).toMatch(message)
  })

  it("READY reported long ago → not ok: the kassa stopped reporting", async () => {
    modul.setFnState("READY", undefined, new Date(Date.now() - 50 * 3_600_000))
    const result = await providerFor(modul).testConnection()
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /last reported the fiscal storage 50 h ago/
      ),
    })
  })

  it("not associated → not ok, says to associate, sends nothing", async () => {
    const { exchanges, ctx } = exchangeLog()
    const result = await providerFor(modul, {
      associated: false,
    }).testConnection(ctx)
    expect(result).toEqual({
      ok: false,
      message: `Retail point "${POINT.id}" is not associated yet: press "Associate" to exchange the account login for the service credentials.`,
    })
    expect(exchanges).toHaveLength(0)
  })

  it("credentials replaced by a later association → 401, explained, no secret echoed", async () => {
    const stale = serviceCredentials(modul)
    const provider = providerFor(modul)
    rotateAssociation(modul)
    const result = await provider.testConnection()
    expect(result.ok).toBe(false)
    expect(result.message).toMatch(
      /refused the service credentials .* \(401\): associating again elsewhere replaced them/
    )
    expect(result.message).not.toContain(stale.password)
    expect(result.message).not.toContain(ACCOUNT.password)
  })

  it("auto_associate: associates on the fly, then checks", async () => {
    const { exchanges, ctx } = exchangeLog()
    const result = await providerFor(modul, {
      associated: false,
      auto_associate: true,
    }).testConnection(ctx)
    expect(result.ok).toBe(true)
    expect(exchanges.map((e) => e.operation)).toEqual([
      "associate",
      "fn_status",
    ])
    const issued = modul
      .associations()
      .find((a) => a.retailPointId === POINT.id)!
    expect(JSON.stringify(exchanges)).not.toContain(issued.password)
    expect(JSON.stringify(exchanges)).not.toContain(ACCOUNT.password)
    expect(exchanges[0].response).toMatchObject({
      userName: expect.any(String),
      password: "***",
    })
  })

  it("auto_associate with a wrong account password → explained, no secret echoed", async () => {
    const result = await providerFor(modul, {
      associated: false,
      auto_associate: true,
      password: "Wrong-Pa55",
    }).testConnection()
    expect(result).toEqual({
      ok: false,
      message: `МодульКасса rejected the account login "${ACCOUNT.login}" or its password (401). Use the login and password of my.modulkassa.ru.`,
    })
  })

  it("unreachable and hanging hosts are explained", async () => {
    const gone = await startTestEmulator()
    const provider = providerFor(gone)
    await gone.close()
    const refused = await provider.testConnection()
    expect(refused).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /МодульКасса is unreachable at http:\/\/127\.0\.0\.1:\d+\/api\/fn: ECONNREFUSED/
      ),
    })
    modul.setFaults({ next: [{ fault: "hang", on: "fnStatus" }] })
    expect(
      await providerFor(modul, { timeout_ms: HANG_TIMEOUT_MS }).testConnection()
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(/unreachable.*ETIMEDOUT/),
    })
  })

  it("a wrong base URL is a configuration problem", async () => {
    const result = await providerFor(modul, {
      base_url: `${modul.url}/wrong/path`,
    }).testConnection()
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /unexpected HTTP 404; check host\/base_url/
      ),
    })
  })

  it("registers nothing", async () => {
    await providerFor(modul).testConnection()
    expect(modul.ledger()).toEqual([])
  })
})
