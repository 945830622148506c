import { eventsOfChange, FiscalEvents } from "../events"
import { alertStateOf } from "../alerts/state"
import type { FiscalReceiptDTO } from "../../modules/fiscal/types/receipt"

const at = new Date("2026-12-07T10:00:00Z")

function receipt(patch: Partial<FiscalReceiptDTO> = {}): FiscalReceiptDTO {
  return {
    id: "frec_1",
    order_id: "order_1",
    payment_id: "pay_1",
    capture_id: "capt_1",
    refund_id: null,
    fulfillment_id: null,
    type: "sell",
    reason: "payment",
    source_key: "capture:capt_1",
    provider_id: "atol",
    external_id: "frec_1-0",
    generation: 0,
    vendor_document_id: null,
    status: "pending",
    attempts: 1,
    next_attempt_at: null,
    lease_until: null,
    lease_owner: null,
    status_checks: 0,
    last_checked_at: null,
    needs_attention: false,
    document: { buyer: { email: "buyer@example.com" } },
    request: { receipt: { client: { email: "buyer@example.com" } } },
    response: null,
    fiscal_document_number: null,
    fiscal_document_attribute: null,
    fiscal_receipt_number: null,
    shift_number: null,
    fn_number: null,
    ecr_registration_number: null,
    registered_at: null,
    ofd_receipt_url: null,
    total: 199_000,
    error_code: null,
    error_message: null,
    error_kind: null,
    parent_id: null,
    correction: null,
    created_at: at,
    updated_at: at,
    ...patch,
  }
}

const names = (before: FiscalReceiptDTO, after: FiscalReceiptDTO) =>
  eventsOfChange(before, after).map((e) => e.name)

describe("eventsOfChange", () => {
  it("a receipt entering done is registered, with its fiscal data and nothing of the buyer", () => {
    const [event, ...rest] = eventsOfChange(
      receipt({ status: "wait" }),
      receipt({
        status: "done",
        fiscal_document_number: "12",
        fiscal_document_attribute: "3456",
        fn_number: "9999",
        registered_at: at,
      })
    )
    expect(rest).toEqual([])
    expect(event.name).toBe(FiscalEvents.RECEIPT_REGISTERED)
    expect(event.data).toMatchObject({
      id: "frec_1",
      status: "done",
      previous_status: "wait",
      total: 199_000,
      fiscal: {
        document_number: "12",
        document_attribute: "3456",
        fn_number: "9999",
        registered_at: "2026-12-07T10:00:00.000Z",
      },
    })
    expect(JSON.stringify(event.data)).not.toContain("buyer@example.com")
  })

  it("failed and invalid are failures; flagged at the same time is also needs_attention", () => {
    expect(
      names(
        receipt({ status: "pending" }),
        receipt({ status: "failed", error_code: "2009", needs_attention: true })
      )
    ).toEqual([
      FiscalEvents.RECEIPT_FAILED,
      FiscalEvents.RECEIPT_NEEDS_ATTENTION,
    ])
    expect(
      names(receipt({ status: "pending" }), receipt({ status: "invalid" }))
    ).toEqual([FiscalEvents.RECEIPT_FAILED])
  })

  it("a failure repeated in the same state and generation is no new event; a new generation or code is", () => {
    const failed = receipt({ status: "failed", error_code: "2009" })
    expect(names(failed, failed)).toEqual([])
    expect(names(failed, { ...failed, generation: 1 })).toEqual([
      FiscalEvents.RECEIPT_FAILED,
    ])
    expect(names(failed, { ...failed, error_code: "2010" })).toEqual([
      FiscalEvents.RECEIPT_FAILED,
    ])
  })

  it("a flag is announced when it is raised, not while it stays", () => {
    const flagged = receipt({ status: "unknown", needs_attention: true })
    expect(names(receipt({ status: "unknown" }), flagged)).toEqual([
      FiscalEvents.RECEIPT_NEEDS_ATTENTION,
    ])
    expect(names(flagged, flagged)).toEqual([])
    expect(
      names(receipt({ status: "wait" }), receipt({ status: "wait" }))
    ).toEqual([])
  })

  it("a receipt without a document has no total", () => {
    const [event] = eventsOfChange(
      receipt(),
      receipt({ status: "invalid", total: null })
    )
    expect(event.data.total).toBeNull()
    expect(event.data.fiscal).toBeNull()
  })
})

describe("alertStateOf", () => {
  it("names failed and invalid, a flag on an unfinished receipt, nothing else", () => {
    expect(alertStateOf({ status: "failed", needs_attention: true })).toBe(
      "failed"
    )
    expect(alertStateOf({ status: "invalid", needs_attention: false })).toBe(
      "invalid"
    )
    expect(alertStateOf({ status: "pending", needs_attention: true })).toBe(
      "needs_attention"
    )
    expect(alertStateOf({ status: "unknown", needs_attention: true })).toBe(
      "needs_attention"
    )
    expect(alertStateOf({ status: "done", needs_attention: true })).toBeNull()
    expect(alertStateOf({ status: "wait", needs_attention: false })).toBeNull()
  })
})
