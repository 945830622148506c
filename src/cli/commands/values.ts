import { usageError } from "../exit-codes"

/** A whole number option within bounds, or a usage error naming the option. */
export function intOption(
  raw: string | boolean | undefined,
  name: string,
  { min, max, fallback }: { min: number; max: number; fallback: number }
): number {
  if (raw === undefined || raw === false) {
    return fallback
  }
  const n = Number(raw)
  if (typeof raw !== "string" || !Number.isInteger(n) || n < min || n > max) {
    throw usageError(
      `--${name} must be a whole number from ${min} to ${max}; got ${JSON.stringify(raw)}.`
    )
  }
  return n
}

/** Medusa ids as the routes take them (`order_01J…`, `ref_01J…`, `frc_01J…`). */
const ID = /^[A-Za-z0-9_-]{1,100}$/

/** The one argument a command takes, checked to be an id with one of the `prefixes`. */
export function idArgument(
  positionals: string[],
  what: string,
  prefixes: string[]
): string {
  if (positionals.length !== 1) {
    throw usageError(
      `Give ${what}, exactly one; got ${positionals.length ? positionals.join(" ") : "none"}.`
    )
  }
  const id = positionals[0]
  if (!ID.test(id) || !prefixes.some((p) => id.startsWith(p))) {
    throw usageError(
      `${JSON.stringify(id)} is not ${what}: Medusa's ids start with ${prefixes.join(" or ")} ` +
        `(the admin shows them in the page's address; the order's number #… is not its id).`
    )
  }
  return id
}

/** The `--wait` option every sending command has: how long to watch the receipts. */
export const WAIT_OPTION = {
  type: "string" as const,
  value: "<seconds>",
  help: "How long to watch the receipts being registered before printing them (default 30; 0 prints them as recorded).",
}

/** Seconds of `--wait`. */
export const waitSeconds = (raw: string | boolean | undefined) =>
  intOption(raw, "wait", { min: 0, max: 3600, fallback: 30 })
