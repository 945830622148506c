import { ModulKassaFiscalProvider } from ".."
import { MODULKASSA_CONFIG_FIELDS } from "../config-fields"
import { MODULKASSA_HOSTS, modulKassaApiBase } from "../options"

const BASE = {
  retail_point_id: "aeea034e-cc10-4641-8831-38449355662f",
  login: "shop@example.com",
  password: "secret",
}

describe("parseConfig", () => {
  it("defaults", () => {
    expect(ModulKassaFiscalProvider.parseConfig(BASE)).toEqual({
      ...BASE,
      host: "production",
      auto_associate: false,
      document_id: "uuid",
      document_api: "v2",
      print_receipt: false,
      timeout_ms: 15000,
      auto_requeue_limit: 3,
    })
  })

  it("takes service credentials alone (the account password may be removed after associating)", () => {
    const config = ModulKassaFiscalProvider.parseConfig({
      retail_point_id: BASE.retail_point_id,
      service_user: "u",
      service_password: "p",
    })
    expect(config).toMatchObject({ service_user: "u", service_password: "p" })
    expect(config.login).toBeUndefined()
  })

  it.each([
    [{ retail_point_id: BASE.retail_point_id }, "login"],
    [{ ...BASE, service_user: "u" }, "service_password"],
    [{ ...BASE, retail_point_id: "" }, "retail_point_id"],
    [{ ...BASE, host: "staging" }, "host"],
    [{ ...BASE, base_url: "ftp://x" }, "base_url"],
    [{ ...BASE, cashier_inn: "12" }, "cashier_inn"],
    [{ ...BASE, vat_tags: { vat22: -1 } }, "vat_tags"],
    [{ ...BASE, vat_tags: { vat99: 1 } }, "vat_tags"],
    [{ ...BASE, document_id: "random" }, "document_id"],
  ])("refuses %j naming %s", (input, field) => {
    const result = (() => {
      try {
        ModulKassaFiscalProvider.parseConfig(input)
      } catch (e) {
        return e as { issues: { path: (string | number)[] }[] }
      }
    })()
    expect(result?.issues.map((issue) => issue.path[0])).toContain(field)
  })

  it("reads vat_tags from the admin's JSON text and ignores empty form fields", () => {
    const config = ModulKassaFiscalProvider.parseConfig({
      ...BASE,
      vat_tags: '{"vat22": 1200, "vat122": 1201}',
      service_user: "",
      service_password: "",
      cashier_inn: " ",
      client_id: "",
    })
    expect(config.vat_tags).toEqual({ vat22: 1200, vat122: 1201 })
    expect(config.service_user).toBeUndefined()
    expect(config.cashier_inn).toBeUndefined()
    expect(
      ModulKassaFiscalProvider.parseConfig({ ...BASE, vat_tags: "" }).vat_tags
    ).toBeUndefined()
  })

  it("API bases: production, test, a base_url with a path, a bare emulator root", () => {
    expect(modulKassaApiBase({ host: "production" })).toBe(
      MODULKASSA_HOSTS.production
    )
    expect(modulKassaApiBase({ host: "test" })).toBe(
      "https://demo-fn.avanpos.com/fn"
    )
    expect(
      modulKassaApiBase({
        host: "test",
        base_url: "https://service.modulpos.ru/api/fn/",
      })
    ).toBe("https://service.modulpos.ru/api/fn")
    expect(
      modulKassaApiBase({
        host: "production",
        base_url: "http://127.0.0.1:4020",
      })
    ).toBe("http://127.0.0.1:4020/api/fn")
  })
})

describe("definition", () => {
  it("lists the secrets, and every secret form field is a secret field", () => {
    expect(ModulKassaFiscalProvider.secretFields).toEqual([
      "password",
      "service_password",
    ])
    const secretInputs = MODULKASSA_CONFIG_FIELDS.filter(
      (field) => field.secret
    ).map((field) => field.name)
    expect(secretInputs.sort()).toEqual(
      [...ModulKassaFiscalProvider.secretFields].sort()
    )
  })

  it("every form field is an option of the schema and has both languages", () => {
    const config = ModulKassaFiscalProvider.parseConfig(BASE) as Record<
      string,
      unknown
    >
    const known = new Set([
      ...Object.keys(config),
      "base_url",
      "service_user",
      "service_password",
      "client_id",
      "vat_tags",
      "cashier_name",
      "cashier_inn",
      "cashier_position",
    ])
    for (const field of MODULKASSA_CONFIG_FIELDS) {
      expect(known.has(field.name)).toBe(true)
      expect(field.label.en && field.label.ru).toBeTruthy()
    }
  })

  it("account key: one per installation and retail point", () => {
    const a = ModulKassaFiscalProvider.parseConfig(BASE)
    const b = ModulKassaFiscalProvider.parseConfig({ ...BASE, host: "test" })
    expect(ModulKassaFiscalProvider.accountKey(a)).toBe(
      `modulkassa|https://my.modulkassa.ru/api/fn|${BASE.retail_point_id}`
    )
    expect(ModulKassaFiscalProvider.accountKey(a)).not.toBe(
      ModulKassaFiscalProvider.accountKey(b)
    )
  })

  it("creates a provider with the capabilities the pipeline adapts to", () => {
    const provider = new ModulKassaFiscalProvider(
      {},
      ModulKassaFiscalProvider.parseConfig(BASE)
    )
    expect(provider.identifier).toBe("modulkassa")
    expect(provider.capabilities).toEqual({
      async: true,
      dedupesExternalId: false,
      callbacks: true,
      ffd: ["1.05"],
      maxLines: 100,
      maxNameLength: 128,
      minCheckIntervalMs: 1000,
      marking: { codes: true, fractional: false, industryRequisites: false },
      corrections: { sell: false, sellRefund: false },
    })
  })
})
