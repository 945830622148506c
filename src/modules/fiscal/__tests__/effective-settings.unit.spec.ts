import { parseFiscalOptions } from "../options"
import { resolveEffectiveSettings } from "../settings/effective-settings"
import { EMPTY_ROW } from "./fixtures/settings"

const options = parseFiscalOptions({
  provider: "main",
  company: { inn: "7707083893", email: "options@example.com", sno: "osn" },
  receipt: { goodsVat: "vat10", shippingVat: "vat20" },
  retry: { max_attempts: 5 },
})
const providerOptions = {
  main: { login: "from-options", group: "g-options", timeout_ms: 900 },
  other: { login: "other-login" },
}

describe("resolveEffectiveSettings", () => {
  it("merges plugin options ← the saved row ← the stored credentials", () => {
    const settings = resolveEffectiveSettings({
      options,
      providerOptions,
      defaultProviderId: "main",
      row: {
        ...EMPTY_ROW,
        callback_secret: "row-secret",
        provider_id: "main",
        provider_config: { group: "g-admin", login: "from-admin" },
        company_email: "admin@example.com",
        receipt_defaults: { goodsVat: "vat22" },
        max_attempts: 7,
      },
      credentials: { password: "stored", login: "from-credentials" },
      callbackSecret: "row-secret",
    })
    expect(settings.provider_id).toBe("main")
    expect(settings.provider_config).toEqual({
      login: "from-credentials",
      group: "g-admin",
      timeout_ms: 900,
      password: "stored",
    })
    expect(settings.company).toEqual({
      inn: "7707083893",
      email: "admin@example.com",
      sno: "osn",
    })
    expect(settings.receipt).toEqual({
      goodsVat: "vat22",
      shippingVat: "vat20",
    })
    expect(settings.retry.max_attempts).toBe(7)
    expect(settings.callback.secret).toBe("row-secret")
  })

  it("uses the configured default and its entry's options while nothing is saved", () => {
    const settings = resolveEffectiveSettings({
      options,
      providerOptions,
      defaultProviderId: "main",
      row: null,
      credentials: {},
      callbackSecret: "s",
    })
    expect(settings.provider_id).toBe("main")
    expect(settings.provider_config).toEqual(providerOptions.main)
    expect(settings.retry.max_attempts).toBe(5)
  })

  it("takes the saved provider's entry options, not the default's", () => {
    const settings = resolveEffectiveSettings({
      options,
      providerOptions,
      defaultProviderId: "main",
      row: { ...EMPTY_ROW, callback_secret: "s", provider_id: "other" },
      credentials: {},
      callbackSecret: "s",
    })
    expect(settings.provider_id).toBe("other")
    expect(settings.provider_config).toEqual({ login: "other-login" })
  })
})
