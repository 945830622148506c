import type FiscalModuleService from "../../../../modules/fiscal/service"
import type { FiscalProviderRegistry } from "../../../../modules/fiscal/providers/registry"
import { FieldErrors } from "./field-errors"
import {
  loadStoredSecrets,
  mergeProviderConfig,
  parseProviderConfig,
  secretNamesOf,
  splitConfig,
  storedCredentialsBelongTo,
} from "./provider-config"
import {
  AdminFiscalSettingsBody,
  RECEIPT_SETTING_NAMES,
  type AdminFiscalSettingsBodyType,
  type ReceiptSettingName,
} from "./validators"

type Patch = Record<string, unknown>

/**
 * Saves the settings form to the `fiscal_settings` row. Parts absent from the body stay as
 * saved; a blank value falls back to the plugin options. Throws {@link FieldErrors}, with
 * every problem found, before anything is written.
 */
export async function saveSettings(
  fiscal: FiscalModuleService,
  registry: FiscalProviderRegistry,
  rawBody: unknown
): Promise<void> {
  const parsed = AdminFiscalSettingsBody.safeParse(rawBody ?? {})
  if (!parsed.success) {
    throw new FieldErrors().addIssues(parsed.error.issues)
  }
  const body = parsed.data
  const row = await fiscal.getSettingsRow()
  const patch: Patch = {}

  if (body.enabled !== undefined) {
    patch.enabled = body.enabled
  }
  if (body.provider_id !== undefined || body.provider_config !== undefined) {
    Object.assign(patch, await providerPatch(fiscal, registry, row, body))
  }
  if (body.company) {
    const c = body.company
    if (c.inn !== undefined) patch.company_inn = c.inn
    if (c.email !== undefined) patch.company_email = c.email
    if (c.payment_address !== undefined)
      patch.company_payment_address = c.payment_address
    if (c.sno !== undefined) patch.company_sno = c.sno
  }
  if (body.receipt) {
    const defaults: Record<string, unknown> = {
      ...(row.receipt_defaults ?? {}),
    }
    for (const [apiName, value] of Object.entries(body.receipt)) {
      const engineName = RECEIPT_SETTING_NAMES[apiName as ReceiptSettingName]
      if (value === null) {
        delete defaults[engineName]
      } else if (value !== undefined) {
        defaults[engineName] = value
      }
    }
    patch.receipt_defaults = defaults
  }
  if (body.sell_trigger !== undefined) patch.sell_trigger = body.sell_trigger
  if (body.refund_receipts !== undefined)
    patch.refund_receipts = body.refund_receipts
  if (body.cancel_receipts !== undefined)
    patch.cancel_receipts = body.cancel_receipts
  if (body.retry?.intervals_minutes !== undefined) {
    patch.retry_intervals = body.retry.intervals_minutes
  }
  if (body.retry?.max_attempts !== undefined)
    patch.max_attempts = body.retry.max_attempts
  if (body.retry?.retry_daily !== undefined)
    patch.retry_daily = body.retry.retry_daily
  if (body.status_checks?.max_checks !== undefined) {
    patch.max_status_checks = body.status_checks.max_checks
  }

  if (Object.keys(patch).length) {
    await fiscal.updateFiscalSettings({ id: row.id, ...patch })
  }
}

/**
 * The provider part of the row: non-secret fields in `provider_config`, secrets merged
 * into the stored credentials and re-encrypted. Switching providers starts from empty
 * credentials, so one vendor's password never reaches another vendor.
 */
async function providerPatch(
  fiscal: FiscalModuleService,
  registry: FiscalProviderRegistry,
  row: Awaited<ReturnType<FiscalModuleService["getSettingsRow"]>>,
  body: AdminFiscalSettingsBodyType
): Promise<Patch> {
  const options = fiscal.getOptions()
  const providerId =
    body.provider_id !== undefined
      ? body.provider_id
      : (row.provider_id ?? options.provider ?? null)
  if (providerId === null) {
    return {
      provider_id: null,
      provider_config: null,
      credentials_encrypted: null,
    }
  }
  if (!registry.has(providerId)) {
    const known = registry
      .list()
      .map((p) => p.identifier)
      .join(", ")
    throw new FieldErrors().add(
      "provider_id",
      `is not a known provider; known providers: ${known}`,
      "unknown_provider"
    )
  }
  const definition = registry.definition(providerId)
  const storedSecrets = await loadStoredSecrets(fiscal, row, definition)
  const { plain, secrets: newSecrets } =
    body.provider_config !== undefined
      ? splitConfig(definition, body.provider_config)
      : {
          plain:
            row.provider_id === providerId ? (row.provider_config ?? {}) : {},
          secrets: {},
        }
  const merged = mergeProviderConfig({
    fromOptions: options.connections[providerId],
    plain,
    storedSecrets,
    newSecrets,
  })
  const result = parseProviderConfig(definition, merged)
  const secretNames = secretNamesOf(definition)
  if ("errors" in result) {
    throw result.errors.scrub([...secretNames].map((name) => merged[name]))
  }

  if (definition.prepareConnection) {
    let prepared: Record<string, unknown> | null
    try {
      prepared = await definition.prepareConnection(result.config)
    } catch (e) {
      const message = (e as Error).message
      throw new FieldErrors(message)
        .add("provider_config", message, "prepare_failed")
        .scrub([...secretNames].map((name) => merged[name]))
    }
    for (const [name, value] of Object.entries(prepared ?? {})) {
      if (secretNames.has(name)) {
        newSecrets[name] = value
      } else {
        plain[name] = value
      }
    }
  }

  const patch: Patch = { provider_id: providerId, provider_config: plain }
  if (Object.keys(newSecrets).length) {
    const credentials = Object.fromEntries(
      Object.entries({ ...storedSecrets, ...newSecrets }).filter(([name]) =>
        secretNames.has(name)
      )
    )
    try {
      patch.credentials_encrypted = fiscal.encryptCredentials(credentials)
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
    !storedCredentialsBelongTo(row, providerId, options.provider)
  ) {
    patch.credentials_encrypted = null
  }
  return patch
}
