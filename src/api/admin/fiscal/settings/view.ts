import type FiscalModuleService from "../../../../modules/fiscal/service"
import type { FiscalProviderRegistry } from "../../../../modules/fiscal/providers/registry"
import { resolveEffectiveSettings } from "../../../../modules/fiscal/settings/effective-settings"
import { DEFAULT_RECEIPT_SETTINGS } from "../../../../lib/receipt/settings"
import { isBlank, secretNamesOf, splitConfig } from "./provider-config"
import { RECEIPT_SETTING_NAMES } from "./validators"
import type {
  ConnectionView,
  FiscalSettingsView,
  SecretState,
} from "../../../../types/http/settings"

/** Whether the service can encrypt: it refuses with a message when no usable key is set. */
export function encryptionConfigured(fiscal: FiscalModuleService): boolean {
  try {
    fiscal.encryptCredentials({})
    return true
  } catch {
    return false
  }
}

/** Builds the settings view from options, the saved row and the stored credentials. */
export async function buildSettingsView(
  fiscal: FiscalModuleService,
  registry: FiscalProviderRegistry,
  requestOrigin: string
): Promise<FiscalSettingsView> {
  const options = fiscal.getOptions()
  const row = await fiscal.getSettingsRow()
  let credentials: Record<string, unknown> = {}
  let credentialsReadable = true
  try {
    credentials = await fiscal.getStoredCredentials()
  } catch {
    credentialsReadable = false
  }
  const callbackSecret = options.callback.secret ?? row.callback_secret ?? ""
  const effective = resolveEffectiveSettings(
    options,
    row,
    credentials,
    callbackSecret
  )
  const storedFor = row.provider_id ?? options.provider ?? null

  const connections: Record<string, ConnectionView> = {}
  for (const { identifier } of registry.list()) {
    const definition = registry.definition(identifier)
    const saved =
      row.provider_id === identifier ? (row.provider_config ?? {}) : {}
    const stored = storedFor === identifier ? credentials : {}
    const config = {
      ...(options.connections[identifier] ?? {}),
      ...saved,
      ...stored,
    }
    const secrets: Record<string, SecretState> = {}
    for (const name of secretNamesOf(definition)) {
      const unreadableButStored =
        !credentialsReadable &&
        storedFor === identifier &&
        !!row.credentials_encrypted
      secrets[name] = { set: !isBlank(config[name]) || unreadableButStored }
    }
    connections[identifier] = {
      config: splitConfig(definition, config).plain,
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

  const base = (options.callback.base_url ?? requestOrigin).replace(/\/+$/, "")
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
        providerId && callbackSecret
          ? `${base}/hooks/fiscal/${encodeURIComponent(providerId)}/${callbackSecret}`
          : null,
      base_url: options.callback.base_url ?? null,
    },
    encryption_configured: encryptionConfigured(fiscal),
    credentials_readable: credentialsReadable,
  }
}
