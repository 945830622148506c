import type { AtolEmulator } from "medusa-fiscal-emulator/atol"
import {
  V4_ACCOUNT,
  V5_ACCOUNT,
  exchangeLog,
  providerFor,
  resetProcessState,
  startTestEmulator,
} from "./harness"
import { HANG_TIMEOUT_MS } from "../../_shared/__tests__/spec-helpers"
import { useEmulator } from "../../_shared/__tests__/use-emulator"

let atol: AtolEmulator

useEmulator(
  () => startTestEmulator(),
  (e) => (atol = e),
  resetProcessState
)

describe("testConnection", () => {
  it("connects with the published test account", async () => {
    const result = await providerFor(atol).testConnection()
    expect(result).toEqual({
      ok: true,
      message: `Connected to ATOL Online v5 at ${atol.url}/possystem/v5/: login "${V5_ACCOUNT.login}", group "${V5_ACCOUNT.groups[0].code}"`,
    })
  })

  it.each([
    [
      { password: "Wrong-Pa55" },
      /rejected login "v5-online-atol-ru" or its password \(error 12\)/,
    ],
    [
      { group: "v5-unknown_1" },
      /Group "v5-unknown_1" does not belong to login "v5-online-atol-ru" \(error 20\)/,
    ],
    [
      {
        version: 4 as const,
        login: V5_ACCOUNT.login,
        password: V5_ACCOUNT.password,
        group: V5_ACCOUNT.groups[0].code,
      },
      /does not work with API v4 \(error 21\)\. Set api_version to 5/,
    ],
  ])("explains %j", async (overrides, message) => {
    const result = await providerFor(atol, overrides).testConnection()
    expect(result.ok).toBe(false)
    expect(result.message).toMatch(message)
    const password =
      "password" in overrides ? overrides.password : V5_ACCOUNT.password
    expect(result.message).not.toContain(password)
  })

  it("explains a blocked user", async () => {
    const blocked = await startTestEmulator({
      accounts: [
        {
          login: "blocked-shop",
          password: "Bl0cked",
          blocked: true,
          groups: [],
        },
      ],
    })
    try {
      const result = await providerFor(blocked, {
        login: "blocked-shop",
        password: "Bl0cked",
        group: "g",
      }).testConnection()
      expect(result).toEqual({
        ok: false,
        message:
          'ATOL user "blocked-shop" is blocked (error 14). Contact ATOL support.',
      })
    } finally {
      await blocked.close()
    }
  })

  it("explains an unreachable host", async () => {
    const gone = await startTestEmulator()
    const provider = providerFor(gone)
    await gone.close()
    const result = await provider.testConnection()
    expect(result.ok).toBe(false)
    expect(result.message).toMatch(
      /ATOL is unreachable at http:\/\/127\.0\.0\.1:\d+\/possystem\/v5\/: ECONNREFUSED/
    )
    expect(result.message).not.toContain(V5_ACCOUNT.password)
  })

  it("explains a host that hangs", async () => {
    atol.setFaults({ next: [{ fault: "hang", on: "getToken" }] })
    const result = await providerFor(atol, {
      timeout_ms: HANG_TIMEOUT_MS,
    }).testConnection()
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/unreachable.*ETIMEDOUT/),
    })
  })

  it("works for v4 and logs redacted exchanges", async () => {
    const { exchanges, ctx } = exchangeLog()
    const result = await providerFor(atol, { version: 4 }).testConnection(ctx)
    expect(result.ok).toBe(true)
    expect(exchanges.map((e) => e.operation)).toEqual(["getToken", "report"])
    expect(JSON.stringify(exchanges)).not.toContain(V4_ACCOUNT.password)
  })

  it("does not register anything", async () => {
    await providerFor(atol).testConnection()
    expect(atol.ledger()).toEqual([])
  })
})
