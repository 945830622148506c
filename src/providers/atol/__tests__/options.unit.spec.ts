import { AtolFiscalProvider } from ".."
import { atolApiBase, reportIntervalMs } from "../options"

const minimal = { login: "shop", password: "pw", group: "shop_1" }

describe("ATOL options", () => {
  it("fills defaults", () => {
    expect(AtolFiscalProvider.parseConfig(minimal)).toEqual({
      ...minimal,
      api_version: 5,
      host: "production",
      source: "medusa-fiscal",
      timeout_ms: 15000,
      kassa_count: 1,
      internet: true,
    })
  })

  it("accepts settings typed as strings in an admin form", () => {
    const config = AtolFiscalProvider.parseConfig({
      ...minimal,
      api_version: "4",
      timeout_ms: "2000",
      kassa_count: "3",
    })
    expect(config).toMatchObject({
      api_version: 4,
      timeout_ms: 2000,
      kassa_count: 3,
    })
  })

  it.each([
    [{ ...minimal, api_version: 3 }, "api_version"],
    [{ ...minimal, login: "" }, "login"],
    [{ ...minimal, password: undefined }, "password"],
    [{ ...minimal, host: "staging" }, "host"],
    [{ ...minimal, base_url: "ftp://x" }, "base_url"],
    [
      { ...minimal, callback_url: `https://x.ru/${"a".repeat(260)}` },
      "callback_url",
    ],
  ])("names the bad field: %j", (input, field) => {
    expect(() => AtolFiscalProvider.parseConfig(input)).toThrow(
      new RegExp(field)
    )
  })

  it("never echoes the password in a validation error", () => {
    try {
      AtolFiscalProvider.parseConfig({ ...minimal, password: "p".repeat(101) })
      throw new Error("should have failed")
    } catch (error) {
      expect(String((error as Error).message)).not.toContain("p".repeat(101))
    }
  })

  it("builds API bases for test, production and emulators", () => {
    expect(atolApiBase({ api_version: 5, host: "production" })).toBe(
      "https://online.atol.ru/possystem/v5/"
    )
    expect(atolApiBase({ api_version: 4, host: "test" })).toBe(
      "https://testonline.atol.ru/possystem/v4/"
    )
    expect(
      atolApiBase({
        api_version: 5,
        host: "production",
        base_url: "http://127.0.0.1:4010/",
      })
    ).toBe("http://127.0.0.1:4010/possystem/v5/")
    expect(
      atolApiBase({
        api_version: 5,
        host: "production",
        base_url: "https://app.example/fiscalorder/v5",
      })
    ).toBe("https://app.example/fiscalorder/v5/")
  })

  it("identifies the account and marks the password secret", () => {
    expect(AtolFiscalProvider.identifier).toBe("atol")
    expect(AtolFiscalProvider.secretFields).toEqual(["password"])
    expect(
      AtolFiscalProvider.accountKey(
        AtolFiscalProvider.parseConfig({ ...minimal, host: "test" })
      )
    ).toBe("atol|https://testonline.atol.ru/possystem/v5/|shop|shop_1")
  })

  it("spaces report requests by 1.05 s divided by the kassas", () => {
    expect(reportIntervalMs(1)).toBe(1050)
    expect(reportIntervalMs(3)).toBe(350)
    expect(reportIntervalMs(100)).toBe(11)
  })
})
