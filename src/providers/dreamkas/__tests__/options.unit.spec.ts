import { DreamkasFiscalProvider } from ".."
import { dreamkasApiBase } from "../options"

describe("Dreamkas options", () => {
  it("applies the defaults", () => {
    expect(
      DreamkasFiscalProvider.parseConfig({
        token: "t0ken",
        device_id: "123456",
      })
    ).toEqual({
      token: "t0ken",
      device_id: 123456,
      base_url: "https://kabinet.dreamkas.ru",
      timeout_ms: 15000,
      fiscalization_timeout_min: 15,
      tax_name_vat22: "NDS_22",
      tax_name_vat122: "NDS_22_CALCULATED",
      subscribe_webhooks: true,
    })
  })

  it.each([
    [{ device_id: 1 }, "token"],
    [{ token: "t" }, "device_id"],
    [{ token: "t", device_id: 0 }, "device_id"],
    [{ token: "t", device_id: "12a" }, "device_id"],
    [
      { token: "t", device_id: 1, base_url: "ftp://kabinet.dreamkas.ru" },
      "base_url",
    ],
    [
      { token: "t", device_id: 1, fiscalization_timeout_min: 0 },
      "fiscalization_timeout_min",
    ],
    [{ token: "t", device_id: 1, tax_name_vat22: "nds 22" }, "tax_name_vat22"],
  ])("rejects %j naming %s, never the token's value", (input, field) => {
    let error:
      { issues?: { path: PropertyKey[]; message: string }[] } | undefined
    try {
      DreamkasFiscalProvider.parseConfig(input)
    } catch (e) {
      error = e as typeof error
    }
    expect(error?.issues?.map((i) => i.path.join("."))).toContain(field)
    expect(JSON.stringify(error?.issues)).not.toContain('"t"')
  })

  it("reads booleans from form strings", () => {
    expect(
      DreamkasFiscalProvider.parseConfig({
        token: "t",
        device_id: 1,
        subscribe_webhooks: "false",
      }).subscribe_webhooks
    ).toBe(false)
  })

  it.each([
    ["https://kabinet.dreamkas.ru", "https://kabinet.dreamkas.ru/api"],
    ["https://kabinet.dreamkas.ru/", "https://kabinet.dreamkas.ru/api"],
    ["https://kabinet.dreamkas.by/api", "https://kabinet.dreamkas.by/api"],
    ["http://127.0.0.1:4020/api/", "http://127.0.0.1:4020/api"],
    ["http://proxy.local/dreamkas", "http://proxy.local/dreamkas/api"],
  ])("API base of %s is %s", (base_url, apiBase) => {
    expect(dreamkasApiBase({ base_url })).toBe(apiBase)
  })

  it("declares the token secret, in the form too, and keeps it out of the account key", () => {
    expect(DreamkasFiscalProvider.secretFields).toEqual(["token"])
    const secret = DreamkasFiscalProvider.configFields
      .filter((f) => f.secret)
      .map((f) => f.name)
    expect(secret).toEqual(["token"])
    const config = DreamkasFiscalProvider.parseConfig({
      token: "very-secret",
      device_id: 42,
    })
    expect(DreamkasFiscalProvider.accountKey(config)).toBe(
      "dreamkas|https://kabinet.dreamkas.ru/api|42"
    )
  })

  it("builds the admin form from fields the schema knows, with both languages", () => {
    const config = DreamkasFiscalProvider.parseConfig({
      token: "t",
      device_id: 1,
    })
    for (const field of DreamkasFiscalProvider.configFields) {
      expect(Object.keys(config)).toContain(field.name)
      expect(field.label.en && field.label.ru).toBeTruthy()
    }
    expect(
      DreamkasFiscalProvider.configFields
        .filter((f) => f.required)
        .map((f) => f.name)
    ).toEqual(["token", "device_id"])
  })
})
