import type { FiscalT as TFunction } from "../../lib/i18n"
import { FiscalApiError } from "../../lib/sdk"
import type { ClientErrors } from "./form-state"

/** Field path → message shown under the field. */
export type FieldMessages = Record<string, string>

/** Server codes the admin can say in the user's language; others show the server's text. */
const TRANSLATED_CODES: Record<string, string> = {
  invalid_inn: "errors.invalidInn",
  required: "errors.required",
  encryption_key_missing: "errors.encryptionKeyMissing",
  credentials_unreadable: "errors.credentialsUnreadable",
  secret_required_for_new_endpoint: "errors.secretRequiredForNewEndpoint",
  too_small: "errors.outOfRange",
  too_big: "errors.outOfRange",
}

export function serverFieldMessages(
  error: unknown,
  t: TFunction
): FieldMessages {
  if (!(error instanceof FiscalApiError)) {
    return {}
  }
  const out: FieldMessages = {}
  for (const [field, message] of Object.entries(error.fields)) {
    const code = error.codes[field]
    if (field === "company.email" && code === "invalid_format") {
      out[field] = t("errors.invalidEmail")
    } else {
      out[field] =
        code && TRANSLATED_CODES[code] ? t(TRANSLATED_CODES[code]) : message
    }
  }
  return out
}

export function clientFieldMessages(
  errors: ClientErrors,
  t: TFunction
): FieldMessages {
  return Object.fromEntries(
    Object.entries(errors).map(([field, code]) => [field, t(`errors.${code}`)])
  )
}

/** The message of `field` or of anything under it (`retry.intervals_minutes.2`). */
export function messageFor(
  messages: FieldMessages,
  field: string
): string | undefined {
  return (
    messages[field] ??
    Object.entries(messages).find(([key]) => key.startsWith(`${field}.`))?.[1]
  )
}
