import { MedusaError } from "@medusajs/framework/utils"
import { randomBytes } from "node:crypto"
import type {
  FiscalConnectionTestBody,
  FiscalConnectionTestResponse,
  FiscalSettingsUpdateBody,
  FiscalSettingsView,
  NotificationSettingsUpdate,
} from "../../../types/http/settings"
import type { FiscalOptions } from "../options"
import type { RegisteredFiscalProvider } from "../providers/registered-provider"
import type { RegisteredFiscalProviders } from "../providers/registered-providers"
import { cleanMessage } from "../../../providers/kit/vendor-text"
import { decryptJson, encryptJson, parseEncryptionKey } from "../utils/crypto"
import {
  resolveEffectiveSettings,
  type EffectiveFiscalSettings,
} from "./effective-settings"
import {
  endpointSecrets,
  explainWithheld,
  retypeErrors,
} from "./endpoint-secrets"
import { FieldErrors, scrubSecrets } from "./field-errors"
import { generalPatch, type SettingsPatch } from "./general-patch"
import {
  notificationProblems,
  resolveNotificationSettings,
} from "./notifications"
import {
  mergeProviderConfig,
  parseProviderConfig,
  secretValuesOf,
  splitConfig,
} from "./provider-config"
import type { FiscalSettingsRecord, FiscalSettingsStore } from "./types"
import { buildSettingsView } from "./view"

/** What the settings service is built from; the main service hands it the module's parts. */
export type FiscalSettingsServiceDeps = {
  /** The validated plugin options. Hold secrets. */
  options: FiscalOptions
  /** The providers registered in the module. */
  providers: RegisteredFiscalProviders
  /** The settings row's storage. */
  store: FiscalSettingsStore
}

/**
 * The shop's fiscal settings: the row the admin edits, the credentials stored encrypted in
 * it, and how both combine with the plugin options into the settings the pipeline runs
 * with. Saving validates a connection with its provider's own rules (and runs the
 * provider's `prepareConnection`); a connection can be tested before it is saved. No
 * secret leaves it: views show `{ set }`, messages are scrubbed.
 */
export class FiscalSettingsService {
  private readonly options_: FiscalOptions
  private readonly providers_: RegisteredFiscalProviders
  private readonly store_: FiscalSettingsStore

  constructor(deps: FiscalSettingsServiceDeps) {
    this.options_ = deps.options
    this.providers_ = deps.providers
    this.store_ = deps.store
  }

