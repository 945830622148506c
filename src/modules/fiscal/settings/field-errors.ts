/** One issue as zod reports it, as far as the mapping reads it. */
type Issue = {
  path: readonly PropertyKey[]
  message: string
  code?: string
  params?: Record<string, unknown>
}

/**
 * Errors of a settings form, by field path (`company.inn`, `provider_config.login`). The
 * admin shows each message next to its field; `codes` lets it show a translated text for
 * the problems it knows. Messages never hold a secret value.
 */
export class FieldErrors extends Error {
  readonly fields: Record<string, string> = {}
  readonly codes: Record<string, string> = {}

  constructor(message = "Some settings are not valid; see the fields.") {
    super(message)
    this.name = "FieldErrors"
  }

  add(field: string, message: string, code?: string): this {
    if (!(field in this.fields)) {
      this.fields[field] = message
      if (code) {
        this.codes[field] = code
      }
    }
    return this
  }

  /** Adds zod issues, their paths under `prefix`. */
  addIssues(issues: readonly Issue[], prefix = ""): this {
    for (const issue of issues) {
      const path = issue.path.map(String).join(".")
      const field = [prefix, path].filter(Boolean).join(".") || prefix || "body"
      const code =
        typeof issue.params?.code === "string" ? issue.params.code : issue.code
      this.add(field, issue.message, code)
    }
    return this
  }

  /** The same errors with every secret value cut out of their messages. */
  scrub(secrets: readonly unknown[]): FieldErrors {
    const out = new FieldErrors(scrubSecrets(this.message, secrets))
    for (const [field, message] of Object.entries(this.fields)) {
      out.add(field, scrubSecrets(message, secrets), this.codes[field])
    }
    return out
  }
}

/** Removes every secret value from a text that is about to leave the server. */
export function scrubSecrets(
  text: string,
  secrets: readonly unknown[]
): string {
  let out = text
  for (const secret of secrets) {
    if (typeof secret === "string" && secret.length > 0) {
      out = out.split(secret).join("***")
    }
  }
  return out
}
