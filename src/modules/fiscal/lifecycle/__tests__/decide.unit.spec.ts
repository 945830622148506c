import { ReceiptError } from "../../../../lib/receipt/errors"
import {
  AuthError,
  ConfigError,
  IndeterminateError,
  RetryableError,
  ValidationError,
  VendorFailedError,
} from "../../errors"
import { canTransition } from "../../transitions"
import type { FiscalData } from "../../types/provider"
import type { ReceiptStatus } from "../../types/receipt"
import {
  CLAIMED_FROM,
  LIFECYCLE_CLOCKS,
  decide,
  type ClaimedFrom,
  type ClaimedRow,
  type DecisionSettings,
  type Happening,
} from ".."

const now = new Date("2026-03-01T10:00:00Z")
const settings: DecisionSettings = {
  retry: {
    intervals_minutes: [1, 5, 15],
    max_attempts: 10,
    retry_daily: false,
  },
  status_checks: { interval_seconds: 30, max_checks: 120 },
}
const fiscal: FiscalData = {
  fiscal_document_number: "1041",
  fiscal_document_attribute: "3512345678",
  fiscal_receipt_number: "17",
  shift_number: "4",
  fn_number: "9999078900001234",
  ecr_registration_number: "0000000001012345",
  registered_at: "2026-03-01T10:00:01Z",
  ofd_receipt_url: "https://ofd.example/r/1041",
}
const err = { provider: "atol", operation: "register", message: "boom" }

/** Everything that can happen to a claimed receipt, by name. */
const HAPPENINGS = {
  accepted: {
    kind: "registered",
    outcome: { kind: "accepted", vendorDocumentId: "uuid-1", duplicate: false },
    wire: { request: { external_id: "frc_1" }, response: { uuid: "uuid-1" } },
  },
  registered_at_once: {
    kind: "registered",
    outcome: {
      kind: "registered",
      vendorDocumentId: "doc-1",
      duplicate: false,
      fiscal,
    },
  },
  status_done: { kind: "status", status: { kind: "done", fiscal } },
  status_wait: { kind: "status", status: { kind: "wait" } },
  status_failed_passing: {
    kind: "status",
    status: {
      kind: "failed",
      code: "timeout",
      message: "Queue timed out",
      transient: true,
    },
  },
  status_failed_lasting: {
    kind: "status",
    status: {
      kind: "failed",
      code: "2009",
      message: "INN mismatch",
      transient: false,
    },
  },
  status_not_found: { kind: "status", status: { kind: "not_found" } },
  error_validation: {
    kind: "error",
    error: new ValidationError({ ...err, fields: ["client.email"] }),
  },
  error_auth: { kind: "error", error: new AuthError(err) },
  error_config: { kind: "error", error: new ConfigError(err) },
  error_vendor_failed: { kind: "error", error: new VendorFailedError(err) },
  error_indeterminate: { kind: "error", error: new IndeterminateError(err) },
  error_retryable: { kind: "error", error: new RetryableError(err) },
  error_unexpected: { kind: "error", error: new TypeError("x is undefined") },
  build_invalid_order: {
    kind: "build_error",
    error: new ReceiptError("NO_CONTACT", "No email or phone"),
  },
  build_invalid_settings: {
    kind: "build_error",
    error: new ReceiptError("INVALID_SETTINGS", "Unknown VAT code"),
  },
  settings_problem: {
    kind: "settings_problem",
    code: "COMPANY_CONFIG",
    message: "The seller's inn is not set.",
  },
  waits_for_earlier: {
    kind: "waits_for_earlier",
    earlier: { id: "frc_sale", status: "wait", type: "sell" },
  },
  collected_on_handover: { kind: "collected_on_handover" },
} satisfies Record<string, Happening>

type Name = keyof typeof HAPPENINGS

/**
 * The decision table: the next status for every happening × every `claimed_from`.
 * Columns: pending, unknown, sending (lease expired), wait (a status check).
 */
