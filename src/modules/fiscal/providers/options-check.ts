import type { FiscalProviderClass } from "../types/provider"
import { configIssuesOf, isBlank } from "./config-issues"

/** What is wrong with the `options` of a `providers` entry. */
export type ProviderOptionsCheck = {
  /** Wrong types, unknown fields, broken rules: each names the field, never the value. */
  problems: string[]
  /** Fields the connection needs that nobody filled in yet (the admin may add them). */
  missing: string[]
}

/** Field names a class declares: its schema's keys (when it has one) and its form's fields. */
function knownFields(service: FiscalProviderClass): Set<string> | undefined {
  const shape = (service as { configSchema?: { shape?: unknown } }).configSchema
    ?.shape
  const names = [
    ...(shape && typeof shape === "object" ? Object.keys(shape) : []),
    ...(service.configFields ?? []).map((field) => field.name),
  ]
  return names.length ? new Set(names) : undefined
}

/**
 * Checks a provider entry's `options` against the provider's own validation. A required
 * field left out is not a problem at boot (credentials are often typed in the admin later)
 * but is reported in `missing`; any other issue is.
 */
export function checkProviderOptions(
  service: FiscalProviderClass,
  options: unknown
): ProviderOptionsCheck {
  if (options === undefined || options === null) {
    options = {}
  }
  if (typeof options !== "object" || Array.isArray(options)) {
    return { problems: ["`options` must be an object"], missing: [] }
  }
  const input = options as Record<string, unknown>
  const problems: string[] = []
  const known = knownFields(service)
  if (known) {
    const unknown = Object.keys(input).filter((name) => !known.has(name))
    if (unknown.length) {
      problems.push(
        `unknown field${unknown.length > 1 ? "s" : ""}: ${unknown
          .map((name) => `\`${name}\``)
          .join(", ")}`
      )
    }
  }
  const missing = new Set<string>()
  try {
    service.parseConfig(input)
  } catch (e) {
    const issues = configIssuesOf(e)
    if (!issues) {
      problems.push((e as Error).message)
    }
    for (const issue of issues ?? []) {
      const field = String(issue.path[0] ?? "")
      if (field && isBlank(input[field])) {
        missing.add(field)
      } else {
        problems.push(
          `\`${issue.path.map(String).join(".") || "options"}\`: ${issue.message}`
        )
      }
    }
  }
  return { problems, missing: [...missing] }
}
