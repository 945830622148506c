import type { ProviderCallContext } from "../../modules/fiscal/types/provider"

/** What a secret is replaced with. */
export const SCRUBBED = "***"

/** `text` with every occurrence of every secret replaced by `***`. */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret) {
      out = out.split(secret).join(SCRUBBED)
    }
  }
  return out
}

/** A copy of a JSON-like value whose strings (keys included) have every secret scrubbed. */
export function scrubValue<T>(value: T, secrets: readonly string[]): T {
  if (!secrets.length) {
    return value
  }
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      return scrubText(v, secrets)
    }
    if (Array.isArray(v)) {
      return v.map(walk)
    }
    if (v && typeof v === "object" && !Buffer.isBuffer(v)) {
      return Object.fromEntries(
        Object.entries(v).map(([key, inner]) => [
          scrubText(key, secrets),
          walk(inner),
        ])
      )
    }
    return v
  }
  return walk(value) as T
}

/**
 * A call context whose exchanges are scrubbed before the caller sees them: whatever a vendor
 * echoes or an error carries, the audit log never holds a configured secret.
 */
export function scrubbingContext(
  ctx: ProviderCallContext | undefined,
  secrets: () => readonly string[]
): ProviderCallContext | undefined {
  const report = ctx?.onExchange
  if (!report) {
    return ctx
  }
  return {
    ...ctx,
    onExchange: (exchange) => report(scrubValue(exchange, secrets())),
  }
}
