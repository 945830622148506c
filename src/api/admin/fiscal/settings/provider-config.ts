import type FiscalModuleService from "../../../../modules/fiscal/service"
import type { FiscalProviderDefinition } from "../../../../modules/fiscal/types/provider"
import { FieldErrors } from "./field-errors"

type SettingsRow = Awaited<ReturnType<FiscalModuleService["getSettingsRow"]>>

/** Names of a provider's secret fields: listed in `secretFields` or marked `secret`. */
export function secretNamesOf(
  definition: FiscalProviderDefinition<any>
): Set<string> {
  return new Set([
    ...definition.secretFields,
    ...definition.configFields.filter((f) => f.secret).map((f) => f.name),
  ])
}

/** Nothing typed: an absent, null or whitespace-only value. */
export function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === "string" && value.trim() === "")
  )
}

/** A config split into what may be shown and what may not; blank values dropped. */
export function splitConfig(
  definition: FiscalProviderDefinition<any>,
  config: Record<string, unknown>
): { plain: Record<string, unknown>; secrets: Record<string, unknown> } {
  const secretNames = secretNamesOf(definition)
  const plain: Record<string, unknown> = {}
  const secrets: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(config)) {
    if (isBlank(value)) {
      continue
    }
    if (secretNames.has(name)) {
      secrets[name] = value
    } else {
      plain[name] = value
    }
  }
  return { plain, secrets }
}

/** Whether the credentials saved in the row belong to `providerId`. */
export function storedCredentialsBelongTo(
  row: SettingsRow,
  providerId: string,
  optionsProvider: string | undefined
): boolean {
  return (row.provider_id ?? optionsProvider ?? null) === providerId
}

/**
 * The saved credentials of `providerId`, or none when the row holds another provider's.
 * An unreadable store (no key, wrong key) is a field error on the first secret field, with
 * the service's message (it never contains a secret).
 */
export async function loadStoredSecrets(
  fiscal: FiscalModuleService,
  row: SettingsRow,
  definition: FiscalProviderDefinition<any>
): Promise<Record<string, unknown>> {
  const options = fiscal.getOptions()
  if (
    !row.credentials_encrypted ||
    !storedCredentialsBelongTo(row, definition.identifier, options.provider)
  ) {
    return {}
  }
  try {
    return await fiscal.getStoredCredentials()
  } catch (e) {
    const [first] = secretNamesOf(definition)
    throw new FieldErrors((e as Error).message).add(
      `provider_config.${first ?? "credentials"}`,
      (e as Error).message,
      "credentials_unreadable"
    )
  }
}

/**
 * The configuration a provider would run with if the form were saved: plugin options ←
 * fields saved in the admin (unless the form replaces them) ← stored secrets ← secrets
 * typed in the form.
 */
export function mergeProviderConfig(input: {
  fromOptions: Record<string, unknown> | undefined
  plain: Record<string, unknown>
  storedSecrets: Record<string, unknown>
  newSecrets: Record<string, unknown>
}): Record<string, unknown> {
  return {
    ...(input.fromOptions ?? {}),
    ...input.plain,
    ...input.storedSecrets,
    ...input.newSecrets,
  }
}

/**
 * Validates a merged config with the provider's own schema. Issues become field errors
 * under `provider_config.`; zod names the field and the rule, never the value.
 */
export function parseProviderConfig(
  definition: FiscalProviderDefinition<any>,
  merged: Record<string, unknown>
): { config: Record<string, unknown> } | { errors: FieldErrors } {
  try {
    return { config: definition.parseConfig(merged) }
  } catch (e) {
    const issues = (e as { issues?: unknown }).issues
    const errors = new FieldErrors(
      `The ${definition.title} connection settings are not valid; see the fields.`
    )
    if (Array.isArray(issues)) {
      errors.addIssues(issues, "provider_config")
      // a required field nobody filled in reads better as "required"
      for (const issue of issues as { path: PropertyKey[]; code?: string }[]) {
        const name = String(issue.path[0] ?? "")
        if (isBlank(merged[name]) && name) {
          errors.fields[`provider_config.${name}`] = "is required"
          errors.codes[`provider_config.${name}`] = "required"
        }
      }
    } else {
      errors.add("provider_config", (e as Error).message)
    }
    return { errors }
  }
}
