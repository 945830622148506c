import type { FiscalData } from "../../modules/fiscal/types/provider"
import { fromModulFiscalInfo } from "./mappers"
import type { ModulDocumentStatus, ModulFailureInfo } from "./types"

/** What a `DocumentStatus` says, before the provider decides about re-queueing. */
export type ModulStatusReading =
  | { kind: "wait"; state: string }
  | { kind: "done"; state: string; fiscal: FiscalData }
  | {
      kind: "failed"
      state: "FAILED"
      code: string
      message: string
      transient: boolean
    }
  | { kind: "unreadable"; state?: string }

/**
 * Words of a `NON_FN_FAILURE` message that name a passing cause: the kassa lost its link,
 * timed out, or was busy. Anything else (sums, tax mode, data) needs a person.
 */
const PASSING_CAUSE =
  /timeout|timed out|тайм-?аут|connection|соединени|связ|offline|недоступ|unavailable|busy|занят|перезапуст|restart/i

/**
 * Whether a failure passes by itself, so re-processing the same document can succeed.
 * `FN_GENERIC_FAILURE` is a fault of the fiscal storage exchange; `FN_MEMORY_OVERFLOW`
 * (the ФН holds 30 days of unsent documents) and `FN_EXPIRED` need the shop to act.
 */
export function isTransientFailure(
  failure: ModulFailureInfo | null | undefined,
  message?: string | null
): boolean {
  const type = String(failure?.type ?? "").toUpperCase()
  if (type === "FN_MEMORY_OVERFLOW" || type === "FN_EXPIRED") {
    return false
  }
  if (type === "FN_GENERIC_FAILURE") {
    return true
  }
  return PASSING_CAUSE.test(`${failure?.message ?? ""} ${message ?? ""}`)
}

/** Reads a `DocumentStatus` body; the state is matched case-insensitively. */
export function readDocumentStatus(body: unknown): ModulStatusReading {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return { kind: "unreadable" }
  }
  const status = body as ModulDocumentStatus
  const state =
    typeof status.status === "string"
      ? status.status.trim().toUpperCase()
      : undefined
  switch (state) {
    case "QUEUED":
    case "PENDING":
    case "REQUEUED":
      return { kind: "wait", state }
    case "PRINTED":
    case "COMPLETED":
    case "WAIT_FOR_CALLBACK": {
      // WAIT_FOR_CALLBACK comes after PRINTED: the receipt is fiscalized, only the notice
      // to the shop is pending.
      const fiscal = fromModulFiscalInfo(status.fiscalInfo)
      if (fiscal) {
        return { kind: "done", state, fiscal }
      }
      return state === "WAIT_FOR_CALLBACK"
        ? { kind: "wait", state }
        : { kind: "unreadable", state }
    }
    case "FAILED": {
      const failure = status.failureInfo ?? undefined
      const type =
        typeof failure?.type === "string" && failure.type !== ""
          ? failure.type.toUpperCase()
          : "FAILED"
      const message =
        (typeof failure?.message === "string" && failure.message.trim()) ||
        (typeof status.message === "string" && status.message.trim()) ||
        "МодульКасса failed the document without a message"
      return {
        kind: "failed",
        state,
        code: type,
        message,
        transient: isTransientFailure(failure, status.message),
      }
    }
    default:
      return { kind: "unreadable", state }
  }
}
