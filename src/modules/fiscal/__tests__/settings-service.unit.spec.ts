import { ModuleProvider } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { AbstractFiscalProvider } from "../../../providers/kit"
import type {
  ProviderConfigField,
  RegisterOutcome,
  StatusOutcome,
} from "../types/provider"
import { FieldErrors } from "../settings/field-errors"
import { decryptJson, parseEncryptionKey } from "../utils/crypto"
import { settingsServiceFor } from "./fixtures/settings"
import {
  PasswordKassa,
  TokenKassa,
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

/**
 * A vendor reached at an address the admin can change (`base_url`, or `region` choosing one
 * of its installations), with a password and an optional second secret; it remembers what
 * each connection test was given.
 */
class EndpointKassa extends AbstractFiscalProvider {
  static override readonly identifier = "endpoint-kassa"
  static override readonly title = "Endpoint Kassa"
  static override readonly configSchema = z
    .object({
      login: z.string().min(1),
      password: z.string().min(1),
      api_key: z.string().min(1).optional(),
      needs_key: z.boolean().default(false),
      region: z.enum(["eu", "ru"]).default("ru"),
      base_url: z.string().url().optional(),
      timeout_ms: z.number().int().min(50).default(1000),
    })
    .superRefine((value, ctx) => {
      if (value.needs_key && !value.api_key) {
        ctx.addIssue({
          code: "custom",
          path: ["api_key"],
          message: "is needed with needs_key",
        })
      }
    })
  static override readonly secretFields = ["password", "api_key"]
  static override readonly endpointFields = ["region", "base_url"]
  static override readonly configFields: readonly ProviderConfigField[] = [
    { name: "login", type: "string", label: { en: "Login", ru: "Логин" } },
    {
      name: "password",
      type: "password",
      label: { en: "Password", ru: "Пароль" },
      secret: true,
    },
    {
      name: "region",
      type: "select",
      label: { en: "Region", ru: "Регион" },
      default: "ru",
    },
    { name: "base_url", type: "url", label: { en: "URL", ru: "Адрес" } },
  ]
  /** The settings every connection test ran with, in order. */
  static probed: Record<string, unknown>[] = []

  readonly capabilities = new TokenKassa({}, { token: "t" }).capabilities

  protected async registerDocument(): Promise<RegisterOutcome> {
    throw new Error("not sent in these tests")
  }

  protected async checkDocument(): Promise<StatusOutcome> {
    return { kind: "wait" }
  }

  protected async probeConnection() {
    EndpointKassa.probed.push({ ...this.options_ })
    return {
      ok: true,
      message: `connected to ${String(this.options_.base_url)}`,
    }
  }
}

const ATTACKER_URL = "https://listener.attacker.test"
const STORED_URL = "https://kassa.example"
const KEY_SECRET = "Api-Key-Secret-For-Settings"

const endpointBase = (options: Record<string, unknown> = {}) => ({
  encryption_key: KEY,
  provider: "ep",
  providers: [
    {
      resolve: ModuleProvider("fiscal", { services: [EndpointKassa] }),
      id: "ep",
      options: { login: "shop", ...options },
    },
  ],
})

describe("FiscalSettingsService: secrets go only to the address they were saved for", () => {
  beforeEach(() => {
    EndpointKassa.probed = []
  })

  const leaked = (secret: string) =>
    EndpointKassa.probed.filter((p) => JSON.stringify(p).includes(secret))

  it("tests a form with a changed address only with a secret typed in it", async () => {
    const { service } = await settingsServiceFor(endpointBase())
    await service.save({
      provider_config: { password: PASSWORD, base_url: STORED_URL },
    })

    const refused = await fieldErrorsOf(
      service.testConnection({
        provider_id: "ep",
        provider_config: { login: "shop", base_url: ATTACKER_URL },
      })
    )
    expect(refused.codes["provider_config.password"]).toBe(
      "secret_required_for_new_endpoint"
    )
    expect(refused.fields["provider_config.password"]).toMatch(/again/)
    expect(JSON.stringify(refused.fields)).not.toContain(PASSWORD)
    // the other field that picks the installation counts as well
    const otherRegion = await fieldErrorsOf(
      service.testConnection({
        provider_id: "ep",
        provider_config: { base_url: STORED_URL, region: "eu" },
      })
    )
    expect(otherRegion.codes["provider_config.password"]).toBe(
      "secret_required_for_new_endpoint"
    )
    expect(EndpointKassa.probed).toEqual([])

    // the stored address (the default region written out as the form shows it): the stored secret
    expect(
      await service.testConnection({
        provider_id: "ep",
        provider_config: { base_url: STORED_URL, region: "ru", password: "" },
      })
    ).toEqual({ ok: true, message: `connected to ${STORED_URL}` })
    expect(EndpointKassa.probed[0]).toMatchObject({ password: PASSWORD })

    // a new address with a typed password: that password, and nothing stored
    await service.testConnection({
      provider_id: "ep",
      provider_config: { base_url: ATTACKER_URL, password: "typed-now" },
    })
    expect(EndpointKassa.probed[1]).toMatchObject({
      base_url: ATTACKER_URL,
      password: "typed-now",
    })
    expect(leaked(PASSWORD)).toHaveLength(1)
  })

  it("does not send a secret from the plugin options to another address", async () => {
    const { service } = await settingsServiceFor(
      endpointBase({ password: PASSWORD })
    )
    const refused = await fieldErrorsOf(
      service.testConnection({
        provider_id: "ep",
        provider_config: { base_url: ATTACKER_URL },
      })
    )
    expect(refused.codes["provider_config.password"]).toBe(
      "secret_required_for_new_endpoint"
    )
    const notSaved = await fieldErrorsOf(
      service.save({ provider_config: { base_url: ATTACKER_URL } })
    )
    expect(notSaved.codes["provider_config.password"]).toBe(
      "secret_required_for_new_endpoint"
    )
    expect(leaked(PASSWORD)).toEqual([])
    // the configured address keeps the configured secret
    expect(
      (await service.testConnection({ provider_id: "ep", provider_config: {} }))
        .ok
    ).toBe(true)
  })

  it("does not save a changed address over the stored secrets, so a later test cannot use them", async () => {
    const { service, row } = await settingsServiceFor(endpointBase())
    await service.save({
      provider_config: {
        password: PASSWORD,
        api_key: KEY_SECRET,
        base_url: STORED_URL,
      },
    })
    const before = structuredClone(row())

    const refused = await fieldErrorsOf(
      service.save({
        provider_config: { login: "shop", base_url: ATTACKER_URL },
      })
    )
    expect(refused.codes["provider_config.password"]).toBe(
      "secret_required_for_new_endpoint"
    )
    expect(row()).toEqual(before)

    // a typed password moves the connection; the key saved for the old address is dropped
    await service.save({
      provider_config: { base_url: ATTACKER_URL, password: "typed-now" },
    })
    expect(row()?.provider_config).toEqual({ base_url: ATTACKER_URL })
    expect(stored(row()!.credentials_encrypted)).toEqual({
      password: "typed-now",
    })
    await service.testConnection({
      provider_id: "ep",
      provider_config: { base_url: ATTACKER_URL },
    })
    expect(leaked(PASSWORD)).toEqual([])
    expect(leaked(KEY_SECRET)).toEqual([])
    expect(
      (await service.getEffectiveSettings()).provider_config
    ).not.toHaveProperty("api_key")
  })

  it("says which secret is missing when only some are typed for a new address", async () => {
    const { service } = await settingsServiceFor(endpointBase())
    await service.save({
      provider_config: {
        password: PASSWORD,
        api_key: KEY_SECRET,
        base_url: STORED_URL,
        needs_key: true,
      },
    })
    const errors = await fieldErrorsOf(
      service.testConnection({
        provider_id: "ep",
        provider_config: {
          base_url: ATTACKER_URL,
          needs_key: true,
          password: "typed-now",
        },
      })
    )
    expect(errors.codes["provider_config.api_key"]).toBe(
      "secret_required_for_new_endpoint"
    )
    expect(EndpointKassa.probed).toEqual([])
    expect(leaked(PASSWORD)).toEqual([])
  })
})
