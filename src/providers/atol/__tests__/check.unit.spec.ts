import { performance } from "node:perf_hooks"

import type { AtolEmulator } from "medusa-fiscal-emulator/atol"
import {
  IndeterminateError,
  RetryableError,
} from "../../../modules/fiscal/errors"
import { TEST_COMPANY, saleDocument } from "./fixtures"
import {
  TEST_KASSAS,
  V5_ACCOUNT,
  providerFor,
  resetProcessState,
  startTestEmulator,
} from "./harness"
import type {
  FiscalCompany,
  FiscalProvider,
} from "../../../modules/fiscal/types/provider"
import {
  registeredSale,
  type RegisterDefaults,
} from "../../_shared/__tests__/spec-helpers"
import { useEmulator } from "../../_shared/__tests__/use-emulator"
import { startPostSink } from "../../_shared/__tests__/post-sink"

let atol: AtolEmulator
let seq = 0
const externalId = () => `ftx_check_${++seq}:0`

useEmulator(
  () => startTestEmulator(),
  (e) => (atol = e),
  resetProcessState
)

const SALE: RegisterDefaults<FiscalProvider> = {
  provider: () => providerFor(atol),
  externalId,
  document: () => saleDocument(),
  company: TEST_COMPANY,
}
const registered = (provider?: FiscalProvider, company?: FiscalCompany) =>
  registeredSale(SALE, provider, company)

describe('check (docs/vendors/atol.md, "Status and report answers")', () => {
  it("wait (code 34) while processing, then done with the fiscal data", async () => {
    const provider = providerFor(atol)
    atol.setFaults({ stuckInWait: true })
    const ref = await registered(provider)
    expect(await provider.check(ref)).toEqual({ kind: "wait" })

    atol.setFaults({ stuckInWait: false })
    await atol.idle()
    const status = await provider.check(ref)
    const fiscal = atol.ledger()[0].fiscal!
    expect(status).toEqual({
      kind: "done",
      fiscal: {
        fiscal_document_number: String(fiscal.fiscal_document_number),
        fiscal_document_attribute: String(fiscal.fiscal_document_attribute),
        fiscal_receipt_number: String(fiscal.fiscal_receipt_number),
        shift_number: String(fiscal.shift_number),
        fn_number: fiscal.fn_number,
        ecr_registration_number: fiscal.ecr_registration_number,
        registered_at: expect.stringMatching(
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/
        ),
        ofd_receipt_url: fiscal.ofd_receipt_url,
        total: 279000,
      },
    })
  })

  it("failed, not transient, for an INN the kassas are not registered for (agent 2009)", async () => {
    const provider = providerFor(atol)
    const ref = await registered(provider, {
      ...TEST_COMPANY,
      inn: "7701234567",
    })
    await atol.idle()
    const status = await provider.check(ref)
    expect(status).toMatchObject({
      kind: "failed",
      code: "agent_2009",
      transient: false,
    })
    expect(status.kind === "failed" && status.message).toContain("7701234567")
  })

  it.each([
    [{ type: "timeout", code: 1 }, "timeout_1", true],
    [{ type: "driver", code: 2 }, "driver_2", true],
    [{ type: "driver", code: 66 }, "driver_66", false],
  ])("failed %j → %s, transient %p", async (failure, code, transient) => {
    const provider = providerFor(atol)
    atol.setFaults({ failNext: failure })
    const ref = await registered(provider)
    await atol.idle()
    expect(await provider.check(ref)).toMatchObject({
      kind: "failed",
      code,
      transient,
    })
  })

  it("not_found for a uuid ATOL does not know (code 30)", async () => {
    const status = await providerFor(atol).check({
      externalId: "ftx_never_sent:0",
      vendorDocumentId: "11111111-2222-4333-8444-555555555555",
    })
    expect(status).toEqual({ kind: "not_found" })
  })

  it("refuses to guess without a uuid: the caller must resend the external_id", async () => {
    await expect(
      providerFor(atol).check({ externalId: "ftx_1:0" })
    ).rejects.toBeInstanceOf(IndeterminateError)
  })

  it("connection loss and 500 are retryable, and after 500 the next report waits a second", async () => {
    const provider = providerFor(atol)
    const ref = await registered(provider)
    atol.setFaults({ next: [{ fault: "process_then_drop", on: "report" }] })
    await expect(provider.check(ref)).rejects.toBeInstanceOf(RetryableError)
    atol.setFaults({ next: [{ fault: "server_error", on: "report" }] })
    await expect(provider.check(ref)).rejects.toBeInstanceOf(RetryableError)
    const afterError = performance.now()
    await provider.check(ref)
    // After a system error ATOL wants at least 1 s before the next request
    // (docs/vendors/atol.md, "Limits").
    expect(performance.now() - afterError).toBeGreaterThanOrEqual(990)
  })

  it("refreshes an expired token once during checks", async () => {
    const provider = providerFor(atol)
    const ref = await registered(provider)
    atol.expireTokens()
    await atol.idle()
    expect((await provider.check(ref)).kind).toBe("done")
    expect(atol.stats().tokens_issued).toBe(2)
  })

  it("100 concurrent checks from two provider instances stay within one request per second per kassa", async () => {
    const providers = [providerFor(atol), providerFor(atol)]
    const ref = await registered(providers[0])
    await atol.idle()
    const started = performance.now()
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => providers[i % 2].check(ref))
    )
    const elapsed = performance.now() - started
    expect(results.every((r) => r.kind === "done")).toBe(true)
    const rate = atol.stats().reports[V5_ACCOUNT.groups[0].code]
    expect(rate.requests).toBe(100)
    expect(rate.rejected).toBe(0)
    expect(rate.max_per_second).toBeLessThanOrEqual(TEST_KASSAS)
    expect(rate.max_per_kassa_per_second).toBeLessThanOrEqual(1)
    // Without the shared limiter the 100 requests would arrive in one burst, above the 80
    // a second the group allows; spaced 14 ms apart they take at least 99 × 14 ms.
    expect(elapsed).toBeGreaterThanOrEqual(99 * 14)
  })
})

describe("parseCallback", () => {
  it("returns the uuid and external_id of ATOL's callback body", async () => {
    const sink = await startPostSink("/hooks/atol")
    try {
      const provider = providerFor(atol, { callback_url: sink.url })
      const ref = await registered(provider)
      await atol.idle()
      const rawBody = Buffer.from(JSON.stringify(sink.bodies[0]))
      expect(await provider.parseCallback!({ headers: {}, rawBody })).toEqual({
        vendorDocumentId: ref.vendorDocumentId,
        externalId: ref.externalId,
      })
    } finally {
      await sink.close()
    }
  })

  it.each([
    ["not JSON", "status=done"],
    ["an array", "[]"],
    ["no uuid", JSON.stringify({ status: "done" })],
    ["a uuid that is not one", JSON.stringify({ uuid: "../../etc/passwd" })],
    ["empty", ""],
  ])("returns null for %s", async (_name, body) => {
    expect(
      await providerFor(atol).parseCallback!({
        headers: {},
        rawBody: Buffer.from(body),
      })
    ).toBeNull()
  })
})
