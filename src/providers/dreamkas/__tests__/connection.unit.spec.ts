import type { DreamkasEmulator } from "medusa-fiscal-emulator/dreamkas"
import {
  DREAMKAS_TEST_TOKEN,
  exchangeLog,
  providerFor,
  resetProcessState,
  startTestEmulator,
} from "./harness"
import { HANG_TIMEOUT_MS } from "../../_shared/__tests__/spec-helpers"
import { useEmulator } from "../../_shared/__tests__/use-emulator"

let dreamkas: DreamkasEmulator

useEmulator(
  () => startTestEmulator(),
  (e) => (dreamkas = e),
  resetProcessState
)

describe("testConnection (GET /api/devices)", () => {
  it("connects and lists the devices of the account", async () => {
    const { exchanges, ctx } = exchangeLog()
    const result = await providerFor(dreamkas).testConnection(ctx)
    expect(result).toEqual({
      ok: true,
      message: `Connected to Dreamkas at ${dreamkas.url}/api: device 123456 "Интернет-магазин". Devices of the account: 123456 "Интернет-магазин", 123457 "Касса в зале".`,
    })
    expect(
      exchanges.map((e) => `${e.operation} ${e.method} ${e.http_status}`)
    ).toEqual(["devices GET 200"])
    expect(JSON.stringify(exchanges)).not.toContain(DREAMKAS_TEST_TOKEN)
  })

  it("explains a device that is not in the account, listing the ones that are", async () => {
    const result = await providerFor(dreamkas, {
      device_id: 777,
    }).testConnection()
    expect(result).toEqual({
      ok: false,
      message:
        'Device 777 is not in this Dreamkas account. Devices of the account: 123456 "Интернет-магазин", 123457 "Касса в зале".',
    })
  })

  it("explains an account without devices", async () => {
    const empty = await startTestEmulator({
      accounts: [{ token: "empty-account-token", devices: [] }],
    })
    try {
      const result = await providerFor(empty, {
        token: "empty-account-token",
      }).testConnection()
      expect(result.ok).toBe(false)
      expect(result.message).toMatch(
        /^The Dreamkas account has no devices; device 123456 cannot print receipts/
      )
    } finally {
      await empty.close()
    }
  })

  it.each([
    ["a wrong token", "wrong-token-Xy12", 401],
    ["a revoked token", DREAMKAS_TEST_TOKEN, 401],
  ])("explains %s without echoing it", async (_name, token, status) => {
    if (token === DREAMKAS_TEST_TOKEN) {
      dreamkas.revokeTokens()
    }
    const result = await providerFor(dreamkas, { token }).testConnection()
    expect(result).toEqual({
      ok: false,
      message: `Dreamkas rejected the token (HTTP ${status}). Generate a new API token in Кабинет Дримкас and paste it into the settings.`,
    })
    expect(result.message).not.toContain(token)
  })

  it("explains a token without API rights", async () => {
    const limited = await startTestEmulator({
      accounts: [{ token: "no-rights-token", forbidden: true, devices: [] }],
    })
    try {
      const result = await providerFor(limited, {
        token: "no-rights-token",
      }).testConnection()
      expect(result.message).toMatch(/rejected the token \(HTTP 403\)/)
    } finally {
      await limited.close()
    }
  })

  it("explains an unreachable host", async () => {
    const gone = await startTestEmulator()
    const provider = providerFor(gone)
    await gone.close()
    const result = await provider.testConnection()
    expect(result.ok).toBe(false)
    expect(result.message).toMatch(
      /^Dreamkas is unreachable at http:\/\/127\.0\.0\.1:\d+\/api: ECONNREFUSED\. Check base_url/
    )
  })

  it("explains a host that hangs", async () => {
    dreamkas.setFaults({ next: [{ fault: "hang", on: "devices" }] })
    const result = await providerFor(dreamkas, {
      timeout_ms: HANG_TIMEOUT_MS,
    }).testConnection()
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/unreachable.*ETIMEDOUT/),
    })
  })

  it("explains a base_url that is not the API", async () => {
    const result = await providerFor(dreamkas, {
      base_url: `${dreamkas.url}/nothing-here`,
    }).testConnection()
    expect(result).toEqual({
      ok: false,
      message: `Dreamkas answered 404 at ${dreamkas.url}/nothing-here/api/devices: check base_url.`,
    })
  })

  it("explains a server error", async () => {
    dreamkas.setFaults({ next: [{ fault: "server_error", on: "devices" }] })
    const result = await providerFor(dreamkas).testConnection()
    expect(result).toEqual({
      ok: false,
      message:
        "Dreamkas connection test failed: Dreamkas devices failed: 500 INTERNAL_ERROR - Внутренняя ошибка сервера",
    })
  })

  it("never echoes the token, even if Dreamkas did", async () => {
    const echo = await startTestEmulator({
      accounts: [
        {
          token: "Echo-Token-123",
          devices: [{ id: 5, name: "Echo-Token-123", inn: "7712345671" }],
        },
      ],
    })
    try {
      const result = await providerFor(echo, {
        token: "Echo-Token-123",
        device_id: 5,
      }).testConnection()
      expect(result.ok).toBe(true)
      expect(result.message).not.toContain("Echo-Token-123")
    } finally {
      await echo.close()
    }
  })

  it("registers nothing", async () => {
    await providerFor(dreamkas).testConnection()
    expect(dreamkas.ledger()).toEqual([])
  })
})
