import { isBlank } from "../providers/config-issues"
import type { RegisteredFiscalProvider } from "../providers/registered-provider"
import { FieldErrors } from "./field-errors"

export { isBlank }

/** A config split into what may be shown and what may not; blank values dropped. */
export function splitConfig(
  provider: RegisteredFiscalProvider,
  config: Record<string, unknown>
): { plain: Record<string, unknown>; secrets: Record<string, unknown> } {
  const plain: Record<string, unknown> = {}
  const secrets: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(config)) {
    if (isBlank(value)) {
      continue
    }
    if (provider.secretNames.has(name)) {
      secrets[name] = value
    } else {
      plain[name] = value
    }
  }
  return { plain, secrets }
}

/**
 * The configuration a provider would run with if the form were saved: the entry's options
 * ← fields saved in the admin (unless the form replaces them) ← stored secrets ← secrets
 * typed in the form.
 */
export function mergeProviderConfig(input: {
  fromOptions: Readonly<Record<string, unknown>> | undefined
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

/** The values of a provider's secret fields in `config`, to cut out of any message. */
export function secretValuesOf(
  provider: RegisteredFiscalProvider,
  config: Record<string, unknown>
): unknown[] {
  return [...provider.secretNames].map((name) => config[name])
}

/**
 * Validates a merged config with the provider's own rules. Issues become field errors
 * under `provider_config.`; they name the field and the rule, never the value.
 */
export function parseProviderConfig(
  provider: RegisteredFiscalProvider,
  merged: Record<string, unknown>
): { config: unknown } | { errors: FieldErrors } {
  try {
    return { config: provider.parseConfig(merged) }
  } catch (e) {
    const issues = (e as { issues?: unknown }).issues
    const errors = new FieldErrors(
      `The ${provider.title} connection settings are not valid; see the fields.`
    )
    if (Array.isArray(issues)) {
      errors.addIssues(issues, "provider_config")
      // a required field nobody filled in reads better as "required"
      for (const issue of issues as { path: PropertyKey[] }[]) {
        const name = String(issue.path[0] ?? "")
        if (name && isBlank(merged[name])) {
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
