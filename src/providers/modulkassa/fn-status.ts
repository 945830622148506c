import type { ModulFnState, ModulFnStatus } from "./types"
import { parseModulDateTime } from "./wire-format"

/**
 * A kassa reports its fiscal storage state while it runs; a state older than this means it
 * has stopped reporting; the doc advises alerting on a stale `dateTime` but gives no figure
 * (docs/vendors/modulkassa.md, "Service status"). A day covers a kassa restarted overnight [I].
 */
export const FN_STATUS_STALE_MS = 24 * 60 * 60 * 1000

/** `GET /v1/status` as the connection test reads it. */
export type FnStatusReading = {
  status: ModulFnState | "UNKNOWN"
  /** The value as sent, for an unknown state. */
  raw?: string
  /** When the state was set, ISO 8601 UTC. */
  dateTime?: string
  /** Whole hours since `dateTime` when it is older than {@link FN_STATUS_STALE_MS}. */
  staleHours?: number
}

const STATES: readonly ModulFnState[] = [
  "ASSOCIATED",
  "READY",
  "DISABLED",
  "FAILED",
]

/** Reads an `FNStatus`; the v2 doc writes states in upper case, older clients in lower case. */
export function readFnStatus(body: unknown, now: Date): FnStatusReading {
  const status = (body && typeof body === "object" ? body : {}) as ModulFnStatus
  const raw =
    typeof status.status === "string" ? status.status.trim() : undefined
  const upper = raw?.toUpperCase() as ModulFnState | undefined
  const reading: FnStatusReading = {
    status: upper && STATES.includes(upper) ? upper : "UNKNOWN",
  }
  if (reading.status === "UNKNOWN" && raw) {
    reading.raw = raw
  }
  const dateTime = parseModulDateTime(status.dateTime)
  if (dateTime) {
    reading.dateTime = dateTime
    const age = now.getTime() - Date.parse(dateTime)
    if (age > FN_STATUS_STALE_MS) {
      reading.staleHours = Math.floor(age / 3_600_000)
    }
  }
  return reading
}
