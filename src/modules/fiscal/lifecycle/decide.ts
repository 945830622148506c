import {
  AuthError,
  ConfigError,
  IndeterminateError,
  RetryableError,
  ValidationError,
  VendorFailedError,
  isFiscalProviderError,
} from "../errors"
import type { FiscalData, StatusOutcome } from "../types/provider"
import type {
  ClaimedFrom,
  FiscalReceiptDTO,
  ReceiptStatus,
  TransitionPatch,
} from "../types/receipt"
import {
  LIFECYCLE_CLOCKS,
  after,
  nextRetry,
  nextStatusCheck,
  type RetrySettings,
  type StatusCheckSettings,
} from "./clocks"
import type { Happening, WireRecord } from "./happenings"

export type { ClaimedFrom }

export { CLAIMED_FROM } from "../types/receipt"

/** The receipt as claimed, as far as the decision reads it. */
export type ClaimedRow = Pick<
  FiscalReceiptDTO,
  "id" | "attempts" | "status_checks" | "error_message" | "vendor_document_id"
> & { claimed_from: ClaimedFrom }

/** What the decision needs of the settings. */
export type DecisionSettings = {
  retry: RetrySettings
  status_checks: StatusCheckSettings
}

/** One step of a receipt's life: the next status, what to write with it, what to log. */
export type Decision = {
  to: ReceiptStatus
  patch: TransitionPatch
  /** A line for the server log, when the step is worth one. */
  log?: { level: "warn" | "error"; message: string }
}

/** Everything the decision depends on; nothing else (no clock, no database). */
export type DecisionInput = {
  row: ClaimedRow
  happened: Happening
  settings: DecisionSettings
  now: Date
}

/**
 * The life of a receipt in one function (docs/architecture.md, "The life of a receipt"):
 * given the row as claimed and what happened, the next status and the patch written with
 * it in one `transition()`. Pure, so the whole table is tested without a database.
 *
 * The rules that keep a receipt exactly once:
 * - a row that may be registered (claimed from anything but `pending`) never goes back to
 *   `pending` under the same external id: it stays `unknown` until the vendor answers;
 * - a new generation (new external id) only after the vendor failed the document or said
 *   it has none;
 * - problems of the shop's settings postpone without using up attempts.
 */
export function decide(input: DecisionInput): Decision {
  const { row, happened } = input
  if (row.claimed_from === "wait") {
    return decideCheck(input)
  }
  switch (happened.kind) {
    case "registered":
      return happened.outcome.kind === "registered"
        ? registered(
            happened.outcome.fiscal,
            input.now,
            happened.wire,
            happened.outcome.vendorDocumentId
          )
        : accepted(happened.outcome.vendorDocumentId, input.now, happened.wire)
    case "status":
      return fromStatus(input, happened.status)
    case "error":
      return sendFailed(input, happened.error, happened.wire)
    case "build_error":
      return happened.error.code === "INVALID_SETTINGS"
        ? postpone(input, happened.error.code, happened.error.message)
        : invalid(happened.error.code, happened.error.message)
    case "settings_problem":
      return postpone(input, happened.code, happened.message)
    case "waits_for_earlier":
      return waitForEarlier(input, happened.earlier)
    case "collected_on_handover":
      return collectedOnHandover()
  }
}

/** Nothing is sent: a settlement receipt registered this capture's money at the handover. */
function collectedOnHandover(): Decision {
  return {
    to: "done",
    patch: {
      error_code: null,
      error_message: null,
      error_kind: null,
      needs_attention: false,
      next_attempt_at: null,
    },
  }
}

/** States that need a person before the next receipt can go: the earlier one will not register by itself. */
const STUCK = ["failed", "invalid", "canceled"]

/**
 * A receipt whose order has an earlier receipt not registered yet waits for it. While that
 * one is on its way this is routine; when it failed or is invalid, this one is flagged
 * with what to do.
 */
function waitForEarlier(
  input: DecisionInput,
  earlier: { id: string; status: string; type: string }
): Decision {
  const stuck = STUCK.includes(earlier.status)
  const what = earlier.type === "sell" ? "sale" : "refund"
  return {
    to: requeueStatus(input.row),
    patch: {
      uncount_attempt: true,
      error_code:
        earlier.type === "sell" ? "WAITS_FOR_SALE" : "WAITS_FOR_REFUND",
      error_message: stuck
        ? `Waits for the ${what} receipt ${earlier.id}, which is ${earlier.status}: the receipts of an order are registered in the order its money moved. Fix that receipt and press "Send to KKM" on it; this one follows by itself.`
        : `Waits for the ${what} receipt ${earlier.id} (${earlier.status}) to be registered first.`,
      error_kind: null,
      needs_attention: stuck,
      next_attempt_at: after(input.now, LIFECYCLE_CLOCKS.saleWaitMs),
    },
  }
}

