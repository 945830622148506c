import {
  ConfigError,
  RetryableError,
  VendorFailedError,
  type FiscalProviderClass,
  type WireExchange,
} from ".."
import { PasswordKassa } from "../../../modules/fiscal/__tests__/fixtures/test-providers"
import { saleDocument } from "../../_shared/__tests__/fixtures"

const SECRET = "Kassa-Pa55-Secret"

function provider() {
  return new PasswordKassa(
    {},
    PasswordKassa.parseConfig({ login: "shop", password: SECRET })
  )
}

const request = {
  externalId: "frc_1-0",
  document: saleDocument(),
  company: {
    inn: "7707083893",
    email: "shop@example.com",
    payment_address: "https://shop.example.com",
    sno: "osn" as const,
  },
}

describe("AbstractFiscalProvider", () => {
  it("validates settings with its schema and names its vendor", () => {
    expect(PasswordKassa.parseConfig({ login: "a", password: "b" })).toEqual({
      login: "a",
      password: "b",
      timeout_ms: 1000,
    })
    expect(() => PasswordKassa.parseConfig({ login: "a" })).toThrow(/password/)
    expect(provider().identifier).toBe("password-kassa")
  })

  it("keeps configured secrets out of thrown messages and reported exchanges", async () => {
    const kassa = provider()
    const exchanges: WireExchange[] = []
    kassa.next = async (ctx) => {
      ctx?.onExchange?.({
        operation: "sell",
        method: "POST",
        url: `https://kassa.test/sell?key=${SECRET}`,
        request: { auth: { [SECRET]: SECRET } },
        response: [`echo ${SECRET}`],
        duration_ms: 5,
      })
      throw new VendorFailedError({
        provider: "password-kassa",
        operation: "sell",
        message: `refused password ${SECRET}`,
      })
    }
    const error = await kassa
      .register(request, { onExchange: (e) => exchanges.push(e) })
      .catch((e: Error) => e)
    expect(error).toBeInstanceOf(VendorFailedError)
    expect((error as Error).message).toBe("refused password ***")
    expect(exchanges).toEqual([
      expect.objectContaining({
        url: "https://kassa.test/sell?key=***",
        request: { auth: { "***": "***" } },
        response: ["echo ***"],
      }),
    ])
  })

  it("answers a connection test without throwing and without a secret", async () => {
    const kassa = provider()
    kassa.next = async () => ({ ok: true, message: `logged in with ${SECRET}` })
    expect(await kassa.testConnection()).toEqual({
      ok: true,
      message: "logged in with ***",
    })
    kassa.next = async () => {
      throw new Error(`socket closed after ${SECRET}`)
    }
    expect(await kassa.testConnection()).toEqual({
      ok: false,
      message: "Password Kassa connection test failed: socket closed after ***",
    })
  })

  it("explains an unreachable service, refused settings and other failures", async () => {
    const kassa = provider()
    const explain = async (error: Error) => {
      kassa.next = async () => {
        throw error
      }
      return (await kassa.testConnection()).message
    }
    const init = { provider: "password-kassa", operation: "probe" }
    expect(
      await explain(
        new RetryableError({ ...init, message: "down", code: "ECONNREFUSED" })
      )
    ).toBe(
      "Password Kassa is unreachable: ECONNREFUSED. Check host/base_url and the network."
    )
    expect(
      await explain(new ConfigError({ ...init, message: "Wrong group g1." }))
    ).toBe("Wrong group g1.")
    expect(
      await explain(new VendorFailedError({ ...init, message: "no kassa" }))
    ).toBe("Password Kassa connection test failed: no kassa")
  })

  it("checks boot options: missing credentials pass, wrong types and unknown fields do not", () => {
    expect(() => PasswordKassa.validateOptions({ login: "shop" })).not.toThrow()
    expect(() => PasswordKassa.validateOptions(undefined)).not.toThrow()
    let message = ""
    try {
      PasswordKassa.validateOptions({
        login: "shop",
        password: 12345678,
        passwrd: SECRET,
      })
    } catch (e) {
      message = (e as Error).message
    }
    expect(message).toMatch(/invalid options of the Password Kassa provider/)
    expect(message).toMatch(/unknown field: `passwrd`/)
    expect(message).toMatch(/`password`: Invalid input: expected string/)
    expect(message).not.toContain(SECRET)
    expect(message).not.toContain("12345678")
  })

  it("is a provider class the module can register", () => {
    const service: FiscalProviderClass = PasswordKassa
    const { identifier, title, secretFields, configFields } = service
    expect({ identifier, title, secretFields }).toEqual({
      identifier: "password-kassa",
      title: "Password Kassa",
      secretFields: ["password"],
    })
    expect(configFields.map((f) => f.name)).toEqual(["login", "password"])
  })
})