// prettier-ignore
const TABLE: Record<Name, [ReceiptStatus, ReceiptStatus, ReceiptStatus, ReceiptStatus]> = {
  //                         pending    unknown    sending    wait
  accepted:               ["wait",    "wait",    "wait",    "wait"],
  registered_at_once:     ["done",    "done",    "done",    "done"],
  status_done:            ["done",    "done",    "done",    "done"],
  status_wait:            ["wait",    "wait",    "wait",    "wait"],
  status_failed_passing:  ["pending", "pending", "pending", "pending"],
  status_failed_lasting:  ["failed",  "failed",  "failed",  "failed"],
  status_not_found:       ["pending", "pending", "pending", "pending"],
  error_validation:       ["invalid", "invalid", "invalid", "wait"],
  error_auth:             ["pending", "unknown", "unknown", "wait"],
  error_config:           ["pending", "unknown", "unknown", "wait"],
  error_vendor_failed:    ["failed",  "failed",  "failed",  "wait"],
  error_indeterminate:    ["unknown", "unknown", "unknown", "wait"],
  error_retryable:        ["pending", "unknown", "unknown", "wait"],
  error_unexpected:       ["pending", "unknown", "unknown", "wait"],
  build_invalid_order:    ["invalid", "invalid", "invalid", "wait"],
  build_invalid_settings: ["pending", "unknown", "unknown", "wait"],
  settings_problem:       ["pending", "unknown", "unknown", "wait"],
  waits_for_earlier:      ["pending", "unknown", "unknown", "wait"],
  collected_on_handover:  ["done",    "done",    "done",    "wait"],
}

const row = (
  claimed_from: ClaimedFrom,
  over: Partial<ClaimedRow> = {}
): ClaimedRow => ({
  id: "frc_1",
  attempts: 1,
  status_checks: 1,
  error_message: null,
  vendor_document_id: null,
  claimed_from,
  ...over,
})

const cases = (Object.keys(TABLE) as Name[]).flatMap((name) =>
  CLAIMED_FROM.map((from, i) => ({ name, from, to: TABLE[name][i] }))
)

/** Vendor answers that allow a new external id: it failed the document or has none. */
const MAY_REGENERATE: Name[] = ["status_failed_passing", "status_not_found"]
/** Steps that did not reach the vendor for a reason of the shop's, not the order's. */
const POSTPONES: Name[] = [
  "error_auth",
  "error_config",
  "build_invalid_settings",
  "settings_problem",
  "waits_for_earlier",
]

describe("decide: the decision table", () => {
  it("covers every happening × every claimed_from", () => {
    expect(cases).toHaveLength(Object.keys(HAPPENINGS).length * 4)
  })

  it.each(cases)("$name from $from → $to", ({ name, from, to }) => {
    const decision = decide({
      row: row(from),
      happened: HAPPENINGS[name] as Happening,
      settings,
      now,
    })
    const p = decision.patch
    expect(decision.to).toBe(to)

    // the claim left the row in `sending` (send path) or `wait` (check path)
    expect(canTransition(from === "wait" ? "wait" : "sending", to)).toBe(true)

    // a row that may be registered never goes back to pending under the same id
    if (from !== "pending" && to === "pending") {
      expect(p.regenerate).toBe(true)
    }
    // a new generation only after the vendor failed the document or never had it
    if (p.regenerate) {
      expect(MAY_REGENERATE).toContain(name)
    }
    // terminal states are not scheduled; waiting ones always are (wait: until exhausted)
    if (to === "done" || to === "failed" || to === "invalid") {
      expect(p.next_attempt_at).toBeNull()
    } else {
      expect(p.next_attempt_at).toBeInstanceOf(Date)
      expect((p.next_attempt_at as Date).getTime()).toBeGreaterThanOrEqual(
        now.getTime()
      )
    }
    if (to === "done" && name === "collected_on_handover") {
      // registered on the settlement receipt: this row has no fiscal data of its own
      expect(p).toEqual({
        error_code: null,
        error_message: null,
        error_kind: null,
        needs_attention: false,
        next_attempt_at: null,
      })
    } else if (to === "done") {
      expect(p).toMatchObject({
        fiscal_document_number: "1041",
        fiscal_document_attribute: "3512345678",
        error_code: null,
        error_message: null,
        needs_attention: false,
      })
    }
    if (to === "failed" || to === "invalid") {
      expect(p.needs_attention).toBe(true)
      expect(p.error_message).toEqual(expect.any(String))
    }
    // the shop's problems and a refund waiting for its sale do not use up attempts
    expect(Boolean(p.uncount_attempt)).toBe(
      from !== "wait" && POSTPONES.includes(name)
    )
  })
})