/** A status check: only the vendor's answer moves the row; a failed check asks again later. */
function decideCheck(input: DecisionInput): Decision {
  const { happened, now } = input
  if (happened.kind === "status") {
    return fromStatus(input, happened.status)
  }
  if (happened.kind === "registered") {
    // a check never registers; read it as the status it reports
    return happened.outcome.kind === "registered"
      ? registered(happened.outcome.fiscal, now, happened.wire)
      : stillWaiting(input)
  }
  const { code, message } = describeProblem(happened)
  return {
    to: "wait",
    patch: {
      error_code: code,
      error_message: `Status check failed: ${message}`,
      next_attempt_at: nextStatusCheck(input.settings.status_checks, now),
      last_checked_at: now,
    },
  }
}

/** The vendor's view of a document, from a check or from a look-up before a resend. */
function fromStatus(input: DecisionInput, status: StatusOutcome): Decision {
  const { now } = input
  // learned by a look-up after a lost answer: callbacks name documents by this id
  const learned: { vendor_document_id?: string } =
    status.kind !== "not_found" &&
    status.vendorDocumentId &&
    !input.row.vendor_document_id &&
    !(status.kind === "failed" && status.transient)
      ? { vendor_document_id: status.vendorDocumentId }
      : {}
  switch (status.kind) {
    case "done":
      return registered(
        status.fiscal,
        now,
        undefined,
        learned.vendor_document_id
      )
    case "wait":
      return stillWaiting(input, learned)
    case "failed":
      if (status.transient) {
        // queue timeout, register offline: the vendor definitively failed this id, so a
        // new generation is safe and goes out at once
        return {
          to: "pending",
          patch: {
            regenerate: true,
            error_code: status.code,
            error_message: `${status.message} (a passing failure: the receipt is sent again automatically)`,
            error_kind: "retryable",
            next_attempt_at: now,
            last_checked_at: now,
          },
        }
      }
      return {
        to: "failed",
        patch: {
          ...learned,
          error_code: status.code,
          error_message: status.message,
          error_kind: "vendor_failed",
          needs_attention: true,
          next_attempt_at: null,
          last_checked_at: now,
        },
      }
    case "not_found":
      // the vendor never registered it: a new generation cannot duplicate anything
      return {
        to: "pending",
        patch: {
          regenerate: true,
          error_code: "NOT_FOUND",
          error_message:
            "The cash-register service has no such document; it is sent again.",
          error_kind: "retryable",
          next_attempt_at: now,
          last_checked_at: now,
        },
      }
  }
}

/** Still processing at the vendor: the next check, or a person after too many. */
function stillWaiting(
  input: DecisionInput,
  learned: { vendor_document_id?: string } = {}
): Decision {
  const { row, now, settings } = input
  const exhausted = row.status_checks >= settings.status_checks.max_checks
  return {
    to: "wait",
    patch: {
      ...learned,
      needs_attention: exhausted,
      error_message: exhausted
        ? `The cash-register service is still processing the receipt after ${row.status_checks} checks. Press "Check status" later or contact the service.`
        : row.error_message,
      next_attempt_at: exhausted
        ? null
        : nextStatusCheck(settings.status_checks, now),
      last_checked_at: now,
    },
  }
}

function registered(
  f: FiscalData,
  now: Date,
  wire: WireRecord | undefined,
  vendorDocumentId?: string
): Decision {
  return {
    to: "done",
    patch: {
      ...wire,
      ...(vendorDocumentId ? { vendor_document_id: vendorDocumentId } : {}),
      fiscal_document_number: f.fiscal_document_number,
      fiscal_document_attribute: f.fiscal_document_attribute,
      fiscal_receipt_number: f.fiscal_receipt_number ?? null,
      shift_number: f.shift_number ?? null,
      fn_number: f.fn_number ?? null,
      ecr_registration_number: f.ecr_registration_number ?? null,
      registered_at: f.registered_at ? new Date(f.registered_at) : now,
      ofd_receipt_url: f.ofd_receipt_url ?? null,
      error_code: null,
      error_message: null,
      error_kind: null,
      needs_attention: false,
      next_attempt_at: null,
      last_checked_at: now,
    },
  }
}

function accepted(
  vendorDocumentId: string,
  now: Date,
  wire: WireRecord | undefined
): Decision {
  return {
    to: "wait",
    patch: {
      ...wire,
      vendor_document_id: vendorDocumentId,
      next_attempt_at: after(now, LIFECYCLE_CLOCKS.firstCheckDelayMs),
      reset_status_checks: true,
      error_code: null,
      error_message: null,
      error_kind: null,
      needs_attention: false,
    },
  }
}

