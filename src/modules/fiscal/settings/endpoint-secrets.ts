import type { RegisteredFiscalProvider } from "../providers/registered-provider"
import type { FieldErrors } from "./field-errors"
import { isBlank } from "./provider-config"

/** Field error code: a saved secret is withheld because the form changes where it would go. */
export const SECRET_REQUIRED_FOR_NEW_ENDPOINT =
  "secret_required_for_new_endpoint"

const RETYPE_MESSAGE =
  "must be entered again: the service address changed, and a saved secret is sent only to the address it was saved for"

/**
 * The secrets a connection form may be run or saved with. A secret saved in the admin or set
 * in the plugin options belongs to the endpoint it was set with (the provider's
 * `endpointFields`): were it sent wherever the form points, anyone able to post the form
 * could read it at a listener of their own, and the admin's write-only password would not be
 * write-only.
 */
export type EndpointSecrets = {
  /** The form changes an endpoint field from what is saved (or configured). */
  moved: boolean
  /** The entry's options to merge under the form: without their secrets when `moved`. */
  fromOptions: Readonly<Record<string, unknown>>
  /** The stored secrets to merge: none when `moved`. */
  storedSecrets: Record<string, unknown>
  /** Secret fields that have a value for the old endpoint and are not typed in the form. */
  withheld: string[]
  /** Of `withheld`, those set in the plugin options (a save cannot drop them). */
  withheldFromOptions: string[]
}

/**
 * Compares the endpoint of the form (`plain` over the entry's options) with the saved one
 * (`storedConfig` over the same options) and decides which secrets may go with the form.
 */
export function endpointSecrets(input: {
  provider: RegisteredFiscalProvider
  /** The non-secret fields saved in the admin for this provider; empty when none are. */
  storedConfig: Readonly<Record<string, unknown>>
  /** The provider's decrypted stored secrets. */
  storedSecrets: Record<string, unknown>
  /** The form's non-secret fields, blanks dropped. */
  plain: Readonly<Record<string, unknown>>
  /** The secrets typed in the form. */
  newSecrets: Readonly<Record<string, unknown>>
}): EndpointSecrets {
  const { provider, storedConfig, storedSecrets, plain, newSecrets } = input
  const options = provider.options
  const saved = endpointOf(provider, { ...options, ...storedConfig })
  const posted = endpointOf(provider, { ...options, ...plain })
  const moved = saved.some((value, i) => value !== posted[i])
  if (!moved) {
    return {
      moved,
      fromOptions: options,
      storedSecrets,
      withheld: [],
      withheldFromOptions: [],
    }
  }
  const held = (name: string, from: Readonly<Record<string, unknown>>) =>
    !isBlank(from[name]) && isBlank(newSecrets[name])
  const names = [...provider.secretNames]
  return {
    moved,
    fromOptions: Object.fromEntries(
      Object.entries(options).filter(
        ([name]) => !provider.secretNames.has(name)
      )
    ),
    storedSecrets: {},
    withheld: names.filter(
      (name) => held(name, options) || held(name, storedSecrets)
    ),
    withheldFromOptions: names.filter((name) => held(name, options)),
  }
}

/**
 * The field errors to refuse a form with, before anything is sent or saved: a form that moves
 * the connection and types no secret at all would run without the secrets it had (or, saved,
 * would later run the configured ones against the new endpoint), so the admin is asked for
 * the secret again. `save` also refuses to leave a configured secret behind, since the
 * effective settings would merge it under the new endpoint.
 */
export function retypeErrors(
  found: EndpointSecrets,
  newSecrets: Readonly<Record<string, unknown>>,
  { saving }: { saving: boolean }
): Array<[field: string, message: string, code: string]> {
  if (!found.moved) {
    return []
  }
  const names = Object.keys(newSecrets).length
    ? saving
      ? found.withheldFromOptions
      : []
    : found.withheld.slice(0, 1)
  return names.map((name) => [
    `provider_config.${name}`,
    RETYPE_MESSAGE,
    SECRET_REQUIRED_FOR_NEW_ENDPOINT,
  ])
}

/**
 * The provider's own validation errors of a moved form, a withheld secret's error saying
 * why it is missing rather than only that it is.
 */
export function explainWithheld(
  errors: FieldErrors,
  found: EndpointSecrets
): FieldErrors {
  for (const name of found.withheld) {
    const field = `provider_config.${name}`
    if (field in errors.fields) {
      errors.fields[field] = RETYPE_MESSAGE
      errors.codes[field] = SECRET_REQUIRED_FOR_NEW_ENDPOINT
    }
  }
  return errors
}

/** The endpoint values of a config as text, a blank one read as the form's default. */
function endpointOf(
  provider: RegisteredFiscalProvider,
  config: Readonly<Record<string, unknown>>
): string[] {
  return provider.endpointNames.map((name) => {
    const value = isBlank(config[name])
      ? provider.fieldDefault(name)
      : config[name]
    if (value === undefined || value === null) {
      return ""
    }
    return typeof value === "string" ? value.trim() : JSON.stringify(value)
  })
}