  /** The stored settings row of the store, created (with a callback secret) on first use. */
  async getRow(): Promise<FiscalSettingsRecord> {
    const row = await this.store_.find()
    if (row) {
      return row
    }
    await this.store_.create(randomBytes(24).toString("hex"))
    const created = await this.store_.find()
    if (!created) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        "The fiscal settings row could not be created."
      )
    }
    return created
  }

  /**
   * The settings the pipeline runs with: defaults ← plugin options ← what the admin saved
   * ← stored credentials. Contains decrypted credentials: internal only. Credentials that
   * cannot be read do not make it fail: they are left out and `credentials_problem` says
   * why, so the problem shows on each receipt sent instead of stopping every caller.
   * `credentials: false` reads no credentials at all (recording a cause needs none).
   */
  async getEffectiveSettings({
    credentials = true,
  }: { credentials?: boolean } = {}): Promise<EffectiveFiscalSettings> {
    const row = await this.getRow()
    let stored: Record<string, unknown> = {}
    let problem: string | undefined
    if (credentials) {
      try {
        stored = await this.credentialsOf_(row)
      } catch (e) {
        problem = (e as Error).message
      }
    }
    const settings = resolveEffectiveSettings({
      options: this.options_,
      providerOptions: this.providerOptions_(),
      defaultProviderId: this.providers_.defaultId(),
      row,
      credentials: stored,
      callbackSecret: this.callbackSecret_(row),
    })
    return problem ? { ...settings, credentials_problem: problem } : settings
  }

  /**
   * The secret vendor callbacks must carry, and nothing else: the plugin option, else the
   * row's one column. No credential is decrypted and no row is created, so a callback with a
   * wrong secret costs at most this read.
   */
  async getCallbackSecret(): Promise<string> {
    return (
      this.options_.callback.secret ??
      (await this.store_.callbackSecret()) ??
      ""
    )
  }

  /** The settings form for the admin; `requestOrigin` completes the callback URL. */
  async getView(requestOrigin: string): Promise<FiscalSettingsView> {
    const row = await this.getRow()
    let credentials: Record<string, unknown> | "unreadable"
    try {
      credentials = await this.credentialsOf_(row)
    } catch {
      credentials = "unreadable"
    }
    return buildSettingsView({
      options: this.options_,
      providers: this.providers_.list(),
      defaultProviderId: this.providers_.defaultId(),
      row,
      credentials,
      callbackSecret: this.callbackSecret_(row),
      encryptionConfigured: this.encryptionConfigured(),
      requestOrigin,
    })
  }

  /**
   * Saves a settings update. Parts absent from it stay as saved; `null` falls back to the
   * plugin options. Throws {@link FieldErrors}, with every problem found, before anything
   * is written.
   */
  async save(body: FiscalSettingsUpdateBody): Promise<void> {
    const row = await this.getRow()
    const patch = generalPatch(row, body)
    if (patch.notifications) {
      const problems = notificationProblems(
        resolveNotificationSettings(
          this.options_.notifications,
          patch.notifications as NotificationSettingsUpdate
        )
      )
      if (problems.length) {
        throw problems.reduce((e, args) => e.add(...args), new FieldErrors())
      }
    }
    if (body.provider_id !== undefined || body.provider_config !== undefined) {
      Object.assign(patch, await this.providerPatch_(row, body))
    }
    if (Object.keys(patch).length) {
      await this.store_.update(row.id, patch)
    }
  }

  /**
   * Tests a connection form as it is, before saving: the posted fields over the stored
   * secrets and the entry's options, on a connection of its own. Throws
   * {@link FieldErrors} when the form does not validate; the message never carries a
   * secret, whatever the vendor or the network said.
   */
  async testConnection(
    body: FiscalConnectionTestBody
  ): Promise<FiscalConnectionTestResponse> {
    if (!this.providers_.has(body.provider_id)) {
      throw new FieldErrors().add(
        "provider_id",
        "is not a known provider",
        "unknown_provider"
      )
    }
    const provider = this.providers_.get(body.provider_id)
    const row = await this.getRow()
    const storedSecrets = await this.storedSecretsFor_(row, provider)
    const { plain, secrets } = splitConfig(provider, body.provider_config)
    // saved secrets go only to the endpoint they were saved for (endpoint-secrets.ts)
    const held = endpointSecrets({
      provider,
      storedConfig: this.storedConfigFor_(row, provider.id),
      storedSecrets,
      plain,
      newSecrets: secrets,
    })
    const retype = retypeErrors(held, secrets, { saving: false })
    if (retype.length) {
      throw retype.reduce((e, args) => e.add(...args), new FieldErrors())
    }
    const merged = mergeProviderConfig({
      fromOptions: held.fromOptions,
      plain,
      storedSecrets: held.storedSecrets,
      newSecrets: secrets,
    })
    const secretValues = [
      ...secretValuesOf(provider, merged),
      ...secretValuesOf(provider, { ...provider.options, ...storedSecrets }),
    ]
    const result = parseProviderConfig(provider, merged)
    if ("errors" in result) {
      throw explainWithheld(result.errors, held).scrub(secretValues)
    }
    let outcome: FiscalConnectionTestResponse
    try {
      outcome = await provider.create(result.config).testConnection()
    } catch (e) {
      outcome = {
        ok: false,
        message: `Connection test failed: ${(e as Error).message}`,
      }
    }
    return {
      ok: outcome.ok,
      message: cleanMessage(scrubSecrets(outcome.message, secretValues)),
    }
  }

  /** Whether a usable key for stored credentials is configured. */
  encryptionConfigured(): boolean {
    try {
      this.encrypt_({})
      return true
    } catch {
      return false
    }
  }

  /**
   * The connection part of an update: non-secret fields in `provider_config`, secrets
   * merged into the stored credentials and encrypted again. Switching providers starts
   * from empty credentials, so one vendor's password never reaches another vendor.
   */
  private async providerPatch_(
    row: FiscalSettingsRecord,
    body: FiscalSettingsUpdateBody
  ): Promise<SettingsPatch> {
    const providerId =
      body.provider_id !== undefined
        ? body.provider_id
        : (row.provider_id ?? this.providers_.defaultId() ?? null)
    if (providerId === null) {
      return {
        provider_id: null,
        provider_config: null,
        credentials_encrypted: null,
      }
    }
    if (!this.providers_.has(providerId)) {
      throw new FieldErrors().add(
        "provider_id",
        `is not a known provider; known providers: ${this.providers_.ids().join(", ")}`,
        "unknown_provider"
      )
    }
    const provider = this.providers_.get(providerId)
    const allStoredSecrets = await this.storedSecretsFor_(row, provider)
    const { plain, secrets: newSecrets } =
      body.provider_config !== undefined
        ? splitConfig(provider, body.provider_config)
        : {
            plain:
              row.provider_id === providerId
                ? { ...(row.provider_config ?? {}) }
                : {},
            secrets: {},
          }
    // a new endpoint is saved only with secrets typed for it, or saving then testing (or
    // sending) would carry the old secrets to it (endpoint-secrets.ts)
    const held = endpointSecrets({
      provider,
      storedConfig: this.storedConfigFor_(row, providerId),
      storedSecrets: allStoredSecrets,
      plain,
      newSecrets,
    })
    const retype = retypeErrors(held, newSecrets, { saving: true })
    if (retype.length) {
      throw retype.reduce((e, args) => e.add(...args), new FieldErrors())
    }
    const storedSecrets = held.storedSecrets
    const merged = mergeProviderConfig({
      fromOptions: held.fromOptions,
      plain,
      storedSecrets,
      newSecrets,
    })
    const secretValues = [
      ...secretValuesOf(provider, merged),
      ...secretValuesOf(provider, {
        ...provider.options,
        ...allStoredSecrets,
      }),
    ]
    const result = parseProviderConfig(provider, merged)
    if ("errors" in result) {
      throw explainWithheld(result.errors, held).scrub(secretValues)
    }

    let prepared: Record<string, unknown> | null
    try {
      prepared = await provider.prepareConnection(result.config)
    } catch (e) {
      const message = (e as Error).message
      throw new FieldErrors(message)
        .add("provider_config", message, "prepare_failed")
        .scrub(secretValues)
    }
    for (const [name, value] of Object.entries(prepared ?? {})) {
      if (provider.secretNames.has(name)) {
        newSecrets[name] = value
      } else {
        plain[name] = value
      }
    }

    const patch: SettingsPatch = {
      provider_id: providerId,
      provider_config: plain,
    }
    if (Object.keys(newSecrets).length) {
      const credentials = Object.fromEntries(
        Object.entries({ ...storedSecrets, ...newSecrets }).filter(([name]) =>
          provider.secretNames.has(name)
        )
      )
      try {
        patch.credentials_encrypted = this.encrypt_(credentials)
      } catch (e) {
        const errors = new FieldErrors((e as Error).message)
        for (const name of Object.keys(newSecrets)) {
          errors.add(
            `provider_config.${name}`,
            (e as Error).message,
            "encryption_key_missing"
          )
        }
        throw errors
      }
    } else if (
      row.credentials_encrypted &&
      (held.moved || !this.credentialsBelongTo_(row, providerId))
    ) {
      patch.credentials_encrypted = null
    }
    return patch
  }

  /** The non-secret connection fields saved for `providerId`; empty for another provider's row. */
  private storedConfigFor_(
    row: FiscalSettingsRecord,
    providerId: string
  ): Record<string, unknown> {
    return this.credentialsBelongTo_(row, providerId)
      ? (row.provider_config ?? {})
      : {}
  }

  /** Whether the credentials saved in the row belong to `providerId`. */
  private credentialsBelongTo_(
    row: FiscalSettingsRecord,
    providerId: string
  ): boolean {
    return (
      (row.provider_id ?? this.providers_.defaultId() ?? null) === providerId
    )
  }

  /**
   * The stored credentials of `provider`, or none when the row holds another provider's.
   * An unreadable store (no key, wrong key) is a field error on the first secret field,
   * with a message that never contains a secret.
   */
  private async storedSecretsFor_(
    row: FiscalSettingsRecord,
    provider: RegisteredFiscalProvider
  ): Promise<Record<string, unknown>> {
    if (
      !row.credentials_encrypted ||
      !this.credentialsBelongTo_(row, provider.id)
    ) {
      return {}
    }
    try {
      return await this.credentialsOf_(row)
    } catch (e) {
      const [first] = provider.secretNames
      throw new FieldErrors((e as Error).message).add(
        `provider_config.${first ?? "credentials"}`,
        (e as Error).message,
        "credentials_unreadable"
      )
    }
  }

  /** The row's decrypted credentials; empty when none are stored. */
  private async credentialsOf_(
    row: FiscalSettingsRecord
  ): Promise<Record<string, unknown>> {
    if (!row.credentials_encrypted) {
      return {}
    }
    const key = this.encryptionKey_()
    if (!key) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "Fiscal credentials are stored encrypted but no encryption key is configured: set the plugin option encryption_key or the environment variable FISCAL_ENCRYPTION_KEY to the key they were saved with."
      )
    }
    return decryptJson<Record<string, unknown>>(key, row.credentials_encrypted)
  }

  /** Encrypts credentials for storage; refuses when no key is configured. */
  private encrypt_(credentials: Record<string, unknown>): string {
    const key = this.encryptionKey_()
    if (!key) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "Cannot store a credential: no encryption key is configured. Set the environment variable FISCAL_ENCRYPTION_KEY (or the plugin option encryption_key) to 64 hex characters (e.g. the output of: openssl rand -hex 32) and restart Medusa."
      )
    }
    return encryptJson(key, credentials)
  }

  /** The key of stored credentials, read on every use (the environment may change it). */
  private encryptionKey_(): Buffer | null {
    const raw =
      this.options_.encryption_key ?? process.env.FISCAL_ENCRYPTION_KEY
    return raw ? parseEncryptionKey(raw) : null
  }

  private callbackSecret_(row: FiscalSettingsRecord): string {
    return this.options_.callback.secret ?? row.callback_secret ?? ""
  }

  private providerOptions_(): Record<
    string,
    Readonly<Record<string, unknown>>
  > {
    return Object.fromEntries(
      this.providers_.list().map((provider) => [provider.id, provider.options])
    )
  }
}
