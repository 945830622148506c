import validateOptionsLoader from "../loaders/validate-options"
import { parseFiscalOptions } from "../options"

describe("parseFiscalOptions", () => {
  it("fills the defaults of an empty entry", () => {
    const o = parseFiscalOptions({})
    expect(o).toMatchObject({
      enabled: true,
      sell_trigger: "payment_captured",
      refund_receipts: true,
      cancel_receipts: true,
      retry: {
        intervals_minutes: [1, 5, 15, 30, 60],
        max_attempts: 10,
        retry_daily: false,
      },
      worker: { batch_size: 20, lease_seconds: 120 },
    })
    expect(o.providers).toBeUndefined()
  })

  it("names a wrong option and its allowed values", () => {
    expect(() => parseFiscalOptions({ sell_trigger: "on_shipment" })).toThrow(
      /`sell_trigger`: .*"payment_captured".*"order_placed"/
    )
  })

  it("names an unknown option instead of ignoring a typo", () => {
    expect(() => parseFiscalOptions({ sell_triger: "order_placed" })).toThrow(
      /unknown option: `sell_triger`/
    )
  })

  it("rejects a malformed INN and a bad receipt default", () => {
    expect(() => parseFiscalOptions({ company: { inn: "77-01" } })).toThrow(
      /`company.inn`: must be 10 or 12 digits/
    )
    expect(() =>
      parseFiscalOptions({ receipt: { goodsVat: "vat18" } })
    ).toThrow(/`receipt`: .*goodsVat/)
  })

  it("accepts Medusa's injected database settings and never echoes a value", () => {
    const secret = "postgres://user:TopSecret@db/shop"
    expect(
      parseFiscalOptions({ database: { clientUrl: secret } }).enabled
    ).toBe(true)
    try {
      parseFiscalOptions({
        database: { clientUrl: secret },
        retry: { max_attempts: "TopSecret" },
      })
      throw new Error("expected a failure")
    } catch (e) {
      expect((e as Error).message).toMatch(/retry.max_attempts/)
      expect((e as Error).message).not.toContain("TopSecret")
    }
  })

  it("says what replaced `connections`", () => {
    expect(() =>
      parseFiscalOptions({ connections: { atol: { login: "x" } } })
    ).toThrow(
      /`connections` was replaced by `providers: \[\{ resolve, id, options \}\]`/
    )
    expect(() =>
      parseFiscalOptions({ connections: {}, sell_triger: "order_placed" })
    ).toThrow(/replaced by `providers[\s\S]*unknown option: `sell_triger`/)
  })

  it("takes providers in Medusa's shape and defaults their options", () => {
    const o = parseFiscalOptions({
      provider: "atol-test",
      providers: [
        { resolve: "medusa-fiscal/providers/atol", id: "atol-test" },
        { resolve: { services: [] }, options: { a: 1 }, is_default: false },
      ],
    })
    expect(o.providers).toEqual([
      { resolve: "medusa-fiscal/providers/atol", id: "atol-test", options: {} },
      { resolve: { services: [] }, options: { a: 1 }, is_default: false },
    ])
  })

  it("refuses duplicate ids, two defaults, a conflicting default and a URL-unsafe id", () => {
    const message = (() => {
      try {
        parseFiscalOptions({
          provider: "b",
          providers: [
            { resolve: "x", id: "a" },
            { resolve: "y", id: "a", is_default: true },
            { resolve: "z", is_default: true },
          ],
        })
      } catch (e) {
        return (e as Error).message
      }
      return ""
    })()
    expect(message).toMatch(/`providers.1.id`: "a" is the id of another entry/)
    expect(message).toMatch(
      /`providers`: only one entry may have `is_default: true`/
    )
    expect(message).toMatch(
      /`provider`: names "b" but the entry with `is_default: true` is "a"/
    )
    expect(() =>
      parseFiscalOptions({ providers: [{ resolve: "x", id: "a/b" }] })
    ).toThrow(/`providers.0.id`: must be letters, digits/)
    expect(() => parseFiscalOptions({ providers: [{ resolve: 5 }] })).toThrow(
      /`providers.0.resolve`/
    )
  })
})

describe("the boot check of the options", () => {
  const boot = (options: Record<string, unknown>) =>
    validateOptionsLoader({ options } as never)
  const envBefore = process.env.FISCAL_ENCRYPTION_KEY
  afterEach(() => {
    if (envBefore === undefined) {
      delete process.env.FISCAL_ENCRYPTION_KEY
    } else {
      process.env.FISCAL_ENCRYPTION_KEY = envBefore
    }
  })

  it("stops at a malformed encryption key and says where it came from, never echoing it", async () => {
    delete process.env.FISCAL_ENCRYPTION_KEY
    const err = await boot({ encryption_key: "hunter2-not-a-key" }).catch(
      (e: Error) => e
    )
    expect(err).toBeInstanceOf(Error)
    expect((err as Error).message).toMatch(/`encryption_key` is not usable/)
    expect((err as Error).message).toMatch(/openssl rand -hex 32/)
    expect((err as Error).message).not.toContain("hunter2")

    process.env.FISCAL_ENCRYPTION_KEY = "too-short"
    await expect(boot({})).rejects.toThrow(
      /FISCAL_ENCRYPTION_KEY is not usable/
    )
  })

  it("boots with a well-formed key or none", async () => {
    delete process.env.FISCAL_ENCRYPTION_KEY
    await expect(boot({})).resolves.toBeUndefined()
    await expect(
      boot({ encryption_key: "ab".repeat(32) })
    ).resolves.toBeUndefined()
  })
})