function invalid(code: string, message: string, wire?: WireRecord): Decision {
  return {
    to: "invalid",
    patch: {
      ...wire,
      error_code: code,
      error_message: message,
      error_kind: "invalid_data",
      needs_attention: true,
      next_attempt_at: null,
    },
  }
}

/**
 * The settings are incomplete or refused: nothing was registered by this attempt. The row
 * waits on the retry schedule without using up attempts, so it goes out by itself once the
 * settings are fixed.
 */
function postpone(
  input: DecisionInput,
  code: string,
  message: string,
  wire?: WireRecord
): Decision {
  const { row, settings, now } = input
  return {
    to: requeueStatus(row),
    patch: {
      ...wire,
      error_code: code,
      error_message: message,
      error_kind: "config",
      needs_attention: true,
      next_attempt_at: nextRetry(1, settings.retry, now).at,
      uncount_attempt: true,
    },
    log: { level: "warn", message: `${row.id} postponed: ${message}` },
  }
}

/** A vendor call of the send path threw. The error's class alone decides. */
function sendFailed(
  input: DecisionInput,
  e: unknown,
  wire: WireRecord | undefined
): Decision {
  const { row, settings, now } = input
  const message = messageOf(e)
  const code = isFiscalProviderError(e) ? (e.code ?? e.kind) : "error"

  if (e instanceof ValidationError) {
    const fields = e.fields.length ? ` Fields: ${e.fields.join(", ")}.` : ""
    return invalid(code, `${message}${fields}`, wire)
  }
  if (e instanceof AuthError || e instanceof ConfigError) {
    return postpone(input, code, message, wire)
  }
  if (e instanceof VendorFailedError) {
    return {
      to: "failed",
      patch: {
        ...wire,
        error_code: code,
        error_message: message,
        error_kind: "vendor_failed",
        needs_attention: true,
        next_attempt_at: null,
      },
    }
  }
  const retry = nextRetry(row.attempts, settings.retry, now)
  const hint =
    e instanceof RetryableError && e.retryAfterMs
      ? after(now, e.retryAfterMs)
      : null
  const at = retry.at && hint && hint > retry.at ? hint : retry.at
  if (e instanceof IndeterminateError) {
    // the request may have registered the document: resolve it with the same external id
    return {
      to: "unknown",
      patch: {
        ...wire,
        error_code: code,
        error_message: `${message} The receipt will be resolved with the same document id.`,
        error_kind: "indeterminate",
        needs_attention: retry.exhausted,
        next_attempt_at: at ?? after(now, LIFECYCLE_CLOCKS.unknownFallbackMs),
      },
    }
  }
  const log =
    e instanceof RetryableError
      ? undefined
      : {
          level: "error" as const,
          message: `unexpected error sending ${row.id}: ${message}`,
        }
  if (retry.exhausted && !retry.at) {
    const mayBeRegistered = row.claimed_from !== "pending"
    return {
      // a row that may be registered is never given up: it stays unknown, resolvable
      to: mayBeRegistered ? "unknown" : "failed",
      patch: {
        ...wire,
        error_code: code,
        error_message: `${message} Gave up after ${row.attempts} attempts; use "Send to KKM" to try again.`,
        error_kind: "retryable",
        needs_attention: true,
        next_attempt_at: mayBeRegistered
          ? after(now, LIFECYCLE_CLOCKS.unknownFallbackMs)
          : null,
      },
      log,
    }
  }
  return {
    to: requeueStatus(row),
    patch: {
      ...wire,
      error_code: code,
      error_message: message,
      error_kind: "retryable",
      needs_attention: retry.exhausted,
      next_attempt_at: at,
    },
    log,
  }
}

/**
 * Where an unfinished row goes back to: `pending` if the vendor certainly does not hold
 * it, else `unknown`, which must still be resolved with the same external id.
 */
function requeueStatus(row: ClaimedRow): "pending" | "unknown" {
  return row.claimed_from === "pending" ? "pending" : "unknown"
}

/** Code and message of whatever kept a step from its goal, for the receipt's error. */
function describeProblem(
  happened: Exclude<Happening, { kind: "status" } | { kind: "registered" }>
): { code: string; message: string } {
  switch (happened.kind) {
    case "error":
      return {
        code: isFiscalProviderError(happened.error)
          ? (happened.error.code ?? happened.error.kind)
          : "error",
        message: messageOf(happened.error),
      }
    case "build_error":
      return { code: happened.error.code, message: happened.error.message }
    case "settings_problem":
      return { code: happened.code, message: happened.message }
    case "collected_on_handover":
      return {
        code: "COLLECTED_ON_HANDOVER",
        message: "the capture is on a settlement receipt",
      }
    case "waits_for_earlier":
      return {
        code:
          happened.earlier.type === "sell"
            ? "WAITS_FOR_SALE"
            : "WAITS_FOR_REFUND",
        message: `waits for the earlier receipt ${happened.earlier.id}`,
      }
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
