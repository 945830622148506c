import { logger as medusaLogger } from "@medusajs/framework/logger"

/** `/hooks/fiscal/<provider>/<secret>`: the segment after the provider is the callback secret. */
const CALLBACK_PATH = /(\/hooks\/fiscal\/[^/?#\s"'`]+\/)[^/?#\s"'`]+/g

/** `text` with the secret segment of every callback path in it replaced by `***`. */
export function maskCallbackPaths(text: string): string {
  return text.replace(CALLBACK_PATH, "$1***")
}

/** The logger's methods that take a message. */
const METHODS = [
  "silly",
  "debug",
  "verbose",
  "http",
  "info",
  "warn",
  "error",
  "log",
  "activity",
  "progress",
  "success",
  "failure",
] as const

const MASKED = Symbol.for("medusa-fiscal.callback-paths-masked")

/**
 * Makes Medusa's logger mask callback paths in every message. Medusa names the request path
 * in lines the plugin cannot reach: its body parser writes one for every request to a route
 * with its own parser settings (`skipping json bodyparser middleware POST <path>`, at debug
 * level) before any middleware of the route runs, and its error handler writes the path of
 * a failed request. The callback routes' path carries the installation's secret, so the
 * logger itself hides it. Wrapping is done once per logger; other text passes unchanged.
 */
export function maskCallbackPathsInLog(logger: object = medusaLogger): void {
  const target = logger as Record<PropertyKey, unknown>
  if (target[MASKED]) {
    return
  }
  for (const name of METHODS) {
    const original = target[name]
    if (typeof original !== "function") {
      continue
    }
    target[name] = function (this: unknown, ...args: unknown[]) {
      return (original as (...a: unknown[]) => unknown).apply(
        this,
        args.map((arg) =>
          typeof arg === "string" ? maskCallbackPaths(arg) : arg
        )
      )
    }
  }
  target[MASKED] = true
}
