import { FieldErrors } from "../settings/field-errors"
import { decryptJson, parseEncryptionKey } from "../utils/crypto"
import { settingsServiceFor } from "./fixtures/settings"
import {
  PasswordKassa,
  passwordKassa,
  tokenKassa,
} from "./fixtures/test-providers"

const KEY = "b".repeat(64)
const PASSWORD = "Pa55-Secret-For-Settings"
const TOKEN = "Token-Secret-For-Settings"

const base = {
  encryption_key: KEY,
  provider: "main",
  providers: [
    { resolve: passwordKassa, id: "main", options: { login: "shop" } },
    { resolve: tokenKassa, id: "token" },
  ],
}

const stored = (encrypted: string | null) =>
  encrypted ? decryptJson(parseEncryptionKey(KEY), encrypted) : null

const fieldErrorsOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(FieldErrors)
  return error as FieldErrors
}

describe("FiscalSettingsService", () => {
  it("stores a secret encrypted, shows it only as set, and runs with it", async () => {
    const { service, row } = await settingsServiceFor(base)
    await service.save({
      provider_config: { login: "shop", password: PASSWORD, group: "g1" },
    })
    expect(row()?.provider_config).toEqual({ login: "shop", group: "g1" })
    expect(row()?.credentials_encrypted).not.toContain(PASSWORD)
    expect(stored(row()!.credentials_encrypted)).toEqual({ password: PASSWORD })

    const view = await service.getView("http://shop.test")
    expect(view.provider_secrets).toEqual({ password: { set: true } })
    expect(view.connections.token.secrets).toEqual({ token: { set: false } })
    expect(JSON.stringify(view)).not.toContain(PASSWORD)
    expect(view.callback.url).toMatch(
      /^http:\/\/shop\.test\/hooks\/fiscal\/main\//
    )

    const effective = await service.getEffectiveSettings()
    expect(effective.provider_config).toEqual({
      login: "shop",
      group: "g1",
      password: PASSWORD,
    })
  })

  it("keeps the stored secret when the form leaves it blank", async () => {
    const { service, row } = await settingsServiceFor(base)
    await service.save({ provider_config: { password: PASSWORD } })
    const encrypted = row()?.credentials_encrypted
    await service.save({ provider_config: { login: "shop2", password: "" } })
    expect(row()?.credentials_encrypted).toBe(encrypted)
    expect((await service.getEffectiveSettings()).provider_config).toEqual({
      login: "shop2",
      password: PASSWORD,
    })
  })

  it("never carries a secret over when the provider is switched", async () => {
    const { service, row } = await settingsServiceFor(base)
    await service.save({ provider_config: { password: PASSWORD } })

    await service.save({
      provider_id: "token",
      provider_config: { token: TOKEN },
    })
    expect(stored(row()!.credentials_encrypted)).toEqual({ token: TOKEN })
    const effective = await service.getEffectiveSettings()
    expect(effective.provider_id).toBe("token")
    expect(effective.provider_config).toEqual({ token: TOKEN })

    // back to the first vendor: its password is gone with the switch, and nothing of the
    // token vendor's reaches it
    const errors = await fieldErrorsOf(
      service.save({ provider_id: "main", provider_config: { login: "shop" } })
    )
    expect(errors.fields["provider_config.password"]).toBe("is required")
    await service.save({
      provider_id: "main",
      provider_config: { login: "shop", password: PASSWORD },
    })
    expect(stored(row()!.credentials_encrypted)).toEqual({ password: PASSWORD })
  })

  it("drops the stored credentials when switching without typing a secret", async () => {
    const { service, row } = await settingsServiceFor({
      ...base,
      providers: [
        ...base.providers.slice(0, 1),
        { resolve: tokenKassa, id: "token", options: { token: TOKEN } },
      ],
    })
    await service.save({ provider_config: { password: PASSWORD } })
    await service.save({ provider_id: "token" })
    expect(row()?.credentials_encrypted).toBeNull()
    expect((await service.getEffectiveSettings()).provider_config).toEqual({
      token: TOKEN,
    })
  })

  it("names the field, never the value, when a connection does not validate", async () => {
    const { service } = await settingsServiceFor(base)
    const errors = await fieldErrorsOf(
      service.save({
        provider_config: { password: PASSWORD, timeout_ms: 1 },
      })
    )
    expect(Object.keys(errors.fields)).toEqual(["provider_config.timeout_ms"])
    expect(
      JSON.stringify({ ...errors.fields, m: errors.message })
    ).not.toContain(PASSWORD)
    const unknown = await fieldErrorsOf(service.save({ provider_id: "nope" }))
    expect(unknown.fields.provider_id).toMatch(/known providers: main, token/)
  })

  it("refuses to store a secret without an encryption key, saying how to set one", async () => {
    const keyBefore = process.env.FISCAL_ENCRYPTION_KEY
    delete process.env.FISCAL_ENCRYPTION_KEY
    try {
      const { service, row } = await settingsServiceFor({
        ...base,
        encryption_key: undefined,
      })
      expect(service.encryptionConfigured()).toBe(false)
      const errors = await fieldErrorsOf(
        service.save({ provider_config: { password: PASSWORD } })
      )
      expect(errors.fields["provider_config.password"]).toMatch(
        /FISCAL_ENCRYPTION_KEY/
      )
      expect(row()?.credentials_encrypted).toBeNull()
    } finally {
      if (keyBefore !== undefined) {
        process.env.FISCAL_ENCRYPTION_KEY = keyBefore
      }
    }
  })

  it("tests the unsaved form over the stored secret, scrubbing it from the answer", async () => {
    const { service } = await settingsServiceFor({
      ...base,
      provider: "token",
    })
    await service.save({ provider_config: { token: TOKEN } })
    const result = await service.testConnection({
      provider_id: "token",
      provider_config: { token: "" },
    })
    expect(result).toEqual({ ok: true, message: "token *** accepted" })
    const unknown = await fieldErrorsOf(
      service.testConnection({ provider_id: "nope", provider_config: {} })
    )
    expect(unknown.codes.provider_id).toBe("unknown_provider")
  })

  it("stores what a provider's prepareConnection returns, its secrets encrypted", async () => {
    class PreparingKassa extends PasswordKassa {
      static override readonly identifier = "preparing-kassa"
      static calls = 0
      static async prepareConnection(config: { login: string }) {
        PreparingKassa.calls++
        return { group: `g-of-${config.login}`, password: "issued-password" }
      }
    }
    const { service, row } = await settingsServiceFor({
      encryption_key: KEY,
      providers: [{ resolve: { services: [PreparingKassa] }, id: "prep" }],
    })
    await service.save({
      provider_id: "prep",
      provider_config: { login: "shop", password: PASSWORD },
    })
    expect(PreparingKassa.calls).toBe(1)
    expect(row()?.provider_config).toEqual({
      login: "shop",
      group: "g-of-shop",
    })
    expect(stored(row()!.credentials_encrypted)).toEqual({
      password: "issued-password",
    })
  })
})