describe("decide: details", () => {
  const settle = (
    happened: Happening,
    over: Partial<ClaimedRow> = {},
    from: ClaimedFrom = "pending"
  ) => decide({ row: row(from, over), happened, settings, now })

  it("schedules the first check of an accepted document and keeps the exchange", () => {
    const d = settle(HAPPENINGS.accepted as Happening)
    expect(d.patch).toMatchObject({
      vendor_document_id: "uuid-1",
      reset_status_checks: true,
      request: { external_id: "frc_1" },
      response: { uuid: "uuid-1" },
    })
    expect((d.patch.next_attempt_at as Date).getTime() - now.getTime()).toBe(
      LIFECYCLE_CLOCKS.firstCheckDelayMs
    )
  })

  it("walks the retry schedule and honours a longer Retry-After", () => {
    const first = settle(HAPPENINGS.error_retryable as Happening, {
      attempts: 2,
    })
    expect(
      (first.patch.next_attempt_at as Date).getTime() - now.getTime()
    ).toBe(5 * 60_000)
    const hinted = settle({
      kind: "error",
      error: new RetryableError({ ...err, retryAfterMs: 20 * 60_000 }),
    })
    expect(
      (hinted.patch.next_attempt_at as Date).getTime() - now.getTime()
    ).toBe(20 * 60_000)
  })

  it("gives up a receipt the vendor cannot hold, never one it may hold", () => {
    const exhausted = { attempts: 10 }
    expect(
      settle(HAPPENINGS.error_retryable as Happening, exhausted)
    ).toMatchObject({
      to: "failed",
      patch: { needs_attention: true, next_attempt_at: null },
    })
    const maybeRegistered = settle(
      HAPPENINGS.error_retryable as Happening,
      exhausted,
      "unknown"
    )
    expect(maybeRegistered.to).toBe("unknown")
    expect(maybeRegistered.patch.needs_attention).toBe(true)
    expect(
      (maybeRegistered.patch.next_attempt_at as Date).getTime() - now.getTime()
    ).toBe(LIFECYCLE_CLOCKS.unknownFallbackMs)
    const daily = decide({
      row: row("pending", exhausted),
      happened: HAPPENINGS.error_retryable as Happening,
      settings: {
        ...settings,
        retry: { ...settings.retry, retry_daily: true },
      },
      now,
    })
    expect(daily.to).toBe("pending")
    expect(
      (daily.patch.next_attempt_at as Date).getTime() - now.getTime()
    ).toBe(LIFECYCLE_CLOCKS.dailyRetryMs)
  })

  it("flags a document still waiting after the configured checks and stops checking it", () => {
    const d = settle(
      HAPPENINGS.status_wait as Happening,
      { status_checks: 120 },
      "wait"
    )
    expect(d).toMatchObject({
      to: "wait",
      patch: { needs_attention: true, next_attempt_at: null },
    })
    expect(d.patch.error_message).toMatch(/after 120 checks/)
  })

  it("learns the vendor's id from a look-up only when the row has none", () => {
    const found: Happening = {
      kind: "status",
      status: { kind: "wait", vendorDocumentId: "op-7" },
    }
    expect(settle(found, {}, "unknown").patch.vendor_document_id).toBe("op-7")
    expect(
      settle(found, { vendor_document_id: "op-1" }, "unknown").patch
    ).not.toHaveProperty("vendor_document_id")
  })

  it("says why a refund waits and when it looks again", () => {
    const d = settle(HAPPENINGS.waits_for_earlier as Happening)
    expect(d.patch.error_message).toBe(
      "Waits for the sale receipt frc_sale (wait) to be registered first."
    )
    expect(d.patch.needs_attention).toBe(false)
    const failedSale = settle({
      kind: "waits_for_earlier",
      earlier: { id: "frc_sale", status: "failed", type: "sell" },
    })
    expect(failedSale.to).toBe("pending")
    expect(failedSale.patch.needs_attention).toBe(true)
    expect(failedSale.patch.error_message).toMatch(
      /frc_sale, which is failed: the receipts of an order are registered in the order its money moved/
    )
    expect((d.patch.next_attempt_at as Date).getTime() - now.getTime()).toBe(
      LIFECYCLE_CLOCKS.saleWaitMs
    )
  })

  it("names the fields a vendor refused and logs what it did not expect", () => {
    expect(
      settle(HAPPENINGS.error_validation as Happening).patch.error_message
    ).toBe("boom Fields: client.email.")
    expect(settle(HAPPENINGS.error_unexpected as Happening).log).toEqual({
      level: "error",
      message: "unexpected error sending frc_1: x is undefined",
    })
    expect(settle(HAPPENINGS.settings_problem as Happening).log?.level).toBe(
      "warn"
    )
  })

  it("keeps checking after a failed check, with the reason", () => {
    const d = settle(HAPPENINGS.error_retryable as Happening, {}, "wait")
    expect(d.patch.error_message).toBe("Status check failed: boom")
    expect((d.patch.next_attempt_at as Date).getTime() - now.getTime()).toBe(
      30_000
    )
  })
})
