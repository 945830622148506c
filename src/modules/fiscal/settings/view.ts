import { DEFAULT_RECEIPT_SETTINGS } from "../../../lib/receipt/settings"
import type {
  ConnectionView,
  FiscalSettingsView,
  SecretState,
} from "../../../types/http/settings"
import type { FiscalOptions } from "../options"
import type { RegisteredFiscalProvider } from "../providers/registered-provider"
import { resolveEffectiveSettings } from "./effective-settings"
import { isBlank, splitConfig } from "./provider-config"
import { RECEIPT_SETTING_NAMES } from "./receipt-setting-names"
import type { FiscalSettingsRecord } from "./types"

/** Everything the settings form is built from. */
export type SettingsViewSources = {
  options: FiscalOptions
  providers: readonly RegisteredFiscalProvider[]
  defaultProviderId?: string
  row: FiscalSettingsRecord
  /** The row's decrypted credentials, or `unreadable` when the key cannot open them. */
  credentials: Record<string, unknown> | "unreadable"
  callbackSecret: string
  encryptionConfigured: boolean
  /** `https://shop.example` as the browser reached the server. */
  requestOrigin: string
}

/**
 * The settings form: effective values, every known connection with its secrets only as
 * `{ set }`, the callback URL to copy. Holds no secret value.
 */
export function buildSettingsView(
  sources: SettingsViewSources
): FiscalSettingsView {
  const { options, row, providers, defaultProviderId } = sources
  const readable = sources.credentials !== "unreadable"
  const credentials = readable
    ? (sources.credentials as Record<string, unknown>)
    : {}
  const effective = resolveEffectiveSettings({
    options,
    providerOptions: Object.fromEntries(
      providers.map((p) => [p.id, p.options])
    ),
    defaultProviderId,
    row,
    credentials,
    callbackSecret: sources.callbackSecret,
  })
  const storedFor = row.provider_id ?? defaultProviderId ?? null

  const connections: Record<string, ConnectionView> = {}
  for (const provider of providers) {
    const saved =
      row.provider_id === provider.id ? (row.provider_config ?? {}) : {}
    const stored = storedFor === provider.id ? credentials : {}
    const config = { ...provider.options, ...saved, ...stored }
    const unreadableButStored =
      !readable && storedFor === provider.id && !!row.credentials_encrypted
    const secrets: Record<string, SecretState> = {}
    for (const name of provider.secretNames) {
      secrets[name] = { set: !isBlank(config[name]) || unreadableButStored }
    }
    connections[provider.id] = {
      config: splitConfig(provider, config).plain,
      secrets,
    }
  }

  const providerId = effective.provider_id
  const active = providerId ? connections[providerId] : undefined
  const receipt = {
    ...DEFAULT_RECEIPT_SETTINGS,
    ...effective.receipt,
  } as Record<string, unknown>
  const receiptView = Object.fromEntries(
    Object.entries(RECEIPT_SETTING_NAMES).map(([apiName, engineName]) => {
      const value = receipt[engineName]
      return [
        apiName,
        typeof value === "string" || typeof value === "number" ? value : null,
      ]
    })
  ) as FiscalSettingsView["receipt"]

  const base = (options.callback.base_url ?? sources.requestOrigin).replace(
    /\/+$/,
    ""
  )
  return {
    enabled: effective.enabled,
    provider_id: providerId,
    provider_config: active?.config ?? {},
    provider_secrets: active?.secrets ?? {},
    connections,
    company: {
      inn: effective.company.inn ?? null,
      email: effective.company.email ?? null,
      payment_address: effective.company.payment_address ?? null,
      sno: effective.company.sno ?? null,
    },
    receipt: receiptView,
    sell_trigger: effective.sell_trigger,
    refund_receipts: effective.refund_receipts,
    cancel_receipts: effective.cancel_receipts,
    retry: effective.retry,
    status_checks: {
      max_checks: effective.status_checks.max_checks,
      interval_seconds: effective.status_checks.interval_seconds,
    },
    callback: {
      url:
        providerId && sources.callbackSecret
          ? `${base}/hooks/fiscal/${encodeURIComponent(providerId)}/${sources.callbackSecret}`
          : null,
      base_url: options.callback.base_url ?? null,
    },
    notifications: effective.notifications,
    encryption_configured: sources.encryptionConfigured,
    credentials_readable: readable,
  }
}
